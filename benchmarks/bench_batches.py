"""CPU time of extracting articles one by one against in batches (`extract_articles`, whose sentences
spaCy parses together), in one process, the two taken in turn so that a busy shared machine slows
both alike; prints the seconds of each and their ratio.

Usage: python benchmarks/bench_batches.py [FOLDER] [--articles N] [--batch N] [--rounds N]
       (default: ../devset if it is there, else seeds; 100 articles at most, batches of 25, 3 rounds)
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from briefing.extract.article import extract_article, extract_articles, prepare
from briefing.pipeline import read

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = next(f for f in (ROOT.parent / "devset", ROOT / "seeds") if f.is_dir())


def cpu(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    documents = read((args.folder,))[0][:args.articles]
    prepare()
    one_by_one = lambda: [extract_article(d) for d in documents]  # noqa: E731
    batched = lambda: [x for i in range(0, len(documents), args.batch)  # noqa: E731
                       for x in extract_articles(documents[i:i + args.batch])]
    assert one_by_one() == batched()  # and both warmed up
    single = together = 0.0
    for _ in range(args.rounds):
        single += cpu(one_by_one)
        together += cpu(batched)
    print(f"{len(documents)} articles of {args.folder.name}, {args.rounds} rounds: one by one {single:6.2f} s CPU, "
          f"in batches of {args.batch} {together:6.2f} s CPU, ratio {together / single:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
