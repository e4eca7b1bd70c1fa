"""The graph in a live Neo4j: concrete facts of the seed, idempotency, supersets, networkx."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import neo4j
import pytest

from geokg import config, vocab
from graph.export import from_extractions, to_networkx
from graph.rows import agreement_ids
from graph.writer import load_records
from loaders.pipeline import extract_inputs

pytestmark = pytest.mark.neo4j

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_55682db804c659e6.txt"
DB = config.neo4j_settings().database


def seed_records() -> list[dict]:
    return [x.to_json() for x in extract_inputs([SEED])]


def counts(driver: neo4j.Driver) -> tuple[int, int]:
    rec = driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels",
        database_=DB,
    ).records[0]
    return rec["nodes"], rec["rels"]


def q(driver: neo4j.Driver, query: str, **params) -> list[dict]:
    return [r.data() for r in driver.execute_query(query, params, database_=DB).records]


@pytest.fixture
def seeded(clean_db: neo4j.Driver) -> neo4j.Driver:
    report = load_records(clean_db, seed_records(), database=DB)
    assert report.articles_loaded == 20 and not report.skipped
    return clean_db


def test_one_person_across_articles(seeded: neo4j.Driver) -> None:
    rows = q(seeded, "MATCH (p:Person {name: $name})<-[:MENTIONS]-(a:Article) RETURN p.id AS id, count(a) AS n",
             name="片山さつき")
    assert rows == [{"id": "person:片山さつき", "n": 2}]
    role = q(seeded, "MATCH (:Person {id: $id})-[h:HOLDS_ROLE]->(c:Country) RETURN h.title AS t, c.iso3 AS c",
             id="person:片山さつき")
    assert {"c": "JPN"} in [{"c": r["c"]} for r in role]


def test_phone_call_between_rubio_and_jaishankar(seeded: neo4j.Driver) -> None:
    rows = q(seeded, """
        MATCH (a:Person {name: 'ルビオ'})-[r:MET_WITH]-(b:Person {name: 'ジャイシャンカル'})
        RETURN r.date AS date, r.evidence AS evidence, r.article_id AS article""")
    assert rows, "no MET_WITH edge between ルビオ and ジャイシャンカル"
    assert any(r["date"] == "2026-01-13" and "電話会談" in r["evidence"] for r in rows)
    article = q(seeded, "MATCH (a:Article {id: $id}) RETURN a.text AS text", id=rows[0]["article"])[0]
    assert rows[0]["evidence"] in article["text"]


def test_both_sides_sign_one_peace_agreement(seeded: neo4j.Driver) -> None:
    rows = q(seeded, """
        MATCH (c:Country)-[s:SIGNED]->(a:Agreement)
        WHERE c.iso3 IN ['COD', 'RWA'] AND a.name CONTAINS '和平協定'
        RETURN c.iso3 AS country, a.id AS agreement, s.date AS date""")
    assert {r["country"] for r in rows} == {"COD", "RWA"}
    assert len({r["agreement"] for r in rows}) == 1
    assert {r["date"] for r in rows} == {"2025-12-04"}


def test_every_event_leads_back_to_its_article(seeded: neo4j.Driver) -> None:
    orphans = q(seeded, """
        MATCH ()-[r]->() WHERE type(r) IN $types
        AND NOT EXISTS { MATCH (a:Article {id: r.article_id}) WHERE a.text CONTAINS r.evidence }
        RETURN count(r) AS n""", types=list(vocab.EVENT_TYPES))
    assert orphans == [{"n": 0}]


def test_loading_twice_creates_nothing(seeded: neo4j.Driver) -> None:
    before = counts(seeded)
    report = load_records(seeded, seed_records(), database=DB)
    assert (report.nodes_created, report.relationships_created) == (0, 0)
    assert counts(seeded) == before


def test_a_superset_adds_exactly_what_is_new(clean_db: neo4j.Driver) -> None:
    records = seed_records()
    load_records(clean_db, records[:10], database=DB)
    partial = counts(clean_db)
    load_records(clean_db, records, database=DB)
    full = counts(clean_db)
    assert full[0] > partial[0] and full[1] > partial[1]
    # the same as loading everything at once into an empty graph
    clean_db.execute_query("MATCH (n) DETACH DELETE n", database_=DB)
    load_records(clean_db, records, database=DB)
    assert counts(clean_db) == full


def test_surname_in_a_later_article_joins_the_full_name(clean_db: neo4j.Driver) -> None:
    def article(aid: str, text: str, name: str) -> dict:
        return {"article_id": aid, "text": text, "entities": [
            {"id": f"person:{name}", "label": "Person", "name": name, "role": "経済相", "affiliation": "JPN"},
            {"id": "JPN", "label": "Country", "name": "日本", "iso3": "JPN"}], "events": []}

    load_records(clean_db, [article("a1", "木村経済相は語った。", "木村")], database=DB)
    load_records(clean_db, [article("a2", "木村一郎経済相は語った。", "木村一郎")], database=DB)
    load_records(clean_db, [article("a3", "木村経済相は再び語った。", "木村")], database=DB)
    rows = q(clean_db, "MATCH (p:Person)<-[:MENTIONS]-(a) RETURN p.id AS id, p.aliases AS aliases, count(a) AS n")
    assert len(rows) == 1
    assert rows[0]["id"] == "person:木村一郎" and rows[0]["n"] == 3 and "木村" in rows[0]["aliases"]


def test_bad_records_are_skipped_and_named(clean_db: neo4j.Driver) -> None:
    good = seed_records()[:2]
    bad = {"article_id": "broken", "text": "x", "entities": [], "events": [
        {"type": "MET_WITH", "source": "JPN", "target": "USA"}]}
    report = load_records(clean_db, [good[0], bad, good[1]], database=DB)
    assert report.articles_loaded == 2
    assert len(report.skipped) == 1 and "broken" in report.skipped[0]


def test_networkx_round_trip(seeded: neo4j.Driver) -> None:
    g = to_networkx(seeded, database=DB)
    stored = q(seeded, "MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r) AS n", types=list(vocab.EVENT_TYPES))
    assert g.number_of_edges() == stored[0]["n"]
    data = [d for _, _, d in g.edges(data=True) if d["type"] == "MET_WITH" and d["date"] == "2026-01-13"]
    assert data and all(d["evidence"] and d["article_id"] for d in data)
    assert g.nodes["JPN"]["label"] == "Country" and g.nodes["JPN"]["articles"] >= 5
    # the same graph straight from the extraction has the same edges (people merge by id in both)
    direct = from_extractions(seed_records())
    assert {(u, v, d["type"]) for u, v, d in direct.edges(data=True)} == {
        (u, v, d["type"]) for u, v, d in g.edges(data=True)}


def test_networkx_filters(seeded: neo4j.Driver) -> None:
    g = to_networkx(seeded, database=DB, since="2026-01-01", until="2026-01-31", types=["MET_WITH"])
    assert g.number_of_edges() > 0
    assert all(d["type"] == "MET_WITH" and "2026-01-01" <= d["date"] <= "2026-01-31" for *_, d in g.edges(data=True))
    g = to_networkx(seeded, database=DB, countries=["COD"])
    assert any("COD" in (u, v) for u, v in g.edges())


def test_labels_cannot_be_injected() -> None:
    with pytest.raises(ValueError):
        vocab.safe_identifier("MET_WITH]->() DETACH DELETE (n) //")


def test_agreement_ids_are_keyed_by_parties() -> None:
    rec = json.loads(json.dumps(seed_records()[13]))
    ids = agreement_ids(rec)
    assert any(v.endswith("|COD,RWA") for v in ids.values())


def test_reloading_a_changed_extraction_replaces_its_events(clean_db: neo4j.Driver) -> None:
    rec = copy.deepcopy(seed_records()[6])  # the US-India article: several events
    load_records(clean_db, [rec], database=DB)
    events_before = q(clean_db, "MATCH ()-[r]->() WHERE r.article_id = $id RETURN count(r) AS n", id=rec["article_id"])
    dropped = rec["events"].pop()
    report = load_records(clean_db, [rec], database=DB)
    assert report.relationships_deleted == 1 and report.relationships_created == 0
    after = q(clean_db, "MATCH ()-[r]->() WHERE r.article_id = $id RETURN count(r) AS n", id=rec["article_id"])
    assert after[0]["n"] == events_before[0]["n"] - 1
    assert not q(clean_db, f"MATCH ()-[r:{dropped['type']} {{article_id: $id}}]->() "
                 "WHERE startNode(r).id = $s AND endNode(r).id = $t RETURN r",
                 id=rec["article_id"], s=dropped["source"], t=dropped["target"])
    again = load_records(clean_db, [rec], database=DB)
    assert (again.relationships_created, again.relationships_deleted) == (0, 0)
