"""The same input gives byte-identical output in any process, whatever the hash seed.

Person keys used to be gathered in a set, so which full name a bare surname joined could
depend on PYTHONHASHSEED. The text below has two full names of equal length sharing a
surname, and the surname alone after each of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.extract import extract
from loaders.models import Article

ROOT = Path(__file__).resolve().parents[1]
AMBIGUOUS = (
    "韓国の李在明大統領は3日、ソウルで中国の李洛淵国防相と会談した。李大統領は協力を求めた。"
    "一方、北京では李洛淵氏がベトナムの代表と面会し、李氏は支援を表明した。"
)


def _run(tmp_path: Path, seed: str) -> bytes:
    out = tmp_path / f"out-{seed}.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    inputs = [str(tmp_path / "ambiguous.txt"), str(ROOT / "seeds" / "000_55682db804c659e6.txt")]
    subprocess.run([sys.executable, "-m", "geokg.cli", "extract", *inputs, "-o", str(out)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    return out.read_bytes()


def test_two_processes_with_different_hash_seeds_write_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "ambiguous.txt").write_text(AMBIGUOUS, encoding="utf-8")
    outputs = {seed: _run(tmp_path, seed) for seed in ("1", "2", "12345")}
    first = outputs["1"]
    assert first, "extract wrote nothing"
    assert all(o == first for o in outputs.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the surname joins the full name mentioned nearest before it
        ("李在明大統領と李洛淵国防相が会談した。李国防相は協力を求めた。", {"李在明", "李洛淵"}),
        # before any full name, with two candidates: left as it is, never guessed
        ("李氏は語った。李在明大統領と李洛淵国防相が会談した。", {"李", "李在明", "李洛淵"}),
        # one candidate only: joined even when the full name comes later
        ("片山財務相は語った。片山さつき財務相が会見した。", {"片山さつき"}),
    ],
)
def test_surnames_join_the_nearest_earlier_full_name(text: str, expected: set[str]) -> None:
    ex = extract(Article(id="t", text=text, published="2026-01-10"))
    assert {e.name for e in ex.entities if e.label == "Person"} == expected


# Two people share a surname and the article then uses the surname alone: which of them 片山
# joined depended on the order of a set of names, that is on the hash seed (seeds 3 and 6 gave
# another file than 1, 2, 4, 5, 7 and 8 before the fix).
SHARED_SURNAMES = [
    {"id": "s-1", "published": "2026-02-06", "text": "片山さつき財務相と片山ひろし議員は5日、東京で会談した。"
     "片山氏は記者会見で、米国のルビオ国務長官と電話会談したと述べた。"},
    {"id": "s-2", "published": "2026-02-06", "text": "山田太郎外相と山田花子議員は5日、インドのジャイシャンカル"
     "外相と会談した。山田氏は協力の強化を求めた。"},
]


def test_the_same_bytes_under_every_hash_seed_for_shared_surnames(tmp_path: Path) -> None:
    src = tmp_path / "surnames.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in SHARED_SURNAMES), encoding="utf-8")
    outputs = {}
    for seed in ("1", "3", "6", "42"):
        out = tmp_path / f"out-{seed}.jsonl"
        done = subprocess.run([sys.executable, "-m", "geokg.cli", "extract", str(src), str(ROOT / "seeds"),
                               "-o", str(out)], capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs[seed] = out.read_bytes()
    assert len(outputs["1"].splitlines()) == 22  # the two articles and the seed's 20
    assert len(set(outputs.values())) == 1
