"""Narrow error handling (issue 11.4): every case the issue found, as a test.

Bad input is reported with its file and line and the run goes on (exit status 3); an
exception nobody expected is a bug, reported as one with its traceback behind --debug (exit
status 4), for the file or record it happened on only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import loaders.jsonl
import loaders.parallel
import loaders.pipeline
import loaders.sources
from geokg import vocab
from geokg.cli import main
from loaders.models import Article
from loaders.pipeline import RunReport, extract_inputs, read_extractions
from loaders.problems import Problem
from loaders.sources import input_files, read_inputs

ROOT = Path(__file__).resolve().parents[1]
GOOD = {"id": "good-1", "published": "2026-02-06", "text": "日本とインドは5日、東京で首脳会談を開いた。"}
GOOD_2 = {"id": "good-2", "published": "2026-02-07", "text": "米国と英国は6日、ロンドンで外相会談を開いた。"}


def line(record: object) -> str:
    return json.dumps(record, ensure_ascii=False)


def read(*paths: str | Path) -> tuple[list[Article], list[Problem]]:
    items = list(read_inputs(paths))
    return [x for x in items if isinstance(x, Article)], [x for x in items if isinstance(x, Problem)]


# --- JSON Lines that json.loads refuses with something else than JSONDecodeError ---------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"id": "n", "text": "本文。", "n": ' + "7" * 5000 + "}",
         "invalid JSON (a number too long to convert: Exceeds the limit (4300 digits) for integer string "
         "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit)"),
        ("[" * 100_000, "invalid JSON (nested too deep to parse)"),
        ('{"id": "n", "text": "本文。", "score": NaN}', "invalid JSON (NaN is not a JSON value)"),
        ('{"id": "s", "text": "日本\\ud800インド"}',
         'a lone surrogate (half of a UTF-16 pair, not a character) at "text", character 2'),
    ],
    ids=["5000-digit number", "100k nested arrays", "NaN", "lone surrogate"],
)
def test_a_bad_json_line_loses_nothing_after_it(tmp_path: Path, bad: str, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([line(GOOD), bad, line(GOOD_2)]) + "\n", encoding="utf-8")
    articles, problems = read(path)
    assert problems == [Problem(f"{path}:2", message)]
    assert [a.id for a in articles] == ["good-1", "good-2"]


# --- declared encodings that Python knows but cannot decode text with -------------------------


@pytest.mark.parametrize("declared", ["rot13", "base64", "hex", "zlib", "x-no-such-encoding"])
def test_a_declared_non_text_encoding_does_not_stop_the_run(tmp_path: Path, declared: str) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0" encoding="{declared}"?>\n<rss version="2.0"><channel><title>紙</title>'
                    f"<item><guid>e-1</guid><description>{GOOD['text']}</description></item></channel></rss>\n",
                    encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f'<html><head><meta charset="{declared}"><title>t</title></head><body><article><p>'
                    f"{GOOD_2['text']}</p></article></body></html>", encoding="utf-8")
    articles, problems = read(feed, page)  # LookupError ended the whole run
    assert problems == []
    assert [a.text for a in articles] == [GOOD["text"], GOOD_2["text"]]


# --- the folder walk ---------------------------------------------------------------------------


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.jsonl").write_text(line(GOOD) + "\n", encoding="utf-8")
    (tmp_path / "news" / "loop").symlink_to(tmp_path / "news")  # read 41 times before
    (tmp_path / "news" / "up").symlink_to(tmp_path)
    (tmp_path / "news" / "again.jsonl").symlink_to(tmp_path / "news" / "a.jsonl")
    (tmp_path / "news" / "self.txt").symlink_to(tmp_path / "news" / "self.txt")  # a link to itself
    (tmp_path / "news" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, problems = read(tmp_path / "news", tmp_path / "news" / "a.jsonl")
    assert [a.id for a in articles] == ["good-1"]
    assert [(Path(p.where).name, p.message) for p in problems] == [
        ("gone.txt", "cannot be read: No such file or directory"),
        ("self.txt", "cannot be read: Too many levels of symbolic links"),
    ]


def _walk_without_privileges(folder: Path) -> list[str]:
    """``input_files`` in a process that file permissions apply to (root's are dropped)."""
    code = ("import sys\nfrom loaders.sources import input_files\n"
            "for x in input_files([sys.argv[1]]): print(x)\n")
    command = [sys.executable, "-c", code, str(folder)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        caps = "-dac_override,-dac_read_search"
        command = [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", *command]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_an_unreadable_folder_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    for name in ("a", "b_locked", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.jsonl").write_text(line(GOOD) + "\n", encoding="utf-8")
    (tmp_path / "b_locked").chmod(0)
    try:
        listed = _walk_without_privileges(tmp_path)
    finally:
        (tmp_path / "b_locked").chmod(0o755)
    assert listed == [
        str(tmp_path / "a" / "x.jsonl"),
        f"{tmp_path / 'b_locked'}: folder cannot be read: Permission denied",
        str(tmp_path / "c" / "x.jsonl"),
    ]


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(line(GOOD) + "\n", encoding="utf-8")
    assert list(input_files([path, tmp_path, str(path)])) == [path]


# --- bugs are bugs -----------------------------------------------------------------------------


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    for path, rec in zip(paths, (GOOD, {"id": "b-1", "text": "政府は2日、閣議で決定した。"}, GOOD_2), strict=True):
        path.write_text(line(rec) + "\n", encoding="utf-8")
    return paths


def test_a_readers_bug_is_an_internal_error_not_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = _files(tmp_path)
    real = loaders.jsonl.read_jsonl_file  # JSON Lines are read a line at a time

    def buggy(path: Path):  # type: ignore[no-untyped-def]
        if path == b:
            raise KeyError("a bug in a reader")
        return real(path)

    monkeypatch.setattr(loaders.jsonl, "read_jsonl_file", buggy)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(a), str(b), str(c), "-o", str(out)])
    assert result.exit_code == 4
    assert (f"skipped: {b}: internal error (a bug in geokg, not in the input): KeyError: 'a bug in a reader'"
            in result.stderr)
    assert "could not be read" not in result.stderr and "Traceback" not in result.stderr
    assert "rerun with `geokg --debug ...` to see the tracebacks" in result.stderr
    assert [json.loads(x)["article_id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["good-1", "good-2"]

    debug = CliRunner().invoke(main, ["--debug", "extract", str(a), str(b), str(c), "-o", str(out)])
    assert debug.exit_code == 4
    assert "Traceback (most recent call last):" in debug.stderr
    assert 'raise KeyError("a bug in a reader")' in debug.stderr


def test_an_extractors_bug_loses_that_article_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = _files(tmp_path)
    real = loaders.pipeline.extract

    def buggy(article: Article):  # type: ignore[no-untyped-def]
        if article.id == "b-1":
            return 1 / 0
        return real(article)

    monkeypatch.setattr(loaders.pipeline, "extract", buggy)
    report = RunReport()
    assert [x.article.id for x in extract_inputs([a, b, c], report=report)] == ["good-1", "good-2"]
    assert report.problems == []
    (err,) = report.errors
    assert str(err) == f"{b}:1: internal error (a bug in geokg, not in the input): ZeroDivisionError: division by zero"
    assert "return 1 / 0" in err.traceback


def test_a_bug_outside_any_record_is_one_line_without_debug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def buggy(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(loaders.parallel, "extract_lines", buggy)
    a, _, _ = _files(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(a), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 4
    assert result.stderr == ("geokg: internal error (a bug in geokg): RuntimeError: a bug; "
                             "rerun with `geokg --debug ...` to see the traceback\n")
    debug = CliRunner().invoke(main, ["--debug", "extract", str(a), "-o", str(tmp_path / "out.jsonl")])
    assert isinstance(debug.exception, RuntimeError)


# --- extraction files read back ----------------------------------------------------------------


def test_a_bad_line_in_an_extraction_file_names_file_and_line(tmp_path: Path) -> None:
    good = next(extract_inputs([_files(tmp_path)[0]])).to_json()
    path = tmp_path / "extracted.jsonl"
    path.write_text("\n".join([line(good), '{"article_id": "x", "text": ', line(["a"]),
                               line({**good, "article_id": "n", "entities": None}), line(good)]) + "\n",
                    encoding="utf-8")
    problems: list[Problem] = []
    assert [r["article_id"] for r in read_extractions(path, problems)] == ["good-1", "good-1"]
    assert problems == [
        Problem(f"{path}:2", "invalid JSON (Expecting value, column 29)"),
        Problem(f"{path}:3", "expected a JSON object (one extracted article), got an array"),
        Problem(f"{path}:4", 'record n: "entities" is null, expected a list'),
    ]
    from geokg.errors import InputError

    with pytest.raises(InputError, match=f"{path}:2: invalid JSON"):
        list(read_extractions(path))  # without a list to report into (geokg map --from-extraction)


def test_map_from_a_bad_extraction_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "extracted.jsonl"
    path.write_text('{"article_id": \n', encoding="utf-8")
    result = CliRunner().invoke(main, ["map", "--from-extraction", str(path), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1
    assert result.stderr == f"geokg: {path}:1: invalid JSON (Expecting value, column 16)\n"


def test_the_same_article_twice_is_extracted_once(tmp_path: Path) -> None:
    path = tmp_path / "twice.jsonl"
    other = {**GOOD_2, "id": "good-1"}
    path.write_text("\n".join(line(r) for r in (GOOD, GOOD, other, GOOD_2)) + "\n", encoding="utf-8")
    copy = tmp_path / "copy.jsonl"
    copy.write_text(line(GOOD) + "\n", encoding="utf-8")
    report = RunReport()
    assert [x.article.id for x in extract_inputs([path, copy], report=report)] == ["good-1", "good-2"]
    assert report.duplicates == 2
    assert report.problems == [Problem(f"{path}:3", f"article good-1: a different text under the id of the "
                                                    f"article at {path}:1, which is kept; skipped")]


# --- loading: against the live Neo4j ----------------------------------------------------------


def graph_counts(driver) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """Articles, entities and relationships stored (not counting the summaries kept beside them)."""
    rec = driver.execute_query("RETURN count{ (:Article) } AS articles, count{ (:Entity) } AS entities, "
                               "count{ ()-[r]->() WHERE NOT type(r) IN $summaries } AS rels",
                               summaries=list(vocab.SUMMARY_TYPES)).records[0]
    return rec["articles"], rec["entities"], rec["rels"]


@pytest.mark.neo4j
def test_load_extracted_skips_bad_records_and_stores_the_rest(clean_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed = [x.to_json() for x in extract_inputs([ROOT / "seeds" / "000_55682db804c659e6.txt"])][:3]
    bad_name = {**seed[1], "article_id": "bad-name", "entities": [{**seed[1]["entities"][0], "name": {"a": 1}}]}
    path = tmp_path / "extracted.jsonl"
    lines = [line(seed[0]), line(["a"]), line({**seed[0], "article_id": "no-entities", "entities": None}),
             line(bad_name), '{"article_id": ', line(seed[1]), line(seed[0]), line(seed[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", "--extracted", str(path)])
    assert result.exit_code == 3, result.output + result.stderr
    assert result.stderr.splitlines() == [
        f"skipped: {path}:2: expected a JSON object (one extracted article), got an array",
        f'skipped: {path}:3: record no-entities: "entities" is null, expected a list',
        f'skipped: {path}:4: record bad-name: entity 1: "name" is an object, expected a string or null',
        f"skipped: {path}:5: invalid JSON (Expecting value, column 16)",
    ]
    assert "articles read 8, loaded 4, skipped 0" in result.stdout  # seed[0] twice: stored once
    first = graph_counts(clean_db)
    assert first[0] == 3
    again = CliRunner().invoke(main, ["load", "--extracted", str(path)])
    assert again.exit_code == 3
    assert "nodes created 0, relationships created 0, stale relationships removed 0" in again.stdout
    assert graph_counts(clean_db) == first


@pytest.mark.neo4j
def test_the_same_record_twice_in_one_batch_loads(clean_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # One transaction cannot create the same event edge twice: this load ended in a
    # ConstraintValidationFailed error and stored nothing.
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join([line(GOOD), line(GOOD)]) + "\n", encoding="utf-8")
    from loaders.pipeline import write_jsonl

    extracted = tmp_path / "extracted.jsonl"
    with extracted.open("w", encoding="utf-8") as out:
        write_jsonl(extract_inputs([path]), out)
    doubled = tmp_path / "doubled.jsonl"
    doubled.write_text(extracted.read_text(encoding="utf-8") * 2, encoding="utf-8")
    for args in (["load", str(path)], ["load", "--extracted", str(doubled)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output + result.stderr
    assert graph_counts(clean_db) == (1, 2, 3)  # 日本 and インド; two mentions and the meeting
