"""Throughput of the temporal tagger beside dateparser.search_dates, in one run.

Reads the TimeML corpus (default ../shared/data/tempeval3/TBAQ-cleaned), strips the tags, and
times on the same texts:
- the `briefing dates --format jsonl` command end to end (process start-up included),
- the tagger as a library call (`briefing.dates.tag`),
- `dateparser.search.search_dates` with the document's date as RELATIVE_BASE.
Prints documents per second and the ratios. Speeds are compared within one run only.

Usage: python benchmarks/bench_dates.py [TML_DIR] [--limit N]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from html import unescape
from pathlib import Path

from briefing.dates import tag

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "tempeval3" / "TBAQ-cleaned"
HEIDELTIME_SECONDS = 85.0  # measured on this machine for the 256 documents (issue 3)


def documents(folder: Path, limit: int | None) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(folder.rglob("*.tml"))[:limit]:
        raw = path.read_text("utf-8")
        dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S).group(1)[:10]
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
        out.append((path.stem, dct, unescape(re.sub(r"<[^>]+>", "", body))))
    return out


def per_second(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    args = parser.parse_args()
    docs = documents(args.folder, args.limit)
    if not docs:
        print(f"no .tml files under {args.folder}", file=sys.stderr)
        return 1
    n = len(docs)

    with tempfile.TemporaryDirectory() as tmp:
        for docid, _, text in docs:
            (Path(tmp) / f"{docid}.txt").write_text(text, encoding="utf-8")
        (Path(tmp) / "sources.yaml").write_text("".join(f"{d}.txt:\n  published: {c}\n" for d, c, _ in docs), "utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "briefing", "dates", "--format", "jsonl", tmp], check=True, capture_output=True)
        cli = time.perf_counter() - start

    tag("warm up the compiled grammar on Friday.", "2000-01-07")
    start = time.perf_counter()
    found = sum(len(tag(text, dct)) for _, dct, text in docs)
    library = time.perf_counter() - start

    from dateparser.search import search_dates

    start = time.perf_counter()
    theirs = 0
    for _, dct, text in docs:
        base = datetime.fromisoformat(dct)
        theirs += len(search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or [])
    dateparser_s = time.perf_counter() - start

    print(f"documents: {n}")
    print(f"briefing dates (CLI, start-up included): {cli:7.2f} s  {per_second(n, cli):8.1f} docs/s")
    print(f"briefing.dates.tag (library):            {library:7.2f} s  {per_second(n, library):8.1f} docs/s  ({found} expressions)")
    print(f"dateparser.search_dates:                 {dateparser_s:7.2f} s  {per_second(n, dateparser_s):8.1f} docs/s  ({theirs} expressions)")
    print(f"ratio library/dateparser: {dateparser_s / library:.1f}x   ratio CLI/dateparser: {dateparser_s / cli:.1f}x")
    if n == 256:
        print(f"ratio CLI/HeidelTime ({HEIDELTIME_SECONDS:.0f} s, issue 3): {HEIDELTIME_SECONDS / cli:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
