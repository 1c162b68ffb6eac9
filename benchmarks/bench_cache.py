"""An incremental build beside a full one: the second build of a folder that grew by one article.

Copies the articles of a corpus (default /work/t17/LibyaWar_cnn, 396 CNN articles) into a
temporary folder without its last article, builds it (cold extraction cache), adds the article,
and builds again with the same cache. Both are `briefing build --no-charts` end to end (process
start-up included). Prints both times, their ratio, the issue's bar (<= 25%) and the stages'
times of the second build, from its -v log.

Usage: python benchmarks/bench_cache.py [CORPUS_DIR] [--keep]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path("/work/t17/LibyaWar_cnn")
TARGET = 0.25
SUFFIXES = {".txt", ".md", ".html", ".htm", ".xml", ".rss", ".atom"}


def build(inbox: Path, out: Path, cache: Path) -> tuple[float, str]:
    command = [sys.executable, "-m", "briefing", "-v", "build", str(inbox), "--out", str(out), "--cache", str(cache),
               "--no-charts", "--as-of", "2011-12-31"]
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode not in (0, 3):
        sys.exit(f"build failed ({run.returncode}): {run.stderr.strip().splitlines()[-1]}")
    return seconds, run.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    articles = sorted(p for p in args.corpus.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    if len(articles) < 2:
        sys.exit(f"{args.corpus}: fewer than two articles")
    work = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    inbox = work / "inbox"
    inbox.mkdir()
    for path in articles[:-1]:
        shutil.copy2(path, inbox / path.name)
    if (args.corpus / "sources.yaml").is_file():
        shutil.copy2(args.corpus / "sources.yaml", inbox / "sources.yaml")
    try:
        first, _ = build(inbox, work / "out", work / "cache")
        shutil.copy2(articles[-1], inbox / articles[-1].name)
        second, log = build(inbox, work / "out", work / "cache")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    ratio = second / first
    print(f"corpus: {args.corpus} ({len(articles) - 1} articles, then {len(articles)})")
    print(f"first build (cold cache): {first:8.1f} s")
    print(f"second build (+1 article): {second:8.1f} s")
    print(f"ratio: {ratio:.1%} (target <= {TARGET:.0%}: {'met' if ratio <= TARGET else 'NOT met'})")
    for line in log.splitlines():
        if "extraction cache" in line or "stage" in line:
            print("  " + line)


if __name__ == "__main__":
    main()
