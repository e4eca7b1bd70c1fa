"""The canned queries: their headers, parameters and output formats (no server needed), and
their answers' meaning on the seed graph and on an empty one (marker ``neo4j``)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner

from geokg import config, vocab
from geokg.errors import QueryError
from graph.writer import load_records
from queries import (
    QueryInfo,
    browser_guide,
    coerce_params,
    list_queries,
    load_query,
    run_query,
    run_query_df,
)
from queries.cli import query
from queries.guide import GUIDE_FILE, style_command
from queries.render import table, text_width, wrap

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["agreements", "connection", "country_network", "dependence_partners", "evidence", "meetings",
         "new_ties", "people", "timeline", "top_actors"]
EVENTS = "|".join(vocab.EVENT_TYPES)


# --- the catalog ------------------------------------------------------------------------------
def test_the_ten_questions_are_there() -> None:
    assert [q.name for q in list_queries()] == NAMES


@pytest.mark.parametrize("info", list_queries(), ids=lambda q: q.name)
def test_header_says_question_parameters_and_example(info: QueryInfo) -> None:
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", info.question_ja), "the Japanese question"
    assert info.question_en.endswith("?")
    assert info.example.startswith(f"geokg query {info.name}")
    assert all(p.description for p in info.params)
    assert info.param("limit") is not None and "LIMIT $limit" in info.body
    # the defaults and the example's values are valid values of their types
    coerce_params(info, info.example_params)


@pytest.mark.parametrize("info", list_queries(), ids=lambda q: q.name)
def test_labels_and_types_come_from_the_vocabulary(info: QueryInfo) -> None:
    body = re.sub(r"'[^']*'", "''", info.body)  # drop string literals: relationship types there are
    named = set(re.findall(r"[:|]\s*([A-Z][A-Za-z_]*)\b", body))
    quoted = set(re.findall(r"'([A-Z][A-Z_]+)'", info.body))
    assert named | quoted <= set(vocab.NODE_LABELS) | set(vocab.REL_TYPES)


@pytest.mark.parametrize("info", list_queries(), ids=lambda q: q.name)
def test_values_are_parameters_not_literals(info: QueryInfo) -> None:
    body = info.body
    assert not re.search(r"\d{4}-\d{2}", body), "a date written into the query"
    assert not re.search(r"LIMIT\s+\d", body)
    for p in info.params:
        assert f"${p.name}" in body


def test_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(QueryError, match=r"no canned query named 'meeting'.*meetings"):
        load_query("meeting")


@pytest.mark.parametrize(("name", "raw", "message"), [
    ("meetings", {"since": "2026-13-01"}, r"since must be a date"),
    ("meetings", {"since": "yesterday"}, r"since must be a date"),
    ("meetings", {"until": "2026-02-30"}, r"until must be a date"),
    ("meetings", {"country": "JPN"}, r"no parameter country; its parameters are: since \(date\)"),
    ("top_actors", {"limit": "ten"}, r"limit must be a whole number"),
    ("top_actors", {"limit": "-1"}, r"limit must be a whole number, 0 or more"),
    ("timeline", {}, r"actor is required"),
    ("timeline", {"actor": ""}, r"actor is required"),
    ("connection", {"a": "JPN", "b": "USA", "via_roles": "maybe"}, r"via_roles must be true or false"),
])
def test_bad_parameters_are_refused_clearly(name: str, raw: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        coerce_params(load_query(name), raw)


@pytest.mark.parametrize(("name", "raw", "expected"), [
    ("meetings", {}, {"since": None, "until": None, "actor": None, "limit": 200}),
    ("meetings", {"since": "2026-01", "actor": "日本"}, {"since": "2026-01", "actor": "日本"}),
    ("meetings", {"since": "null"}, {"since": None}),
    ("country_network", {"types": "MET_WITH, SIGNED,"}, {"types": ["MET_WITH", "SIGNED"]}),
    ("connection", {"a": "片山さつき", "b": "G7", "via_roles": "no", "max_hops": "3"},
     {"via_roles": False, "max_hops": 3}),
    ("dependence_partners", {}, {"target": "CHN"}),
])
def test_parameters_are_converted_and_completed(name: str, raw: dict[str, str], expected: dict[str, Any]) -> None:
    values = coerce_params(load_query(name), raw)
    assert set(values) == {p.name for p in load_query(name).params}
    assert {k: values[k] for k in expected} == expected


def test_run_query_refuses_unknown_parameters_before_connecting() -> None:
    with pytest.raises(QueryError, match="no parameter colour"):
        run_query("meetings", driver=object(), colour="red")  # type: ignore[arg-type]


# --- text output ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "width"), [("日本", 4), ("JPN", 3), ("日本 JPN", 8), ("ｶﾀｶﾅ", 4), ("", 0)])
def test_display_width_counts_wide_characters_twice(text: str, width: int) -> None:
    assert text_width(text) == width


def test_long_japanese_cells_wrap_and_columns_line_up() -> None:
    sentence = "1月13日の電話会談で米国務長官ルビオと印外相ジャイシャンカルが重要鉱物や民生用原子力を協議した。"
    assert all(text_width(line) <= 20 for line in wrap(sentence, 20))
    assert "".join(wrap(sentence, 20)) == sentence
    out = table(["国", "evidence", "n"], [{"国": "日本", "evidence": sentence, "n": 1},
                                        {"国": "米国", "evidence": "短い", "n": 22}], max_width=20)
    lines = out.splitlines()
    last_column_at = {text_width(line[: line.rfind(" ") + 1]) for line in lines
                      if line.endswith((" n", " 1", " 22"))}
    assert len(last_column_at) == 1  # header, 日本's row and 米国's row start column n at one place
    assert lines[-1] == "(2 rows)"


def test_the_committed_browser_guide_is_the_generated_one() -> None:
    assert GUIDE_FILE.read_text(encoding="utf-8") == browser_guide(), \
        "queries/browser/guide.html is stale: run `.venv/bin/python -m queries guide`"


def test_the_guide_has_a_runnable_block_per_query_setting_its_parameters() -> None:
    guide = browser_guide()
    blocks = re.findall(r'<pre class="pre-scrollable code runnable">(.*?)</pre>', guide, re.S)
    assert len(blocks) == len(NAMES) + 1  # and the :style block
    assert blocks[0].startswith(":style node {")
    assert style_command().count("\n") == 0
    for info, block in zip(list_queries(), blocks[1:], strict=True):
        for p in info.params:
            assert f":param {p.name} =&gt; " in block
        assert "LIMIT $limit" in block
    assert ':param target =&gt; &quot;CHN&quot;;' in guide


# --- on the graph -----------------------------------------------------------------------------
def _wipe(driver: neo4j.Driver) -> None:
    """conftest's ``clean_db`` rule: only the local server, or another with GEOKG_TEST_ALLOW_WIPE=1."""
    settings = config.neo4j_settings()
    if settings.external and os.environ.get("GEOKG_TEST_ALLOW_WIPE") != "1":
        pytest.skip(f"refusing to wipe {settings.uri}: set GEOKG_TEST_ALLOW_WIPE=1 if it is a scratch server")
    with driver.session(database=settings.database) as session:
        # relationships first: a busy node's relationships in one transaction can exceed the memory pool
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def _fingerprint(driver: neo4j.Driver) -> tuple[int, int]:
    records = driver.execute_query(
        f"MATCH (a:Article) WITH count(a) AS articles "
        f"RETURN articles, COUNT {{ ()-[:{EVENTS}]->() }} AS events",
        database_=config.neo4j_settings().database).records
    return records[0]["articles"], records[0]["events"]


@pytest.fixture(scope="module")
def seed_records() -> list[dict[str, Any]]:
    from loaders.pipeline import extract_inputs

    return [x.to_json() for x in extract_inputs([ROOT / "seeds"])]


@pytest.fixture(scope="module")
def _seed_load(neo4j_driver: neo4j.Driver, seed_records: list[dict[str, Any]]) -> tuple[int, int]:
    _wipe(neo4j_driver)
    load_records(neo4j_driver, seed_records, database=config.neo4j_settings().database)
    return _fingerprint(neo4j_driver)


@pytest.fixture
def graph(neo4j_driver: neo4j.Driver, seed_records: list[dict[str, Any]],
          _seed_load: tuple[int, int]) -> neo4j.Driver:
    """The seed graph, loaded once per module and again if a test emptied the database."""
    if _fingerprint(neo4j_driver) != _seed_load:
        _wipe(neo4j_driver)
        load_records(neo4j_driver, seed_records, database=config.neo4j_settings().database)
    return neo4j_driver


def rows(name: str, driver: neo4j.Driver, **params: Any) -> list[dict[str, Any]]:
    return run_query(name, driver=driver, **params)


@pytest.mark.neo4j
@pytest.mark.parametrize(("target", "actor", "actor_country", "partner"), [
    ("CHN", "日本", "JPN", "インド"),
    ("CHN", "米国", "USA", "G7"),
    ("中国", "日本", "JPN", "インド"),  # the target by its Japanese name
    ("CHN", "インド", "IND", "米国"),
])
def test_dependence_partners(graph: neo4j.Driver, target: str, actor: str, actor_country: str, partner: str) -> None:
    answer = rows("dependence_partners", graph, target=target)
    pairs = {(r["actor"], r["actor_country"], r["partner"]) for r in answer}
    assert (actor, actor_country, partner) in pairs
    assert "中国" not in {r["partner"] for r in answer}
    assert all(r["events"] >= 1 for r in answer)  # every pair has its events
    assert all(r["article_id"] and r["first_date"] <= r["last_date"] for r in answer if r["last_date"])
    assert not rows("dependence_partners", graph, target="no such country")


@pytest.mark.neo4j
def test_meetings_on_one_day(graph: neo4j.Driver) -> None:
    answer = rows("meetings", graph, since="2026-01-13", until="2026-01-13")
    sides = [({r["side_a"], r["side_b"]}, {r["country_a"], r["country_b"]}) for r in answer]
    assert ({"ルビオ", "ジャイシャンカル"}, {"USA", "IND"}) in sides
    assert all(r["date"] == "2026-01-13" for r in answer)
    assert any("電話会談" in r["evidence"] for r in answer)


@pytest.mark.neo4j
@pytest.mark.parametrize(("actor", "first_side"), [("IND", "ジャイシャンカル"), ("インド", "ジャイシャンカル"),
                                                   ("ルビオ", "ルビオ")])
def test_meetings_of_a_country_include_its_people(graph: neo4j.Driver, actor: str, first_side: str) -> None:
    answer = rows("meetings", graph, actor=actor)
    assert [(r["side_a"], r["side_b"]) for r in answer if r["date"] == "2026-01-13"] == \
        [(first_side, ({"ルビオ", "ジャイシャンカル"} - {first_side}).pop())]


@pytest.mark.neo4j
def test_meetings_window_excludes_others(graph: neo4j.Driver) -> None:
    answer = rows("meetings", graph, since="2026-01-14")
    assert answer and all(r["date"] >= "2026-01-14" for r in answer)
    assert "ルビオ" not in {r["side_a"] for r in answer} | {r["side_b"] for r in answer}


@pytest.mark.neo4j
def test_agreements_include_the_congo_rwanda_peace_deal(graph: neo4j.Driver) -> None:
    deal = [r for r in rows("agreements", graph) if set(r["signed_by"]) >= {"コンゴ民主共和国", "ルワンダ"}]
    assert len(deal) == 1
    assert deal[0]["date"] == "2025-12-04" and deal[0]["agreement"] == "和平協定"
    assert "調印" in deal[0]["evidence"]
    by_party = rows("agreements", graph, party="ルワンダ")
    assert [r["agreement"] for r in by_party] == ["和平協定"]
    assert rows("agreements", graph, party="RWA", since="2025-12-01", until="2025-12-31")
    assert not rows("agreements", graph, party="RWA", since="2026-01-01")


@pytest.mark.neo4j
def test_timeline_of_japan_is_in_date_order_nulls_last(graph: neo4j.Driver) -> None:
    answer = rows("timeline", graph, actor="JPN")
    dates = [r["date"] for r in answer]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated)
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert ("日本", "COOPERATED", "インド") in {(r["subject"], r["event"], r["object"]) for r in answer}
    assert all(r["evidence"] for r in answer)
    # without the people and organizations acting for Japan, only Japan's own events remain
    own = rows("timeline", graph, actor="日本", affiliates=False)
    assert own and all("日本" in (r["subject"], r["object"]) for r in own)


@pytest.mark.neo4j
def test_country_network_ties_usa_and_india(graph: neo4j.Driver) -> None:
    answer = rows("country_network", graph)
    ties = {(r["country_a"], r["country_b"], r["type"]) for r in answer}
    assert {("IND", "USA", "COOPERATED"), ("IND", "USA", "MET_WITH")} <= ties  # ルビオ met ジャイシャンカル
    assert all(r["country_a"] != r["country_b"] for r in answer)
    only_meetings = rows("country_network", graph, types=["met_with"])
    assert only_meetings and {r["type"] for r in only_meetings} == {"MET_WITH"}


@pytest.mark.neo4j
def test_top_actors_most_active_first_with_true_counts(graph: neo4j.Driver) -> None:
    answer = rows("top_actors", graph, limit=5)
    assert len(answer) == 5
    counts = [r["events"] for r in answer]
    assert counts == sorted(counts, reverse=True)
    direct = {r["id"]: r["n"] for r in graph.execute_query(
        f"MATCH (a:Entity)-[r:{EVENTS}]-() WHERE NOT a:Agreement RETURN a.id AS id, count(DISTINCT r) AS n",
        database_=config.neo4j_settings().database).records}
    assert counts[0] == max(direct.values())
    assert all(r["events"] == direct[r["id"]] for r in answer)
    assert answer[0]["actor"] == "日本" and answer[0]["label"] == "Country"


@pytest.mark.neo4j
@pytest.mark.parametrize(("since", "until"), [("2026-01-01", "2026-01-31"), ("2025-12-01", "2025-12-15"),
                                              ("2025-01-01", "2025-12-31")])
def test_new_ties_first_contact_in_window(graph: neo4j.Driver, since: str, until: str) -> None:
    answer = rows("new_ties", graph, since=since, until=until)
    assert answer
    first: dict[frozenset[str], str] = {}
    for r in graph.execute_query(
            f"MATCH (s:Entity)-[r:{EVENTS}]->(t:Entity) WHERE r.date IS NOT NULL AND NOT t:Agreement "
            "RETURN s.name AS s, t.name AS t, r.date AS date "
            "UNION ALL MATCH (s:Entity)-[r:SIGNED]->(:Agreement)<-[:SIGNED]-(t:Entity) "
            "WHERE r.date IS NOT NULL AND s <> t RETURN s.name AS s, t.name AS t, r.date AS date",
            database_=config.neo4j_settings().database).records:
        key = frozenset((r["s"], r["t"]))
        first[key] = min(first.get(key, r["date"]), r["date"])
    expected = {k for k, d in first.items() if since <= d <= until}
    assert {frozenset((r["actor_a"], r["actor_b"])) for r in answer} == expected
    assert all(since <= r["first_date"] <= until for r in answer)


@pytest.mark.neo4j
@pytest.mark.parametrize(("a", "b", "via_roles"), [("片山さつき", "G7", True), ("日本", "米国", False),
                                                   ("JPN", "USA", True)])
def test_connection_finds_a_short_path(graph: neo4j.Driver, a: str, b: str, via_roles: bool) -> None:
    answer = rows("connection", graph, a=a, b=b, via_roles=via_roles)
    assert answer
    names = {"JPN": "日本", "USA": "米国"}
    for r in answer:
        assert r["nodes"][0] == names.get(a, a) and r["nodes"][-1] == names.get(b, b)
        assert 1 <= r["hops"] <= 4 and len(r["relations"]) == r["hops"]
        assert via_roles or not {"HOLDS_ROLE", "BASED_IN"} & set(r["relations"])
    assert not rows("connection", graph, a=a, b=b, via_roles=via_roles, max_hops=0)


@pytest.mark.neo4j
def test_people_with_roles(graph: neo4j.Driver) -> None:
    answer = rows("people", graph)
    assert ("片山さつき", "財務相", "JPN") in {(r["person"], r["title"], r["country"]) for r in answer}
    japan = rows("people", graph, country="日本")
    assert japan and {r["country"] for r in japan} == {"JPN"}
    assert {"片山さつき", "茂木敏充"} <= {r["person"] for r in japan}
    katayama = next(r for r in japan if r["person"] == "片山さつき")
    assert katayama["articles"] >= 1


@pytest.mark.neo4j
@pytest.mark.parametrize(("a", "b", "params", "types"), [
    ("ルビオ", "ジャイシャンカル", {}, {"MET_WITH", "AGREED"}),
    ("ジャイシャンカル", "マルコ・ルビオ", {"type": "met_with"}, {"MET_WITH"}),  # alias, either order
    ("USA", "IND", {"affiliates": True}, {"MET_WITH", "AGREED", "COOPERATED"}),
    ("コンゴ民主共和国", "ルワンダ", {}, {"SIGNED"}),
])
def test_evidence_between_two(graph: neo4j.Driver, a: str, b: str, params: dict[str, Any], types: set[str]) -> None:
    answer = rows("evidence", graph, a=a, b=b, **params)
    assert {r["event"] for r in answer} == types
    assert all(r["evidence"] and r["article_id"] for r in answer)
    if "ルビオ" in (a, b):
        assert any("電話会談" in r["evidence"] for r in answer)


@pytest.mark.neo4j
def test_dataframe_columns_follow_the_return_clause(graph: neo4j.Driver) -> None:
    df = run_query_df("meetings", driver=graph, since="2026-01-13", until="2026-01-13")
    assert list(df.columns) == ["date", "side_a", "country_a", "side_b", "country_b", "mode", "evidence",
                                "article_id", "title"]
    assert len(df) == 1
    empty = run_query_df("meetings", driver=graph, since="2030-01-01")
    assert list(empty.columns) == list(df.columns) and empty.empty


# --- on an empty database -----------------------------------------------------------------------
@pytest.mark.neo4j
@pytest.mark.parametrize("info", list_queries(), ids=lambda q: q.name)
def test_every_query_runs_on_an_empty_database(clean_db: neo4j.Driver, info: QueryInfo) -> None:
    assert run_query(info.name, driver=clean_db, **info.example_params) == []
    assert run_query(info.name, driver=clean_db, **{p.name: p.default or "x" for p in info.params
                                                     if p.required}) == []


# --- the command ---------------------------------------------------------------------------------
def invoke(*args: str) -> Any:
    return CliRunner().invoke(query, list(args), catch_exceptions=True)


def test_list_shows_all_ten() -> None:
    result = invoke("--list")
    assert result.exit_code == 0
    assert all(re.search(rf"^{name}\s", result.stdout, re.M) for name in NAMES)
    listed = json.loads(invoke("--list", "--format", "json").stdout)
    assert [q["name"] for q in listed] == NAMES
    assert listed[3]["params"][0] == {"name": "target", "type": "string", "default": "CHN", "required": False,
                                      "description": listed[3]["params"][0]["description"]}


@pytest.mark.parametrize(("args", "message"), [
    (["meeting"], "no canned query named 'meeting'"),
    (["meetings", "--param", "since"], "--param expects KEY=VALUE"),
    (["meetings", "-p", "since=soon"], "since must be a date"),
    (["meetings", "-p", "actor=日本", "-p", "actor=米国"], "actor is given twice"),
    (["meetings", "--limit", "3", "-p", "limit=4"], "give the limit once"),
    (["timeline"], "actor is required"),
])
def test_command_errors_are_query_errors(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert isinstance(result.exception, QueryError)
    assert message in str(result.exception)


@pytest.mark.neo4j
def test_command_prints_table_csv_and_json(graph: neo4j.Driver) -> None:
    args = ["meetings", "-p", "since=2026-01-13", "--param", "until=2026-01-13"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "side_a", "country_a"]
    assert "ルビオ" in result.stdout and "ジャイシャンカル" in result.stdout
    assert lines[-1] == "(1 row)"
    assert max(text_width(line) for line in lines) <= text_width(lines[1]) + 2

    got = list(csv.DictReader(io.StringIO(invoke(*args, "--format", "csv").stdout)))
    assert [(r["side_a"], r["side_b"]) for r in got] == [("ルビオ", "ジャイシャンカル")]

    data = json.loads(invoke(*args, "--format", "json").stdout)
    assert data[0]["country_a"] == "USA" and "電話会談" in data[0]["evidence"]

    limited = json.loads(invoke("top_actors", "--limit", "2", "--format", "json").stdout)
    assert len(limited) == 2
