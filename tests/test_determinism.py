"""The same input gives the same bytes in every process (issue 11.3): `geokg extract` run in
separate processes with different hash seeds writes identical files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Two people share a surname and the article then uses the surname alone: which of them 片山
# joins depended on the order of a set of names, that is on the hash seed (seeds 3 and 6 gave
# another file than 1, 2, 4, 5, 7 and 8).
ARTICLES = [
    {"id": "s-1", "published": "2026-02-06", "text": "片山さつき財務相と片山ひろし議員は5日、東京で会談した。"
     "片山氏は記者会見で、米国のルビオ国務長官と電話会談したと述べた。"},
    {"id": "s-2", "published": "2026-02-06", "text": "山田太郎外相と山田花子議員は5日、インドのジャイシャンカル"
     "外相と会談した。山田氏は協力の強化を求めた。"},
]


def extract_with_seed(seed: str, src: Path, out: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "geokg.cli", "extract", str(src), str(ROOT / "seeds"),
                           "-o", str(out)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.mark.xfail(strict=False, reason="issue 11.3: a surname joins one of two full names by set order; "
                                        "the fix is the lead's, in loaders/extract.py")
def test_the_same_bytes_under_every_hash_seed(tmp_path: Path) -> None:
    src = tmp_path / "surnames.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    outputs = {seed: extract_with_seed(seed, src, tmp_path / f"out-{seed}.jsonl") for seed in ("1", "3", "6", "42")}
    assert len(outputs["1"].splitlines()) == 22  # the two articles and the seed's 20
    assert len(set(outputs.values())) == 1, {seed: out.splitlines()[:2] for seed, out in outputs.items()}
