"""Time `briefing build` end to end: the seeds, a Timeline17 topic, and corpora of 100, 1,000 and
10,000 articles made from it; print one table (seconds, seconds per article, growth against the
100-article corpus, peak memory of the build and its workers).

    python benchmarks/bench_scale.py [--t17 DIR] [--sizes 100,1000,10000] [--jobs N]

DIR (or the environment variable BRIEFING_T17) is a T17 topic extracted as plain articles, for
example LibyaWar_cnn (396 articles): fetch the public repository Haruhi07/news-tls-best (the
search tool's `fetch github:Haruhi07/news-tls-best` gives its git directory MIRROR) and run
`python ../shared/tools/t17.py MIRROR LibyaWar_cnn /tmp/LibyaWar_cnn`. Without it only the seeds
are timed. The larger corpora repeat the topic's articles under new names (r001_..., r002_...),
each with its publication date.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from briefing.publish.chart_export import descendants, process_table

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = [sys.executable, "-m", "briefing", "build"]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    table = process_table()
    page = os.sysconf("SC_PAGE_SIZE")
    return sum(int(table[p][1][21]) * page for p in (pid, *descendants(pid, table)) if p in table)


def run(inputs: Path, charts: bool, jobs: int | None) -> tuple[float, float]:
    """Seconds of one build, and the peak memory (MB) of the build with its workers together."""
    with tempfile.TemporaryDirectory(prefix="bench-out-") as out:
        command = BRIEFING + [str(inputs), "--out", out, "--as-of", "2026-11-21"]
        command += [] if charts else ["--no-charts"]
        command += ["--jobs", str(jobs)] if jobs else []
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak = [0]

        def sample() -> None:
            while process.poll() is None:
                peak[0] = max(peak[0], _tree_rss(process.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = process.communicate()
        seconds = time.perf_counter() - start
        sampler.join()
        if process.returncode not in (0, 3):
            sys.exit(f"build of {inputs} failed: {err.strip().splitlines()[-1] if err.strip() else process.returncode}")
    # the largest single process (rusage) is a floor for the sampled sum
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return seconds, max(peak[0], single) / 1e6


def replicate(topic: Path, size: int, folder: Path) -> Path:
    """A corpus of `size` articles: the topic's articles again and again under new names."""
    articles = sorted(p for p in topic.iterdir() if p.suffix == ".txt")
    meta = yaml.safe_load((topic / "sources.yaml").read_text("utf-8")) if (topic / "sources.yaml").exists() else {}
    out = folder / f"corpus-{size}"
    out.mkdir()
    entries = {}
    for i in range(size):
        source = articles[i % len(articles)]
        name = f"r{i // len(articles) + 1:03d}_{source.name}"
        shutil.copyfile(source, out / name)
        if source.name in meta:  # a copy each: one shared mapping would be dumped as a YAML alias, which is refused
            entries[name] = dict(meta[source.name])
    (out / "sources.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--t17", type=Path, default=os.environ.get("BRIEFING_T17"), help="a T17 topic folder (t17.py output)")
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes made from the topic")
    parser.add_argument("--jobs", type=int, help="worker processes (default: the build's, one per core)")
    args = parser.parse_args()
    rows = []
    seconds, mb = run(ROOT / "seeds", True, args.jobs)
    rows.append(("seeds", len(list((ROOT / "seeds").glob("*.txt"))), "yes", seconds, mb))
    if args.t17 is None or not Path(args.t17).is_dir():
        print("no T17 topic given (--t17 DIR or BRIEFING_T17): only the seeds are timed; see this file's docstring")
    else:
        topic = Path(args.t17)
        count = len(list(topic.glob("*.txt")))
        for charts in (False, True):
            seconds, mb = run(topic, charts, args.jobs)
            rows.append((topic.name, count, "yes" if charts else "no", seconds, mb))
        with tempfile.TemporaryDirectory(prefix="bench-corpus-") as folder:
            for size in (int(s) for s in args.sizes.split(",") if s):
                corpus = replicate(topic, size, Path(folder))
                seconds, mb = run(corpus, False, args.jobs)
                rows.append((f"{topic.name} x{size}", size, "no", seconds, mb))
                shutil.rmtree(corpus)
    base = next((r for r in rows if r[0].endswith("x100")), None)
    print(f"\n{'corpus':<24} {'articles':>8} {'charts':>6} {'seconds':>8} {'ms/article':>10} {'vs x100':>8} {'peak MB':>8}")
    for name, n, charts, seconds, mb in rows:
        ratio = f"{(seconds / n) / (base[3] / base[1]):.2f}" if base and "x" in name else ""
        print(f"{name:<24} {n:>8} {charts:>6} {seconds:>8.1f} {1000 * seconds / n:>10.1f} {ratio:>8} {mb:>8.0f}")
    print(f"({os.cpu_count()} cores; 'vs x100': time per article against the 100-article corpus, 1.00 is linear)")


if __name__ == "__main__":
    main()
