"""Extraction on several processes: the same bytes in the same order as one process, problems
reported alike, input read no further ahead than a few chunks, JSON Lines read a line at a time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import write
from loaders.parallel import CHUNK, ordered_map
from loaders.sources import Problem, read_inputs

ROOT = Path(__file__).resolve().parents[1]
GEOKG = [sys.executable, "-m", "geokg.cli"]


def _geokg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([*GEOKG, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seed listing, 240 generated articles and a file with bad records between good ones."""
    folder = tmp_path_factory.mktemp("inputs")
    write(folder / "generated.jsonl", 240, seed=5)
    bad = folder / "mixed.jsonl"
    lines = [json.dumps({"id": "m1", "text": "日本と米国は27日、首脳会談を開いた。", "published": "2026-01-28"},
                        ensure_ascii=False).encode(), b"{not json",
             "日本".encode("cp932"),
             json.dumps({"id": "m2", "text": "中国は28日、日本を非難した。", "published": "2026-01-28"},
                        ensure_ascii=False).encode()]
    bad.write_bytes(b"\n".join(lines) + b"\n")
    return [str(ROOT / "seeds"), str(folder / "generated.jsonl"), str(bad)]


def test_two_workers_write_what_one_writes(inputs: list[str], tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    a = _geokg("extract", *inputs, "-o", str(one), "--workers", "1")
    b = _geokg("extract", *inputs, "-o", str(two), "--workers", "2")
    assert a.returncode == b.returncode == 3  # the bad records are skipped and named
    assert one.read_bytes() == two.read_bytes()
    assert a.stderr == b.stderr
    assert f"{inputs[2]}:2: invalid JSON" in b.stderr and f"{inputs[2]}:3: not UTF-8" in b.stderr
    ids = [json.loads(line)["article_id"] for line in two.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 20 + 240 + 2 and ids[20] == "gen-5-0000000" and ids[-2:] == ["m1", "m2"]
    assert "extracted 262 articles" in b.stderr


def test_a_progress_bar_shows_articles_per_second(inputs: list[str], tmp_path: Path) -> None:
    out = _geokg("extract", inputs[1], "-o", str(tmp_path / "x.jsonl"), "--workers", "2", "--progress")
    assert out.returncode == 0
    assert "articles/s" in out.stderr


def _square(n: int) -> int:
    return n * n


def test_the_input_is_read_only_a_few_chunks_ahead() -> None:
    pulled = 0

    def numbers() -> object:
        nonlocal pulled
        for n in range(5000):
            pulled += 1
            yield n

    results = ordered_map(_square, numbers(), workers=2)
    assert [next(results) for _ in range(3)] == [0, 1, 4]
    ahead = pulled
    rest = list(results)
    assert rest == [n * n for n in range(3, 5000)]
    assert ahead <= 4 * 2 * CHUNK + CHUNK  # what the pool holds: not the whole input


def test_json_lines_are_read_a_line_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"id": f"a{i}", "text": "本文。"}, ensure_ascii=False) + "\n")
    items = read_inputs([path])
    first = next(items)
    with open(path, "a", encoding="utf-8") as f:  # lines written after reading began are read too
        f.write(json.dumps({"id": "late", "text": "追記。"}, ensure_ascii=False) + "\n")
    rest = list(items)
    assert [x.id for x in [first, *rest] if not isinstance(x, Problem)] == ["a0", "a1", "a2", "late"]


@pytest.mark.neo4j
def test_load_extracts_on_workers_and_stores_the_seed(clean_db: object) -> None:
    out = _geokg("load", str(ROOT / "seeds"), "--workers", "2", "--no-progress")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("articles read 20, loaded 20, skipped 0; nodes created 59,")
