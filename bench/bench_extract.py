"""Extraction throughput next to fugashi tokenization alone, on the same text, in one run.

    python bench/bench_extract.py [--copies 50]

Prints articles/s and characters/s for both and their ratio (target: extraction no more
than 5 times slower than tokenizing alone). Figures, not assertions: machines are noisy.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

import fugashi

from loaders.extract import extract
from loaders.normalize import normalize
from loaders.sources import Article, read_inputs

ROOT = Path(__file__).resolve().parents[1]


def corpus(copies: int) -> list[Article]:
    base = [a for a in read_inputs([ROOT / "seeds", ROOT / "tests/data/heldout/articles.jsonl",
                                    ROOT / "tests/data/blind/articles.jsonl"]) if isinstance(a, Article)]
    return [replace(a, id=f"{a.id}#{i}") for i in range(copies) for a in base]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=50, help="how many times to repeat the articles")
    args = ap.parse_args()
    articles = corpus(args.copies)
    chars = sum(len(a.text) for a in articles)
    extract(articles[0])  # load the dictionary and gazetteers outside the timing
    tagger = fugashi.Tagger()

    t0 = time.perf_counter()
    for a in articles:
        for node in tagger(normalize(a.text)):
            _ = node.surface, node.feature.pos1  # read what the extractor reads
    tok = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = sum(len(extract(a).events) for a in articles)
    ext = time.perf_counter() - t0

    n = len(articles)
    print(f"{n} articles, {chars} characters ({events} events extracted)")
    print(f"fugashi tokenization alone: {n / tok:9.1f} articles/s {chars / tok:11.0f} chars/s")
    print(f"full extraction:            {n / ext:9.1f} articles/s {chars / ext:11.0f} chars/s")
    ratio = ext / tok
    print(f"extraction / tokenization time ratio: {ratio:.2f} (target <= 5){'' if ratio <= 5 else '  OVER TARGET'}")


if __name__ == "__main__":
    main()
