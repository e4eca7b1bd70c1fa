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
from loaders.extract import extract
from loaders.models import Article
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
    # the seed names 片山さつき in full in one article and as 片山財務大臣 in another: one Person
    rows = q(seeded, "MATCH (p:Person)<-[:MENTIONS]-(a:Article) WHERE p.name STARTS WITH $name "
             "RETURN p.id AS id, collect(a.id) AS articles", name="片山")
    assert [(r["id"], sorted(r["articles"])) for r in rows] == [
        ("person:片山さつき", ["sha1:abf7209ccf2a92d1", "sha1:fb926997f473a020"])]
    role = q(seeded, "MATCH (:Person {id: $id})-[h:HOLDS_ROLE]->(c:Country) RETURN h.title AS t, c.iso3 AS c",
             id="person:片山さつき")
    assert sorted((r["t"], r["c"]) for r in role) == [("財務大臣", "JPN"), ("財務相", "JPN")]


def test_a_surname_joins_its_full_name_in_another_article_of_the_batch(clean_db: neo4j.Driver) -> None:
    """A made-up person (not in persons.tsv, so extraction cannot merge him): only the
    loader's cross-article resolution makes 山本 of two articles the 山本健太 of a third."""
    texts = {"g1": "山本経済相は5日、インドの外相と会談した。", "g2": "山本健太経済相は2日、訪米した。",
             "g3": "山本氏は9日、声明を出した。"}
    records = [extract(Article(id=k, text=t, published="2026-03-10")).to_json() for k, t in texts.items()]
    assert [[e["id"] for e in r["entities"] if e["label"] == "Person"] for r in records] == [
        ["person:山本"], ["person:山本健太"], ["person:山本"]]
    report = load_records(clean_db, records, database=DB)
    assert report.articles_loaded == 3 and not report.skipped
    rows = q(clean_db, "MATCH (p:Person) OPTIONAL MATCH (p)<-[:MENTIONS]-(a:Article) "
             "RETURN p.id AS id, p.name AS name, p.role AS role, p.aliases AS aliases, collect(a.id) AS articles")
    # the long name stays the node's name (g3's 山本 came last), and 山本氏 takes no title away
    assert [(r["id"], r["name"], r["role"], r["aliases"], sorted(r["articles"])) for r in rows] == [
        ("person:山本健太", "山本健太", "経済相", ["山本"], ["g1", "g2", "g3"])]
    events = q(clean_db, "MATCH (s)-[r:MET_WITH]->(t) RETURN s.id AS s, t.id AS t, r.article_id AS a ORDER BY a")
    assert events == [{"s": "person:山本健太", "t": "IND", "a": "g1"}, {"s": "person:山本健太", "t": "USA", "a": "g2"}]


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
    rows = q(clean_db, "MATCH (p:Person)<-[:MENTIONS]-(a) "
             "RETURN p.id AS id, p.name AS name, p.aliases AS aliases, collect(a.id) AS articles")
    assert [(r["id"], r["name"], r["aliases"], sorted(r["articles"])) for r in rows] == [
        ("person:木村一郎", "木村一郎", ["木村"], ["a1", "a2", "a3"])]


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
    assert g.number_of_edges() == 34  # the seed's events (tests/test_export.py)
    data = [(u, v, d["article_id"]) for u, v, d in g.edges(data=True)
            if d["type"] == "MET_WITH" and d["date"] == "2026-01-13"]
    assert data == [("person:ルビオ", "person:ジャイシャンカル", "sha1:6a5a3c6d1160907b")]
    # 日本 is named in six articles: 政府 twice (閣議), 日本の大手企業, 日本とインド, 日本・韓国, 日本側
    assert (g.nodes["JPN"]["label"], g.nodes["JPN"]["articles"]) == ("Country", 6)
    # the same graph straight from the extraction has the same edges (people merge by id in both)
    direct = from_extractions(seed_records())
    assert {(u, v, d["type"]) for u, v, d in direct.edges(data=True)} == {
        (u, v, d["type"]) for u, v, d in g.edges(data=True)}


def test_networkx_filters(seeded: neo4j.Driver) -> None:
    # the seed's meetings in January 2026: ルビオ's call with ジャイシャンカル, メローニ meeting Japanese firms
    g = to_networkx(seeded, database=DB, since="2026-01-01", until="2026-01-31", types=["MET_WITH"])
    assert sorted((u, v, d["type"], d["date"]) for u, v, d in g.edges(data=True)) == [
        ("person:メローニ", "JPN", "MET_WITH", "2026-01-17"),
        ("person:ルビオ", "person:ジャイシャンカル", "MET_WITH", "2026-01-13")]
    # the Congo's events: it signs the peace agreement and fights M23 (ルワンダ's own are not the Congo's)
    g = to_networkx(seeded, database=DB, countries=["COD"])
    assert sorted((u, v, d["type"]) for u, v, d in g.edges(data=True)) == [
        ("COD", "agreement:和平協定|COD,RWA", "SIGNED"), ("COD", "org:M23", "FOUGHT")]
    # a country acts through its people too: the US's include ルビオ's and トランプ's
    g = to_networkx(seeded, database=DB, countries=["USA"], types=["MET_WITH"], since="2026-01-01")
    assert sorted((u, v) for u, v in g.edges()) == [("person:ルビオ", "person:ジャイシャンカル")]


def test_labels_cannot_be_injected() -> None:
    with pytest.raises(ValueError):
        vocab.safe_identifier("MET_WITH]->() DETACH DELETE (n) //")


def test_agreement_ids_are_keyed_by_parties() -> None:
    rec = json.loads(json.dumps(seed_records()[13]))
    assert agreement_ids(rec) == {"agreement:和平協定": "agreement:和平協定|COD,RWA"}  # its signers, sorted


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
