"""The summaries the loader keeps (graph/summaries.py): equal to a recount from the per-article
edges after every kind of load, and the canned queries over them answer what the same questions
answer over the edges (tests/data/edge_queries/), on the seed and on a generated corpus."""

from __future__ import annotations

import copy
import random
from collections import Counter
from pathlib import Path
from typing import Any

import neo4j
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_cases import cases as _cases
from query_cases import comparable as _comparable

from bench.corpus import write
from geokg import config, vocab
from graph import verify
from graph.rebuild import rebuild
from graph.ties import DateCounts, Tie, contact, counts_in, in_window, update_contact
from graph.writer import load_records
from loaders.pipeline import extract_inputs
from queries import load_query, run_query
from queries.params import complete

ROOT = Path(__file__).resolve().parents[1]
EDGE_QUERIES = ROOT / "tests" / "data" / "edge_queries"
DB = config.neo4j_settings().database


# --- the arithmetic, no database -----------------------------------------------------------------
DATES = st.sampled_from(["2025", "2025-02", "2025-02-03", "2025-02-28", "2025-03", "2025-03-01", "2025-03-15",
                         "2025-12-31", "2026", "2026-01-01"])
WINDOW_ENDS = st.one_of(st.none(), st.sampled_from(["2025", "2025-02", "2025-02-15", "2025-03-01", "2026-01",
                                                    "2025-01-01", "2025-02-28", "2025-03-31", "2025-12-31"]))


@given(st.lists(DATES, max_size=30), WINDOW_ENDS, WINDOW_ENDS)
def test_month_buckets_sum_to_the_dates_in_a_window(dates: list[str], since: str | None, until: str | None) -> None:
    """The stored lists add up the way the queries read them: whole months at once, dates one
    by one only in the months the window cuts."""
    counts = DateCounts(Counter(dates))
    p = counts.props()
    total = 0
    for i, month in enumerate(p["months"]):
        # every date of the month's bucket in the window: its first day from since, its last to until
        whole = ((since is None or month + ("~" if len(month) == 4 else "-01~") >= since)
                 and (until is None or month + ("" if len(month) == 4 else "-31") <= until + "~"))
        out = (since is not None and month + "~" < since) or (until is not None and month > until + "~")
        if whole:
            total += p["month_counts"][i]
        elif not out:
            total += sum(n for d, n in zip(p["dates"][p["month_start"][i]:p["month_start"][i + 1]],
                                           p["counts"][p["month_start"][i]:p["month_start"][i + 1]], strict=True)
                         if in_window(d, since, until))
    assert total == counts_in(p, since, until) == sum(1 for d in dates if in_window(d, since, until))


TIES = st.lists(st.tuples(st.sampled_from(["MET_WITH", "AGREED", "REQUESTED"]),
                          st.lists(st.tuples(st.one_of(st.none(), DATES), st.sampled_from(["a1", "a2", "a3"]),
                                             st.sampled_from(["x", "y"])), max_size=3)), max_size=4)


def _tie(edges: list[tuple[str | None, str, str]]) -> Tie:
    tie = Tie()
    for date, article, evidence in edges:
        tie.add_edge(date, article, evidence)
    return tie


@settings(max_examples=200)
@given(TIES, TIES)
def test_a_contact_updated_by_its_ties_equals_one_counted_afresh(before: list[Any], after: list[Any]) -> None:
    old = {t: _tie(e) for t, e in before}
    new = {t: _tie(e) for t, e in after}
    stored = contact(list(old.items()), None)
    changed = [(t, old.get(t, Tie()), new.get(t, Tie())) for t in set(old) | set(new)]
    updated = update_contact(stored, changed, None)
    if updated is not False:  # False: the first or last event went, so the loader recounts
        assert updated == contact([(t, x) for t, x in new.items() if not x.empty], None)


# --- on the live graph ---------------------------------------------------------------------------
def _wipe(driver: neo4j.Driver) -> None:
    with driver.session(database=DB) as s:
        s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture(scope="module")
def seed_records() -> list[dict[str, Any]]:
    return [x.to_json() for x in extract_inputs([ROOT / "seeds"])]


@pytest.fixture(scope="module")
def generated_records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """300 generated articles (bench/corpus.py), read and extracted as `geokg load` does."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    write(path, 300, seed=11)
    return [x.to_json() for x in extract_inputs([path])]


def _differences(driver: neo4j.Driver) -> list[str]:
    return verify.differences(driver, DB)


@pytest.mark.neo4j
def test_summaries_equal_a_recount_after_batches_reloads_and_a_rebuild(
        clean_db: neo4j.Driver, seed_records: list[dict[str, Any]], generated_records: list[dict[str, Any]]) -> None:
    load_records(clean_db, seed_records, database=DB)
    assert _differences(clean_db) == []
    load_records(clean_db, generated_records, database=DB, batch_size=64)
    assert _differences(clean_db) == []

    # reload a third with changed extractions: events dropped, dates and evidence changed
    rng = random.Random(3)
    changed, dropped = [], 0
    for rec in generated_records[:100]:
        rec = copy.deepcopy(rec)
        if rec["events"]:
            rec["events"].pop(rng.randrange(len(rec["events"])))
            dropped += 1
        for ev in rec["events"]:
            if rng.random() < 0.3:
                ev["date"] = f"2025-0{rng.randint(1, 9)}"
            if rng.random() < 0.2:
                ev["evidence"] = "訂正 " + ev["evidence"]
        changed.append(rec)
    report = load_records(clean_db, changed, database=DB, batch_size=40)
    # each dropped event takes its edge away; what changed otherwise (an agreement keyed anew when a
    # signer went) is replaced one for one
    assert report.relationships_deleted - report.relationships_created == dropped > 0
    assert _differences(clean_db) == []

    # the migration's rebuild counts the same summaries again
    before = verify.stored(clean_db, DB)
    edges = rebuild(clean_db, DB)
    assert edges == clean_db.execute_query(
        "MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r) AS n", types=list(vocab.EVENT_TYPES),
        database_=DB).records[0]["n"]
    assert verify.stored(clean_db, DB) == before


def _article(aid: str, text: str, entities: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"article_id": aid, "text": text, "published": "2026-03-10", "entities": entities, "events": events}


USA = {"id": "USA", "label": "Country", "name": "米国", "iso3": "USA"}
JPN = {"id": "JPN", "label": "Country", "name": "日本", "iso3": "JPN"}


@pytest.mark.neo4j
def test_a_role_learned_later_moves_the_persons_events_to_its_country(clean_db: neo4j.Driver) -> None:
    person = {"id": "person:木村", "label": "Person", "name": "木村", "role": None, "affiliation": None}
    met = {"type": "MET_WITH", "source": "person:木村", "target": "USA", "date": "2026-03-09",
           "evidence": "会談した。"}
    load_records(clean_db, [_article("r1", "木村氏は米国と会談した。", [person, USA], [met])], database=DB)
    ties = ("MATCH (a:Country)-[x:COUNTRY_TIE]->(b:Country) "
            "RETURN a.iso3 + '|' + b.iso3 + '|' + x.type AS k, x.count AS n")
    assert clean_db.execute_query(ties, database_=DB).records == []
    with_role = dict(person, role="経済相", affiliation="JPN")
    load_records(clean_db, [_article("r2", "木村経済相は語った。", [with_role, JPN], [])], database=DB)
    assert {r["k"]: r["n"] for r in clean_db.execute_query(ties, database_=DB).records} == {"JPN|USA|MET_WITH": 1}
    # a longer name later: the same person, renamed, keeps its summaries
    longer = dict(with_role, id="person:木村一郎", name="木村一郎")
    load_records(clean_db, [_article("r3", "木村一郎経済相は米国と会談した。", [longer, USA],
                                     [dict(met, source="person:木村一郎", date="2026-03-10")])], database=DB)
    assert {r["k"]: r["n"] for r in clean_db.execute_query(ties, database_=DB).records} == {"JPN|USA|MET_WITH": 2}
    assert _differences(clean_db) == []


# --- the canned queries over the summaries against the same questions over the edges ------------
def _reference(driver: neo4j.Driver, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    text = (EDGE_QUERIES / f"{name}.cypher").read_text(encoding="utf-8")
    return [r.data() for r in driver.execute_query(text, params, database_=DB).records]


@pytest.fixture(scope="module")
def both_graphs(neo4j_driver: neo4j.Driver, seed_records: list[dict[str, Any]],
                generated_records: list[dict[str, Any]]) -> neo4j.Driver:
    settings_ = config.neo4j_settings()
    if settings_.external:
        pytest.skip("compares on the local server's database only")
    _wipe(neo4j_driver)
    load_records(neo4j_driver, seed_records + generated_records, database=DB, batch_size=100)
    return neo4j_driver


@pytest.mark.neo4j
@pytest.mark.parametrize(("name", "params"), _cases(), ids=lambda x: x if isinstance(x, str) else
                         ",".join(f"{k}={v}" for k, v in x.items()) or "defaults")
def test_canned_query_equals_the_question_asked_of_the_edges(
        both_graphs: neo4j.Driver, name: str, params: dict[str, Any]) -> None:
    if name == "connection":  # every shortest path, not the first ten by text
        params = {**params, "limit": 1000}
    values = complete(load_query(name), params)
    got = run_query(name, driver=both_graphs, **params)
    want = _reference(both_graphs, name, values)
    assert want or name in ("connection", "new_ties", "agreements"), f"{name} {params}: no answer to compare"
    assert _comparable(name, got) == _comparable(name, want)


# --- a graph loaded by the release before the summaries, upgraded in place ------------------------
RELEASE = "ab99627"  # the last commit whose loader wrote no summaries (schema migrations 1-3)

_OLD_LOAD = """
import json, sys
from geokg import db, neo4j_local
from graph.writer import load_records
settings = neo4j_local.ensure_running()
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
with db.driver(settings) as drv:
    print(load_records(drv, records, database=settings.database, batch_size=100).summary())
"""


def _release(tmp: Path) -> Path:
    """The release's code, from git; skip when this checkout does not have it."""
    import shutil
    import subprocess
    import tarfile

    if shutil.which("git") is None:
        pytest.skip("git is needed to fetch the release's loader")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", RELEASE, "geokg", "graph", "loaders", "queries",
                              "docker"], capture_output=True)
    if archive.returncode != 0:
        pytest.skip(f"commit {RELEASE} is not in this checkout: {archive.stderr.decode(errors='replace')}")
    import io

    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp, filter="data")
    return tmp


@pytest.mark.neo4j
def test_a_graph_loaded_by_the_release_gains_the_summaries_in_place(
        clean_db: neo4j.Driver, tmp_path: Path, seed_records: list[dict[str, Any]],
        generated_records: list[dict[str, Any]]) -> None:
    import json
    import os
    import subprocess
    import sys

    from graph.schema import migrate

    old = _release(tmp_path / "release")
    data = tmp_path / "extracted.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seed_records + generated_records),
                    encoding="utf-8")
    script = tmp_path / "old_load.py"
    script.write_text(_OLD_LOAD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(old)}
    done = subprocess.run([sys.executable, str(script), str(data)], cwd=old, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "articles read 320, loaded 320" in done.stdout
    stored = clean_db.execute_query("MATCH (m:Migration) RETURN collect(m.id) AS ids, "
                                    "COUNT { ()-[:TIE]->() } AS ties", database_=DB).records[0]
    assert sorted(stored["ids"]) == [1, 2, 3] and stored["ties"] == 0

    assert migrate(clean_db, DB) == [4, 5]
    assert _differences(clean_db) == []
    cases = _cases()
    upgraded = [run_query(name, driver=clean_db, **params) for name, params in cases]

    _wipe(clean_db)
    load_records(clean_db, seed_records + generated_records, database=DB, batch_size=100)
    fresh = [run_query(name, driver=clean_db, **params) for name, params in cases]
    for (name, params), a, b in zip(cases, upgraded, fresh, strict=True):
        assert _comparable(name, a) == _comparable(name, b), f"{name} {params}"


@pytest.mark.neo4j
def test_year_buckets_are_added_in_place_to_a_graph_loaded_before_them(
        clean_db: neo4j.Driver, seed_records: list[dict[str, Any]],
        generated_records: list[dict[str, Any]]) -> None:
    """A graph whose summaries have month buckets only (as the loader before migration 5 wrote
    them): the canned queries answer the same before and after the migration adds the year
    buckets and the months' first and last dates, and the summaries then equal a recount."""
    from graph.schema import migrate

    load_records(clean_db, seed_records + generated_records, database=DB, batch_size=100)
    cases = _cases()
    fresh = [run_query(name, driver=clean_db, **params) for name, params in cases]
    with clean_db.session(database=DB) as session:
        session.run("MATCH ()-[x]->() WHERE x.years IS NOT NULL CALL (x) { REMOVE x.years, x.year_counts, "
                    "x.year_start, x.month_first, x.month_last } IN TRANSACTIONS OF 10000 ROWS").consume()
    clean_db.execute_query("MATCH (m:Migration {id: 5}) DELETE m", database_=DB)
    assert _differences(clean_db) != []  # the recount has the new lists, the graph not yet
    before = [run_query(name, driver=clean_db, **params) for name, params in cases]
    assert migrate(clean_db, DB) == [5]
    assert _differences(clean_db) == []
    after = [run_query(name, driver=clean_db, **params) for name, params in cases]
    for (name, params), a, b, c in zip(cases, before, after, fresh, strict=True):
        assert _comparable(name, a) == _comparable(name, b) == _comparable(name, c), f"{name} {params}"


@pytest.mark.neo4j
def test_an_article_twice_in_one_batch_is_stored_once(clean_db: neo4j.Driver,
                                                      seed_records: list[dict[str, Any]]) -> None:
    report = load_records(clean_db, seed_records[:5] + seed_records[:5], database=DB)
    assert report.articles_loaded == 10 and not report.skipped
    twice = verify.stored(clean_db, DB)
    count = "MATCH (n) RETURN count(n) AS n, COUNT { ()-[]->() } AS r"
    both = clean_db.execute_query(count, database_=DB).records[0].data()
    _wipe(clean_db)
    load_records(clean_db, seed_records[:5], database=DB)
    assert clean_db.execute_query(count, database_=DB).records[0].data() == both
    assert verify.stored(clean_db, DB) == twice and _differences(clean_db) == []
