"""Extraction time per character at 1k, 10k and 100k characters: it should stay flat.

    python bench/bench_length.py

The texts are the seed's items repeated up to each length (one article each), so the
sentences are real news shapes and only the length changes.
"""

from __future__ import annotations

import time
from pathlib import Path

from loaders.extract import extract
from loaders.models import Article

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_55682db804c659e6.txt"


def main() -> None:
    base = SEED.read_text(encoding="utf-8")
    print(f"{'characters':>10} {'seconds':>8} {'µs/char':>8}")
    rows = []
    for n in (1_000, 10_000, 100_000):
        text = (base * (n // len(base) + 1))[:n]
        text = text[: text.rfind("。") + 1]
        extract(Article(id="warm", text=text[:500], published="2026-01-28"))
        t0 = time.perf_counter()
        extract(Article(id=f"len{n}", text=text, published="2026-01-28"))
        dt = time.perf_counter() - t0
        rows.append(dt / len(text))
        print(f"{len(text):>10} {dt:>8.3f} {dt / len(text) * 1e6:>8.1f}")
    print(f"per-character time at 100k / at 1k: {rows[-1] / rows[0]:.2f}x (1.0 is linear)")


if __name__ == "__main__":
    main()
