"""The bad-input corpus of tests/data/bad/ (issue 11.5): for each file a clear message with its
location, exit status 3, every good record extracted and loaded, nothing stored twice.

What each file holds is in tests/data/bad/README.md; make_corpus.py writes them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from geokg import config
from geokg.cli import main

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
ARTICLES = BAD / "articles"
sys.path.insert(0, str(BAD))
import make_corpus  # noqa: E402 - the corpus's own module, beside its files

A = "tests/data/bad/articles/"
PROBLEMS = [
    f"{A}binary.txt: not UTF-8: byte 0x89 at offset 0 cannot be decoded; it looks like binary data, not text: "
    "give text files, JSON Lines, feeds or pages",
    f"{A}blank.jsonl: empty file",
    f"{A}bom_only.txt: empty file",
    f"{A}cut_utf8.txt: not UTF-8: byte 0xe3 at offset 128 cannot be decoded; the rest is UTF-8: the file is cut "
    "short or damaged there",
    f"{A}duplicate.jsonl:3: article dup-1: a different text under the id of the article at "
    f"{A}duplicate.jsonl:1, which is kept; skipped",
    f"{A}empty.txt: empty file",
    f"{A}feed_empty.xml: a feed without entries",
    f"{A}feed_entry_without_text.xml: entry 1 (guid fe-1): no text",
    f"{A}feed_garbage.rss: not a readable RSS/Atom feed: <unknown>:2:19: not well-formed (invalid token)",
    f"{A}feed_laughs.xml: refused: its DOCTYPE declares the XML entity 'b', which could expand without bound or "
    "read local files",
    f"{A}feed_truncated.xml: entry 2 (guid ft-2): no text",
    f"{A}feed_xxe.xml: refused: its DOCTYPE declares the XML entity 'xxe', which could expand without bound or "
    "read local files",
    f"{A}invalid.jsonl:1: invalid JSON (Expecting property name enclosed in double quotes, column 38)",
    f"{A}invalid.jsonl:2: invalid JSON (Expecting property name enclosed in double quotes, column 2)",
    f"{A}invalid.jsonl:3: invalid JSON (Expecting value, column 1)",
    f"{A}invalid.jsonl:4: invalid JSON (a number too long to convert: Exceeds the limit (4300 digits) for integer "
    "string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit)",
    f"{A}invalid.jsonl:5: invalid JSON (nested too deep to parse)",
    f"{A}invalid.jsonl:6: invalid JSON (NaN is not a JSON value)",
    f"{A}invalid.jsonl:7: invalid JSON (Invalid control character at, column 28)",
    f"{A}latin1.txt: not UTF-8: byte 0xfc at offset 2 cannot be decoded; it may be cp1250: convert it to UTF-8, "
    "e.g. `iconv -f cp1250 -t UTF-8`",
    f'{A}no_text.jsonl:1: no "text"',
    f'{A}no_text.jsonl:2: "text" is empty',
    f'{A}no_text.jsonl:3: "text" is empty',
    f"{A}scripts_only.html: no article text found in the page",
    f"{A}sjis_declared_utf8.html: not valid utf-8 as declared: bad byte at offset 66",
    f'{A}surrogates.jsonl:1: a lone surrogate (half of a UTF-16 pair, not a character) at "text", character 2',
    f'{A}surrogates.jsonl:2: a lone surrogate (half of a UTF-16 pair, not a character) at "title", character 0',
    f'{A}surrogates.jsonl:3: a lone surrogate (half of a UTF-16 pair, not a character) at "tags", item 1, '
    "a key (\\ud83d)",
    f"{A}truncated.jsonl:2: invalid JSON (Unterminated string starting at, column 47)",
    f"{A}truncated.jsonl:4: invalid JSON (Invalid \\uXXXX escape, column 29)",
    f'{A}wrong_types.jsonl:1: "text" is a number, expected a string',
    f'{A}wrong_types.jsonl:2: "text" is an array, expected a string',
    f'{A}wrong_types.jsonl:3: "text" is an object, expected a string',
    f'{A}wrong_types.jsonl:4: "text" is null, expected a string',
    f'{A}wrong_types.jsonl:5: "id" is an object, expected a string',
    f'{A}wrong_types.jsonl:6: "id" is a boolean, expected a string',
    f"{A}wrong_types.jsonl:7: expected a JSON object, got an array",
    f"{A}wrong_types.jsonl:8: expected a JSON object, got a string",
    f"{A}wrong_types.jsonl:9: expected a JSON object, got null",
]
S = make_corpus.STORIES
# every good record in the order of the walk: where it is, its text, the two countries that meet
GOOD = [
    (f"{A}bom.jsonl:1", S["met2"], ("USA", "GBR")),
    (f"{A}control.jsonl:1", S["met3"], ("KOR", "AUS")),
    (f"{A}control.jsonl:2", "ケニアとエチオピアは11日、\x00ナイロビで外相会談\u200bを開いた。\x85", ("KEN", "ETH")),
    (f"{A}control.jsonl:3", "カナダと\u2028メキシコは10日、オタワで首脳会談を開いた。", ("CAN", "MEX")),
    (f"{A}control.txt", S["met4"].replace("、", "、\x01\x1b[31m") + "\x00", ("FRA", "DEU")),
    (f"{A}duplicate.jsonl:1", S["met5"], ("BRA", "CHL")),
    (f"{A}eucjp.txt", S["met6"], ("CAN", "MEX")),
    (f"{A}feed_entry_without_text.xml#entry2", S["met8"], ("VNM", "THA")),
    (f"{A}feed_truncated.xml#entry1", S["met6"], ("CAN", "MEX")),
    (f"{A}invalid.jsonl:8", S["met3"], ("KOR", "AUS")),
    (f"{A}no_text.jsonl:4", "。。。", None),
    (f"{A}scripts.html", S["met"] + "\n" + make_corpus.SECOND_PARAGRAPH, ("JPN", "IND")),
    (f"{A}sjis.txt", S["met5"], ("BRA", "CHL")),
    (f"{A}surrogates.jsonl:4", S["met4"], ("FRA", "DEU")),
    (f"{A}truncated.jsonl:1", S["met"], ("JPN", "IND")),
    (f"{A}truncated.jsonl:3", S["met2"], ("USA", "GBR")),
    (f"{A}utf16_bom.jsonl:1", S["met8"], ("VNM", "THA")),
    (f"{A}utf16le_nobom.txt", S["met7"], ("KEN", "ETH")),
    (f"{A}wrong_types.jsonl:10", S["met4"], ("FRA", "DEU")),
]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("large")
    return make_corpus.large_listing(folder / "listing_100k.txt"), make_corpus.large_record(folder / "many.jsonl")


def run(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr.splitlines(), result.stdout


def test_the_corpus_is_what_make_corpus_writes() -> None:
    written = make_corpus.article_files()
    assert sorted(p.name for p in ARTICLES.iterdir()) == sorted(written)
    for name, data in written.items():
        assert (ARTICLES / name).read_bytes() == data, name


def test_extract_the_corpus(tmp_path: Path, large: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    listing, many = large
    out = tmp_path / "out.jsonl"
    status, stderr, _ = run("extract", "tests/data/bad/articles", str(listing), str(many), "-o", str(out))
    assert status == 3
    assert stderr[:-1] == [f"skipped: {p}" for p in PROBLEMS]
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    n_entities, n_events = sum(len(r["entities"]) for r in records), sum(len(r["events"]) for r in records)
    assert stderr[-1] == (f"extracted {len(records)} articles: {n_entities} entities, {n_events} events; "
                          f"{len(PROBLEMS)} skipped")
    corpus = records[: len(GOOD)]
    assert [r["text"] for r in corpus] == [text for _, text, _ in GOOD]
    for r, (where, _, pair) in zip(corpus, GOOD, strict=True):
        if pair is None:
            assert r["entities"] == [] and r["events"] == [], where
            continue
        assert [(e["type"], e["source"], e["target"]) for e in r["events"]][:1] == [("MET_WITH", *pair)], where
        for ev in r["events"]:
            assert r["text"][ev["start"] : ev["end"]].strip() == ev["evidence"], where
    # the large ones: 20 distinct stories among 100,000 listing lines; 10,000 entities kept as metadata
    assert len(records) == len(GOOD) + 21
    assert [r["metadata"]["position"] for r in records[len(GOOD) : -1]] == list(range(1, 21))
    assert records[-1]["article_id"] == "many-1" and len(records[-1]["metadata"]["entities"]) == 10_000
    assert [e["id"] for e in records[-1]["entities"]] == ["USA", "GBR"]
    scripts = corpus[11]
    assert "スクリプト" not in scripts["text"] and "中国" not in scripts["text"] and "var" not in scripts["text"]


def stored(driver: neo4j.Driver) -> tuple[list[str], int, int]:
    db = config.neo4j_settings().database
    texts = [r["text"] for r in driver.execute_query("MATCH (a:Article) RETURN a.text AS text ORDER BY text",
                                                     database_=db).records]
    rec = driver.execute_query("RETURN count{ (:Entity) } AS entities, count{ ()-[]->() } AS rels",
                               database_=db).records[0]
    return texts, rec["entities"], rec["rels"]


@pytest.mark.neo4j
def test_load_the_corpus_twice(clean_db: neo4j.Driver, large: tuple[Path, Path],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    listing, many = large
    status, stderr, stdout = run("load", "tests/data/bad/articles", str(listing), str(many))
    assert status == 3, stderr
    assert stderr == [f"skipped: {p}" for p in PROBLEMS]
    texts, entities, rels = stored(clean_db)
    listing_texts = listing.read_text(encoding="utf-8").splitlines()[3:23]
    # every good record once; many-1 is met2's story under its own id
    assert texts == sorted([text for _, text, _ in GOOD] + listing_texts + [S["met2"]])
    assert f"articles read {len(GOOD) + 21 + len(PROBLEMS)}, loaded {len(GOOD) + 21}, skipped 0;" in stdout
    again_status, again_stderr, again = run("load", "tests/data/bad/articles", str(listing), str(many))
    assert again_status == 3 and again_stderr == stderr
    assert "nodes created 0, relationships created 0, stale relationships removed 0" in again
    assert stored(clean_db) == (texts, entities, rels)


@pytest.mark.neo4j
def test_load_broken_extraction_records(clean_db: neo4j.Driver, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    many = make_corpus.large_extraction(tmp_path / "many_extracted.jsonl")
    src = "tests/data/bad/extracted/records.jsonl"
    status, stderr, _stdout = run("load", "--extracted", src, "--extracted", str(many))
    assert status == 3
    assert stderr == [f"skipped: {src}:{n}: {m}" for n, m in [
        (2, "expected a JSON object (one extracted article), got an array"),
        (3, 'record x-entities-null: "entities" is null, expected a list'),
        (4, 'record x-events-null: "events" is null, expected a list'),
        (5, 'record x-name-object: entity 1: "name" is an object, expected a string or null'),
        (6, "record x-label: entity 1: unknown label 'Planet'"),
        (7, "record x-type: event 1 has an unknown type 'INVADED_MARS'"),
        (8, "record x-dangling: event 1 (MET_WITH) refers to an entity the record does not have"),
        (9, 'record x-count: entity 1: "count" is a string, expected an integer or null'),
        (10, 'record x-offset: event 1: "start" is a string, expected an integer or null'),
        (11, 'record x-aliases: entity 1: "aliases" is not a list of strings'),
        (12, "a record without an article_id"),
        (13, "record x-no-text: no text"),
        (14, "invalid JSON (Unterminated string starting at, column 39)"),
        (15, 'a lone surrogate at "text", character 2'),
    ]]
    db = config.neo4j_settings().database
    rows = clean_db.execute_query("MATCH (a:Article) RETURN a.id AS id, a.text AS text ORDER BY id",
                                  database_=db).records
    assert [(r["id"], r["text"]) for r in rows] == [
        ("ex-met", S["met"]), ("ex-met2", S["met2"] + "\x00"), ("many-extracted", rows[2]["text"])]
    counts = clean_db.execute_query(
        "RETURN count{ (:Organization) } AS orgs, count{ ()-[:MET_WITH]->() } AS met, count{ (:Country) } AS c",
        database_=db).records[0]
    assert (counts["orgs"], counts["met"], counts["c"]) == (10_000, 5_002, 4)
    before = stored(clean_db)
    again_status, _, again = run("load", "--extracted", src, "--extracted", str(many))
    assert again_status == 3
    assert "nodes created 0, relationships created 0, stale relationships removed 0" in again
    assert stored(clean_db) == before
