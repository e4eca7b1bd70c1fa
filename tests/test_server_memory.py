"""A batch too large for the server's transaction memory (``db.memory.transaction.max``, set
through GEOKG_TX_MEMORY on a second local server of its own, started for these tests): the
loader writes it in halves and loses nothing; an article too large alone is named and skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from test_server_faults import Server, second_server

from bench.corpus import write
from geokg import config, vocab
from graph import verify
from graph.writer import load_records
from loaders.pipeline import extract_inputs

pytestmark = pytest.mark.neo4j

DB = config.LOCAL_DATABASE
LIMIT = "16m"  # 300 generated articles need more in one transaction, 20 far less


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    for srv in second_server(tmp_path_factory.mktemp("tx-memory-neo4j"), GEOKG_TX_MEMORY=LIMIT):
        conf = (Path(srv.env["GEOKG_HOME"]) / "neo4j" / "conf" / "neo4j.conf").read_text(encoding="utf-8")
        assert f"db.memory.transaction.max={LIMIT}" in conf.splitlines()
        yield srv


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    write(path, 300, seed=11)
    return [x.to_json() for x in extract_inputs([path])]


def _wipe(driver: neo4j.Driver) -> None:
    with driver.session(database=DB) as session:  # in small transactions: the limit holds for these too
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 2000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 2000 ROWS").consume()


def _event_edges(driver: neo4j.Driver) -> Counter[tuple[str, str, str, str]]:
    rows = driver.execute_query(
        "MATCH ()-[r]->() WHERE type(r) IN $types RETURN type(r) AS t, r.article_id AS a, r.evidence AS e, "
        "coalesce(r.date, '') AS d", types=list(vocab.EVENT_TYPES), database_=DB).records
    return Counter((r["t"], r["a"], r["e"], r["d"]) for r in rows)


def _article(aid: str, text: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    countries = [{"id": "USA", "label": "Country", "name": "米国", "iso3": "USA"},
                 {"id": "JPN", "label": "Country", "name": "日本", "iso3": "JPN"}]
    return {"article_id": aid, "text": text, "published": "2026-03-10", "entities": countries, "events": events}


def test_a_batch_too_large_is_written_in_halves(small_server: Server, generated: list[dict[str, Any]]) -> None:
    """One batch of the whole generated corpus is refused; the loader writes it in smaller
    ones: every article and event stored once, the summaries equal to a recount, the same event
    edges as a load in batches that fit."""
    drv = small_server.driver
    _wipe(drv)
    report = load_records(drv, generated, database=DB, batch_size=len(generated))
    assert report.split >= 1 and "halved to fit" in report.summary()
    assert report.skipped == [] and report.articles_loaded == len(generated)
    assert verify.differences(drv, DB) == []
    halved = _event_edges(drv)
    _wipe(drv)
    reference = load_records(drv, generated, database=DB, batch_size=20)
    assert reference.split == 0 and reference.events_written == report.events_written
    assert _event_edges(drv) == halved


def test_an_article_too_large_alone_is_skipped_and_named(small_server: Server) -> None:
    """An article whose events alone exceed the limit is named and skipped; the articles around
    it load."""
    drv = small_server.driver
    _wipe(drv)
    long = "日本と米国は会談した。" * 4000
    huge = _article("huge", long, [{"type": "MET_WITH", "source": "JPN", "target": "USA",
                                    "date": f"2025-{m:02d}-{d:02d}", "evidence": f"{m}月{d}日 {long}"}
                                   for m in range(1, 13) for d in range(1, 29)])
    small = [_article(aid, "日本と米国は5日に会談した。", [{"type": "MET_WITH", "source": "JPN", "target": "USA",
                                                    "date": "2026-03-05", "evidence": "日本と米国は5日に会談した。"}])
             for aid in ("before", "after")]
    report = load_records(drv, [small[0], huge, small[1]], database=DB, batch_size=10)
    assert len(report.skipped) == 1 and report.skipped[0].startswith("record huge: too large for one transaction")
    assert report.articles_loaded == 2
    stored = drv.execute_query("MATCH (a:Article) RETURN a.id AS id ORDER BY id", database_=DB).records
    assert [r["id"] for r in stored] == ["after", "before"]
    assert verify.differences(drv, DB) == []
