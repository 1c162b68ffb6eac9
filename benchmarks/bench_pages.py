"""Score the text briefing reads from saved web pages against the Zyte article-extraction benchmark.

The benchmark (github.com/scrapinghub/article-extraction-benchmark, checked out anywhere) holds
181 saved pages (html/*.html.gz), the text of each one's article (ground-truth.json) and
evaluate.py, which scores every output/*.json of the folder it runs in. This script unpacks the
pages into a temporary folder, reads them as `briefing read` does (`pipeline.articles`: the text
the stages analyse), writes the predictions as output/briefing.json beside a copy of the ground
truth, and prints evaluate.py's line for them (F1, precision, recall, accuracy). A page briefing
skips scores as an empty text.

Usage: python benchmarks/bench_pages.py PATH_TO_BENCHMARK [--keep DIR]
"""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing.pipeline import articles


def predictions(benchmark: Path, pages: Path) -> dict[str, dict[str, str]]:
    """The article text briefing reads from each page of the benchmark, by the page's id."""
    ids = json.loads((benchmark / "ground-truth.json").read_text("utf-8"))
    for packed in sorted((benchmark / "html").glob("*.html.gz")):
        (pages / packed.name.removesuffix(".gz")).write_bytes(gzip.decompress(packed.read_bytes()))
    rows, skipped = articles((pages,))
    for page in skipped:
        print(f"skipped {page.path}: {page.reason}", file=sys.stderr)
    read = {row["source"]: row["text"] for row in rows}
    return {page_id: {"articleBody": read.get(page_id, "")} for page_id in ids}


def main(argv: list[str]) -> int:
    if not argv or not (Path(argv[0]) / "evaluate.py").is_file():
        print("bench_pages: no article-extraction benchmark given (a checkout of "
              "github.com/scrapinghub/article-extraction-benchmark); skipped")
        return 0
    benchmark = Path(argv[0]).resolve()
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as scratch:
        work = Path(scratch)
        (work / "pages").mkdir()
        (work / "output").mkdir()
        shutil.copy(benchmark / "ground-truth.json", work)
        found = predictions(benchmark, work / "pages")
        (work / "output" / "briefing.json").write_text(json.dumps(found, ensure_ascii=False, indent=1), "utf-8")
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(work / "output" / "briefing.json", keep)
        result = subprocess.run([sys.executable, str(benchmark / "evaluate.py")], cwd=work, capture_output=True, text=True)
    print(result.stdout, end="")
    if result.returncode:
        print(result.stderr, end="", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
