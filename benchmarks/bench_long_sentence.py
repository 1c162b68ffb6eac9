"""CPU time of extracting one article that is a single run-on sentence, at growing lengths.

The time should grow in proportion to the length (fault d2 of issue #24: before the fix, 50 KB took
27 s and 200 KB 289 s, the square of the length). No part of the sentence repeats, so that no part
is dropped as a repeat. Prints characters, CPU seconds and microseconds per character.

Usage: python benchmarks/bench_long_sentence.py [KB ...]   (default: 20 40 80 160)
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from briefing.extract import gazetteer, parse
from briefing.extract.article import extract_article
from briefing.models import Document


def one_sentence(chars: int) -> Document:
    body, i = "", 0
    while len(body) < chars:
        body += f"a Russian missile strike on Odesa killed {i} people and injured {i + 3} while drones hit Kharkiv "
        i += 1
    return Document(source="long", path=Path("long.txt"), text="On 18 November 2024 " + body, title="long",
                    published="2024-11-19")


def main(sizes: list[int]) -> None:
    parse.nlp()
    gazetteer.gazetteer()
    extract_article(one_sentence(2_000))  # warm-up
    for kb in sizes:
        document = one_sentence(kb * 1000)
        cpu = time.process_time()
        extract_article(document)
        seconds = time.process_time() - cpu
        print(f"{len(document.text):>9,} chars  {seconds:7.2f} s CPU  {seconds / len(document.text) * 1e6:6.1f} µs/char")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 40, 80, 160])
