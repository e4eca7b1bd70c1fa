"""Security (issue 11.8): every value a parameter, shown by pushing Cypher through extraction,
load and every query parameter and checking that nothing else changed; the password stays
private and out of logs and error messages."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import graphdump
import neo4j
import pytest
from click.testing import CliRunner

from geokg import config, neo4j_local, vocab
from geokg.cli import main
from geokg.errors import QueryError
from loaders.pipeline import extract_inputs
from queries import run_query
from queries.catalog import list_queries

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_55682db804c659e6.txt"
DB = config.neo4j_settings().database

# What a query built by string pasting would run; each is stored or looked up as plain text.
PAYLOADS = [
    "MATCH (n) DETACH DELETE n",
    "x') MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "`Article` {id: 'x'}) DETACH DELETE n",
    "}]->() WITH 1 AS x MATCH (n) DETACH DELETE n //",
    "$rows ${loaded_at} {{x}} %(type)s %s",
    "\\' OR 1=1 --",
]
# The quoted-group pattern of the extractor takes at most 24 characters: these become entities.
SHORT = ['x"}) DETACH DELETE n//', "`a`{b}'c' $x", "x')-[:A]->(n)//"]


def snapshot(driver: neo4j.Driver) -> tuple[set[str], set[str]]:
    return graphdump.snapshot(driver, DB)


@pytest.fixture
def seeded(clean_db: neo4j.Driver) -> neo4j.Driver:
    result = CliRunner().invoke(main, ["load", str(SEED)])
    assert result.exit_code == 0, result.stderr
    return clean_db


def hostile_articles(path: Path) -> Path:
    records = [{"id": p, "title": p, "source": p, "url": p, "published": "2026-02-06", "tags": [p],
                "text": f"ハッカー集団「{SHORT[n % len(SHORT)]}」は5日、日本の防衛省を攻撃した。"}
               for n, p in enumerate(PAYLOADS)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_cypher_in_articles_is_stored_as_text(seeded: neo4j.Driver, tmp_path: Path) -> None:
    before_nodes, before_rels = snapshot(seeded)
    result = CliRunner().invoke(main, ["load", str(hostile_articles(tmp_path / "hostile.jsonl"))])
    assert result.exit_code == 0, result.stderr
    after_nodes, after_rels = snapshot(seeded)
    assert before_nodes <= after_nodes and before_rels <= after_rels  # nothing deleted or changed
    articles = {(r["id"], r["title"], r["source"], r["url"]) for r in seeded.execute_query(
        "MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, a.title AS title, a.source AS source, a.url AS url",
        ids=PAYLOADS, database_=DB).records}
    assert articles == {(p, p, p, p) for p in PAYLOADS}
    groups = {r["name"]: r["n"] for r in seeded.execute_query(
        "MATCH (o:Organization)-[f:FOUGHT]->(:Organization {name: '防衛省'}) RETURN o.name AS name, count(f) AS n",
        database_=DB).records}
    assert groups == {name: len(range(n, len(PAYLOADS), len(SHORT))) for n, name in enumerate(SHORT)}
    # what was added is exactly the new articles, the groups, 防衛省 (not in the seed) and what links them
    added = sorted(json.loads(n)[0][-1] + ":" + str(json.loads(n)[1].get("id")) for n in after_nodes - before_nodes)
    assert added == sorted([f"Article:{p}" for p in PAYLOADS] + [f"Organization:org:{g}" for g in SHORT]
                           + ["Organization:org:MOD"])
    kinds = sorted(json.loads(r)[1] for r in after_rels - before_rels)
    # besides the summaries the loader keeps for the new pairs (graph/summaries.py)
    assert [k for k in kinds if k not in vocab.SUMMARY_TYPES] == sorted(
        ["MENTIONS"] * 3 * len(PAYLOADS) + ["FOUGHT"] * len(PAYLOADS) + ["BASED_IN"])


def test_cypher_in_extraction_records_is_stored_as_text(seeded: neo4j.Driver, tmp_path: Path) -> None:
    base = next(extract_inputs([hostile_articles(tmp_path / "h.jsonl")])).to_json()
    records = []
    for n, p in enumerate(PAYLOADS):
        ids = {e["id"]: f"org:{p}" if e["label"] == "Organization" and e["id"] != "org:MOD" else e["id"]
               for e in base["entities"]}
        ents = [{**e, "id": ids[e["id"]], "name": p, "aliases": [p], "surfaces": [p, *e["surfaces"]]}
                if ids[e["id"]] != e["id"] else e for e in base["entities"]]
        evs = [{**ev, "source": ids[ev["source"]], "target": ids[ev["target"]], "evidence": p, "trigger": p,
                "mode": p, "date": p} for ev in base["events"]]
        records.append({**base, "article_id": f"rec-{n}-{p}", "title": p, "entities": ents, "events": evs})
    path = tmp_path / "extracted.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    before = snapshot(seeded)
    result = CliRunner().invoke(main, ["load", "--extracted", str(path)])
    assert result.exit_code == 0, result.stderr
    after = snapshot(seeded)
    assert before[0] <= after[0] and before[1] <= after[1]
    rows = seeded.execute_query("MATCH (o:Organization)-[f:FOUGHT]->() WHERE o.id IN $ids "
                                "RETURN o.name AS name, f.evidence AS evidence, f.date AS date",
                                ids=[f"org:{p}" for p in PAYLOADS], database_=DB).records
    assert sorted((r["name"], r["evidence"], r["date"]) for r in rows) == sorted((p, p, p) for p in PAYLOADS)


def hostile_value(kind: str, payload: str) -> Any:
    return {"string": payload, "list": [payload, "MET_WITH"], "int": payload, "date": payload,
            "bool": payload}[kind]


def test_cypher_in_every_query_parameter_changes_nothing(seeded: neo4j.Driver) -> None:
    before = snapshot(seeded)
    ran = refused = 0
    for info in list_queries():
        for param in info.params:
            for payload in PAYLOADS:
                values = {p.name: "日本" for p in info.params if p.required}
                values[param.name] = hostile_value(param.type, payload)
                try:
                    rows = run_query(info.name, driver=seeded, **values)
                except QueryError as exc:  # a date, a number or a bool that is none: refused before Neo4j
                    assert param.type in ("int", "date", "bool"), (info.name, param.name, exc)
                    assert "must be" in str(exc)
                    refused += 1
                    continue
                assert param.type in ("string", "list"), (info.name, param.name)
                # the payload is a name like any other that names nothing
                values[param.name] = hostile_value(param.type, "存在しない名前")
                assert rows == run_query(info.name, driver=seeded, **values), (info.name, param.name)
                ran += 1
    assert snapshot(seeded) == before
    strings = sum(1 for q in list_queries() for p in q.params if p.type in ("string", "list"))
    others = sum(1 for q in list_queries() for p in q.params) - strings  # dates, numbers, yes/no: no payload is one
    assert (ran, refused) == (strings * len(PAYLOADS), others * len(PAYLOADS))


def test_cypher_in_map_filters_changes_nothing(seeded: neo4j.Driver, tmp_path: Path) -> None:
    before = snapshot(seeded)
    for payload in PAYLOADS:
        result = CliRunner().invoke(main, ["map", "-o", str(tmp_path / "m.html"), "--country", payload,
                                           "--since", payload])
        assert result.exit_code == 0, result.stderr
        assert "(0 nodes, 0 edges)" in result.stdout
    assert snapshot(seeded) == before


# --- the password -------------------------------------------------------------------------------


def test_the_password_stays_private_and_out_of_logs_and_errors(seeded: neo4j.Driver, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    settings = config.neo4j_settings()
    if settings.external:
        pytest.skip("the password of a server given by NEO4J_URI is not geokg's to keep")
    paths = neo4j_local.server_paths()
    assert stat.S_IMODE(paths.password_file.stat().st_mode) == 0o600
    secret = neo4j_local.read_password()
    # errors that involve the connection: a wrong password, a bug's traceback, a failed load
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", secret + "-wrong")
    outputs = []
    for args in (["query", "meetings"], ["--debug", "load", str(SEED)], ["map", "-o", str(tmp_path / "m.html")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code != 0
        outputs.append(result.output + result.stderr + repr(result.exception))
    assert all("refused the credentials" in o for o in outputs[1:]), outputs
    assert not [o for o in outputs if secret in o]
    logs = [p for p in paths.logs.rglob("*") if p.is_file()]
    assert logs and not [p for p in logs if secret.encode() in p.read_bytes()]
    assert stat.S_IMODE(paths.password_file.stat().st_mode) == 0o600
