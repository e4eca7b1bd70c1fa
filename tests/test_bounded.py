"""Bounded work per record (issue 11.1): long texts are tokenized in pieces and never crash;
a record over the configured limit is skipped with a message naming it, and the run goes on."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geokg import config
from geokg.errors import ConfigError
from loaders.extract import extract
from loaders.models import Article
from loaders.pipeline import RunReport, extract_inputs
from loaders.tokenizer import MAX_PIECE, pieces, tokenize

ROOT = Path(__file__).resolve().parents[1]

GOOD_1 = {"id": "good-1", "published": "2026-02-06", "text": "日本とインドは5日、東京で首脳会談を開いた。"}
GOOD_2 = {"id": "good-2", "published": "2026-02-07", "text": "米国と英国は6日、ロンドンで外相会談を開いた。"}
SENTENCE = "日本とインドは27日、東京で首脳会談を開き、重要鉱物の供給網で協力することで一致した。"


def geokg(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The real command line, in its own process (a crash shows as a signal, not a dead test run)."""
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def assert_tokens_cover(text: str, tokens: list) -> None:
    """Every token is its own surface in ``text``, in order, without overlap, and what no token
    covers is whitespace or what MeCab cannot take (NUL, surrogates)."""
    covered = bytearray(len(text))
    last = 0
    for t in tokens:
        assert text[t.start : t.end] == t.surface and t.start >= last
        covered[t.start : t.end] = b"\x01" * (t.end - t.start)
        last = t.end
    gaps = {text[i] for i in range(len(text)) if not covered[i]}
    assert all(c.isspace() or c == "\x00" or 0xD800 <= ord(c) <= 0xDFFF for c in gaps), gaps


# --- the tokenizer ---------------------------------------------------------------------------


def test_a_text_that_crashed_mecab_is_tokenized_in_pieces() -> None:
    # One MeCab call on 200,000 letters without a break kills the process (SIGSEGV); in pieces
    # it is 250 calls. Run in a child process so that a regression fails this test only.
    code = (
        "from loaders.tokenizer import tokenize\n"
        "text = 'a' * 250_000\n"
        "tokens = tokenize(text)\n"
        "assert all(text[t.start:t.end] == t.surface for t in tokens)\n"
        "print(sum(t.end - t.start for t in tokens), tokens[-1].end)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["250000", "250000"]


def test_offsets_stay_right_across_pieces() -> None:
    text = "\n".join([SENTENCE * 60, "、".join(["重要鉱物"] * 700), "　米国は「反対だ。」と述べた。" * 80])
    spans = list(pieces(text))
    assert len(spans) > 3 and all(b - a <= MAX_PIECE for a, b in spans)
    assert all(a1 >= b0 for (_, b0), (a1, _) in itertools.pairwise(spans))
    tokens = tokenize(text)
    assert_tokens_cover(text, tokens)
    # a piece boundary falls between sentences: the sentences are tokenized as on their own
    one = [(t.surface, t.pos1) for t in tokenize(SENTENCE)]
    first = [(t.surface, t.pos1) for t in tokens[: len(one)]]
    assert first == one


def test_a_text_shorter_than_a_piece_is_one_call() -> None:
    text = SENTENCE * 5 + "\n" + SENTENCE
    assert list(pieces(text)) == [(0, len(text))]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("日本\x00インドは合意", ["日本", "インド", "は", "合意"]),  # MeCab stops at a NUL: the rest was lost
        ("日本\ud800インド", ["日本", "インド"]),  # a lone surrogate cannot be encoded: UnicodeEncodeError
        ("\x00\x00", []),
    ],
)
def test_what_mecab_cannot_take_is_skipped(text: str, surfaces: list[str]) -> None:
    tokens = tokenize(text)
    assert [t.surface for t in tokens] == surfaces
    assert_tokens_cover(text, tokens)


# --- the record limit ------------------------------------------------------------------------


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_5_mb_record_between_two_good_ones(tmp_path: Path) -> None:
    big = {"id": "huge-1", "published": "2026-02-06", "text": SENTENCE * (5_000_000 // len(SENTENCE) + 1)}
    src = write_jsonl(tmp_path / "in.jsonl", GOOD_1, big, GOOD_2)
    assert src.stat().st_size > 5_000_000
    out = tmp_path / "out.jsonl"
    done = geokg("extract", str(src), "-o", str(out))
    assert done.returncode == 3, done.stderr[-2000:]
    n = len(big["text"])
    assert f"skipped: {src}:2: article huge-1: {n:,} characters, over the limit of 100,000 " in done.stderr
    assert "extracted 2 articles" in done.stderr and "1 skipped" in done.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article_id"] for r in lines] == ["good-1", "good-2"]
    alone = [extract(Article(id=g["id"], text=g["text"], published=g["published"], reference_date=g["published"],
                             source="in", origin="")).to_json() for g in (GOOD_1, GOOD_2)]
    assert [r["events"] for r in lines] == [a["events"] for a in alone]
    assert [(e["type"], e["source"], e["target"], e["date"]) for r in lines for e in r["events"]] == [
        ("MET_WITH", "JPN", "IND", "2026-02-05"), ("MET_WITH", "USA", "GBR", "2026-02-06")]


def test_the_limit_comes_from_the_option_then_the_environment(tmp_path: Path) -> None:
    long_one = {"id": "long-1", "text": SENTENCE * 10}  # 430 characters
    src = write_jsonl(tmp_path / "in.jsonl", GOOD_1, long_one)
    by_env = geokg("extract", str(src), "-o", str(tmp_path / "a.jsonl"), env={"GEOKG_MAX_CHARS": "400"})
    assert by_env.returncode == 3 and f"{src}:2: article long-1: 430 characters, over the limit of 400" in by_env.stderr
    by_option = geokg("extract", str(src), "-o", str(tmp_path / "b.jsonl"), "--max-chars", "1000",
                      env={"GEOKG_MAX_CHARS": "400"})
    assert by_option.returncode == 0, by_option.stderr
    assert len((tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    bad = geokg("extract", str(src), "-o", str(tmp_path / "c.jsonl"), env={"GEOKG_MAX_CHARS": "lots"})
    assert bad.returncode == 1 and "GEOKG_MAX_CHARS='lots' is not a number of characters" in bad.stderr


def test_no_limit_with_zero(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", {"id": "long-1", "text": SENTENCE * 10})
    report = RunReport()
    assert [x.article.id for x in extract_inputs([src], report=report, max_chars=0)] == ["long-1"]
    assert report.skipped == 0
    assert [x.article.id for x in extract_inputs([src], report=report, max_chars=429)] == []
    assert [p.where for p in report.problems] == [f"{src}:1"]


@pytest.mark.parametrize(("raw", "expected"), [("", 100_000), ("2000", 2000), ("1_000_000", 1_000_000), ("0", 0)])
def test_max_chars_setting(raw: str, expected: int) -> None:
    assert config.max_chars({"GEOKG_MAX_CHARS": raw}) == expected


def test_max_chars_setting_refuses_a_negative() -> None:
    with pytest.raises(ConfigError, match="negative"):
        config.max_chars({"GEOKG_MAX_CHARS": "-1"})
