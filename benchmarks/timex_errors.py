"""Accuracy of the temporal tagger by grammar rule on a TimeML corpus: where value F1 is lost.

For every rule: expressions whose value matches the gold (right), overlapping a gold expression
with another value (wrong), and overlapping none (false alarms). With a rule name, it also lists
that rule's most frequent wrong values (digits folded to 9), to see which are conventions of the
annotation and which are errors of the rule.

Usage: python benchmarks/timex_errors.py [TML_DIR] [--rule NAME]
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

from briefing.dates import tag

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "tempeval3" / "TBAQ-cleaned"
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))


def main() -> int:
    from timex_score import parse_tml  # the scorer's own reading of the corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rule", help="list the wrong values of this rule")
    args = parser.parse_args()
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    wrong: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path in sorted(args.folder.rglob("*.tml")):
        _, dct, text, gold = parse_tml(path)
        found = list(tag(text, dct))
        used: set[int] = set()
        for start, end, _, value in gold:
            hit = next((i for i, m in enumerate(found) if i not in used and m.end > start and m.start < end), None)
            if hit is None:
                continue
            used.add(hit)
            m = found[hit]
            if m.value == value:
                counts[m.rule][0] += 1
            else:
                counts[m.rule][1] += 1
                wrong[m.rule][(m.text.lower(), re.sub(r"\d", "9", m.value), re.sub(r"\d", "9", value))] += 1
        for i, m in enumerate(found):
            if i not in used:
                counts[m.rule][2] += 1
    print(f"{'rule':16} {'right':>6} {'wrong':>6} {'false':>6}  value accuracy")
    for rule, (right, bad, false) in sorted(counts.items(), key=lambda kv: -(kv[1][1] + kv[1][2])):
        print(f"{rule:16} {right:6} {bad:6} {false:6}  {right / max(1, right + bad):.2f}")
    if args.rule:
        print(f"\nwrong values of {args.rule}: (text, ours, gold)")
        for key, n in wrong[args.rule].most_common(40):
            print(f"{n:4}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
