"""Time of a build's analysis (everything but charts and PDF) on the seeds and the development set.

Runs `pipeline.analyse` in this process, after one warm-up run that loads the spaCy model and the
gazetteer (their load time is printed apart), and prints wall-clock and CPU seconds (CPU time is
steadier on a shared machine) and articles per second.

Usage: python benchmarks/bench_build.py [FOLDER ...]   (default: seeds, and ../devset if it is there)
"""
from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from briefing.models import Config
from briefing.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = (ROOT / "seeds", ROOT.parent / "devset")


def timed(folder: Path) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of one analysis, and the number of articles."""
    config = Config(inputs=(folder,), out=Path("/nonexistent"), as_of=date(2026, 11, 21), charts=False, jobs=1)
    started, cpu = time.perf_counter(), time.process_time()
    briefing, _ = analyse(config)
    return time.perf_counter() - started, time.process_time() - cpu, len(briefing.documents)


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [f for f in DEFAULTS if f.is_dir()]
    started = time.perf_counter()
    timed(folders[0])
    print(f"{'first run (loads the model)':40} {time.perf_counter() - started:6.2f} s")
    for folder in folders:
        seconds, cpu, articles = timed(folder)
        print(f"{'analysis of ' + folder.name:40} {seconds:6.2f} s  (CPU {cpu:5.2f} s)  "
              f"{articles / seconds:6.1f} articles/s  ({articles} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
