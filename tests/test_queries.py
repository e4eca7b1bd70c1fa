"""The canned queries: their headers, parameters and output formats (no server needed), and
their answers' meaning on the seed graph and on an empty one (marker ``neo4j``)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
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
def _seed_load(neo4j_driver: neo4j.Driver, seed_records: list[dict[str, Any]],
               wipe_graph: Callable[[neo4j.Driver], None]) -> tuple[int, int]:
    wipe_graph(neo4j_driver)
    load_records(neo4j_driver, seed_records, database=config.neo4j_settings().database)
    return _fingerprint(neo4j_driver)


@pytest.fixture
def graph(neo4j_driver: neo4j.Driver, seed_records: list[dict[str, Any]],
          _seed_load: tuple[int, int], wipe_graph: Callable[[neo4j.Driver], None]) -> neo4j.Driver:
    """The seed graph, loaded once per module and again if a test emptied the database."""
    if _fingerprint(neo4j_driver) != _seed_load:
        wipe_graph(neo4j_driver)
        load_records(neo4j_driver, seed_records, database=config.neo4j_settings().database)
    return neo4j_driver


def rows(name: str, driver: neo4j.Driver, **params: Any) -> list[dict[str, Any]]:
    return run_query(name, driver=driver, **params)


@pytest.mark.neo4j
@pytest.mark.parametrize(("target", "actor", "actor_country", "partner", "relations"), [
    # 日本とインドが…対話枠組みを新設へ。…合意見通し (undated)
    ("CHN", "日本", "JPN", "インド", ["AGREED", "COOPERATED"]),
    # 米国は…G7や友好国に行動の加速と連携を強く求める
    ("CHN", "米国", "USA", "G7", ["REQUESTED→"]),
    ("中国", "日本", "JPN", "インド", ["AGREED", "COOPERATED"]),  # the target by its Japanese name
    # 米国とインドは通商と資源・エネルギー協力を再加速
    ("CHN", "インド", "IND", "米国", ["COOPERATED"]),
])
def test_dependence_partners(graph: neo4j.Driver, target: str, actor: str, actor_country: str, partner: str,
                             relations: list[str]) -> None:
    answer = rows("dependence_partners", graph, target=target)
    pair = [(r["relations"], r["events"]) for r in answer
            if (r["actor"], r["actor_country"], r["partner"]) == (actor, actor_country, partner)]
    assert pair == [(relations, len(relations))]  # one event of each kind in the seed
    assert "中国" not in {r["partner"] for r in answer}
    assert all(r["article_id"] and r["first_date"] <= r["last_date"] for r in answer if r["last_date"])
    assert not rows("dependence_partners", graph, target="no such country")


@pytest.mark.neo4j
def test_meetings_on_one_day(graph: neo4j.Driver) -> None:
    answer = rows("meetings", graph, since="2026-01-13", until="2026-01-13")
    assert [(r["date"], r["side_a"], r["country_a"], r["side_b"], r["country_b"], r["article_id"]) for r in answer] == [
        ("2026-01-13", "ルビオ", "USA", "ジャイシャンカル", "IND", "sha1:6a5a3c6d1160907b")]
    assert "電話会談" in answer[0]["evidence"]


@pytest.mark.neo4j
@pytest.mark.parametrize(("actor", "first_side"), [("IND", "ジャイシャンカル"), ("インド", "ジャイシャンカル"),
                                                   ("ルビオ", "ルビオ")])
def test_meetings_of_a_country_include_its_people(graph: neo4j.Driver, actor: str, first_side: str) -> None:
    answer = rows("meetings", graph, actor=actor)
    assert [(r["side_a"], r["side_b"]) for r in answer if r["date"] == "2026-01-13"] == \
        [(first_side, ({"ルビオ", "ジャイシャンカル"} - {first_side}).pop())]


@pytest.mark.neo4j
def test_meetings_window_excludes_others(graph: neo4j.Driver) -> None:
    # after the 13th the seed has one meeting: メローニ with 日本の大手企業17社幹部 (Japan's side)
    answer = rows("meetings", graph, since="2026-01-14")
    assert [(r["date"], r["side_a"], r["side_b"]) for r in answer] == [("2026-01-17", "メローニ", "日本")]


@pytest.mark.neo4j
def test_agreements_include_the_congo_rwanda_peace_deal(graph: neo4j.Driver) -> None:
    deal = [r for r in rows("agreements", graph) if set(r["signed_by"]) >= {"コンゴ民主共和国", "ルワンダ"}]
    assert len(deal) == 1
    assert deal[0]["date"] == "2025-12-04" and deal[0]["agreement"] == "和平協定"
    assert "調印" in deal[0]["evidence"]
    by_party = rows("agreements", graph, party="ルワンダ")
    assert [r["agreement"] for r in by_party] == ["和平協定"]
    december = rows("agreements", graph, party="RWA", since="2025-12-01", until="2025-12-31")
    assert [(r["agreement"], r["date"], r["id"]) for r in december] == [
        ("和平協定", "2025-12-04", "agreement:和平協定|COD,RWA")]
    assert rows("agreements", graph, party="RWA", since="2026-01-01") == []


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
    # each read off the seed: トランプ's visit (合意, 署名), 米国務省's meeting with 日本・韓国, メローニ's
    # meeting (要請, 提案), 日本とインド (枠組みを新設へ, 合意見通し, 対中依存低減), undated ones last
    own = rows("timeline", graph, actor="日本", affiliates=False)
    assert [(r["date"], r["subject"], r["event"], r["object"], r["mode"]) for r in own] == [
        ("2025-10-28", "トランプ", "AGREED", "日本", "actual"),
        ("2025-10-28", "トランプ", "MET_WITH", "日本", "actual"),
        ("2025-10-28", "日本", "SIGNED", "協力枠組み", "actual"),
        ("2025-12-12", "国務省", "MET_WITH", "日本", "planned"),
        ("2026-01-17", "メローニ", "MET_WITH", "日本", "actual"),
        ("2026-01-17", "メローニ", "PROPOSED", "日本", "actual"),
        ("2026-01-17", "メローニ", "REQUESTED", "日本", "actual"),
        (None, "日本", "AGREED", "インド", "planned"),
        (None, "日本", "COOPERATED", "インド", "planned"),
        (None, "日本", "REDUCES_DEPENDENCE_ON", "中国", "actual")]


@pytest.mark.neo4j
def test_country_network_ties_usa_and_india(graph: neo4j.Driver) -> None:
    answer = rows("country_network", graph)
    # 米国とインドは…協力を再加速; ルビオ met ジャイシャンカル on 1月13日 and they agreed (前進で一致)
    assert [(r["type"], r["events"], r["first_date"], r["last_date"]) for r in answer
            if {r["country_a"], r["country_b"]} == {"IND", "USA"}] == [
        ("AGREED", 1, "2026-01-13", "2026-01-13"), ("COOPERATED", 1, None, None),
        ("MET_WITH", 1, "2026-01-13", "2026-01-13")]
    assert all(r["country_a"] != r["country_b"] for r in answer)
    only_meetings = rows("country_network", graph, types=["met_with"])
    assert only_meetings and {r["type"] for r in only_meetings} == {"MET_WITH"}


@pytest.mark.neo4j
@pytest.mark.parametrize(("a", "b", "via_roles", "paths"), [
    # 片山さつき holds a role in 日本; 日本 and G7 both work to reduce dependence on 中国
    ("片山さつき", "G7", True, [["片山さつき", "日本", "中国", "G7"]]),
    # no event joins 日本 and 米国 themselves: through インド (cooperation) or 中国 (dependence)
    ("日本", "米国", False, [["日本", "インド", "米国"], ["日本", "中国", "米国"]]),
    # with roles: トランプ (米国's president) and 国務省 (based in 米国) met 日本 too
    ("JPN", "USA", True, [["日本", "インド", "米国"], ["日本", "トランプ", "米国"], ["日本", "国務省", "米国"],
                          ["日本", "中国", "米国"]]),
])
def test_connection_finds_a_short_path(graph: neo4j.Driver, a: str, b: str, via_roles: bool,
                                       paths: list[list[str]]) -> None:
    answer = rows("connection", graph, a=a, b=b, via_roles=via_roles)
    assert sorted(r["nodes"] for r in answer) == sorted(paths)
    for r in answer:
        assert r["hops"] == len(r["relations"]) == len(r["nodes"]) - 1
        assert via_roles or not {"HOLDS_ROLE", "BASED_IN"} & set(r["relations"])
    assert not rows("connection", graph, a=a, b=b, via_roles=via_roles, max_hops=0)


@pytest.mark.neo4j
def test_people_with_roles(graph: neo4j.Driver) -> None:
    answer = rows("people", graph)
    assert ("片山さつき", "財務相", "JPN") in {(r["person"], r["title"], r["country"]) for r in answer}
    # 片山さつき財務相 (G7財務相会合) and 片山財務大臣 in another article; 茂木外相の訪印
    japan = rows("people", graph, country="日本")
    assert [(r["person"], r["title"], r["country"], r["articles"]) for r in japan] == [
        ("片山さつき", "財務相", "JPN", 2), ("片山さつき", "財務大臣", "JPN", 2), ("茂木敏充", "外相", "JPN", 1)]


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


# --- on a small graph made by hand: every answer counted by hand ----------------------------------
def _country(iso3: str, name: str) -> dict[str, Any]:
    return {"id": iso3, "label": "Country", "name": name, "iso3": iso3}


JPN, USA = _country("JPN", "日本"), _country("USA", "米国")
IND, CHN = _country("IND", "インド"), _country("CHN", "中国")
YAMAMOTO = {"id": "person:山本健太", "label": "Person", "name": "山本健太", "role": "経済相", "affiliation": "JPN"}
PACT = {"id": "agreement:供給網協定", "label": "Agreement", "name": "供給網協定"}


def _ev(kind: str, source: str, target: str, date: str | None) -> dict[str, Any]:
    return {"type": kind, "source": source, "target": target, "date": date, "evidence": f"{source} {kind} {target}"}


# e1-e11; the counts in the tests below are counted from this table by hand
HANDMADE = [
    {"article_id": "h1", "published": "2025-12-20", "text": "h1", "entities": [JPN, USA, IND], "events": [
        _ev("MET_WITH", "JPN", "USA", "2025-12-10"),  # e1
        _ev("AGREED", "JPN", "USA", "2025-12-11"),  # e2
        _ev("COOPERATED", "JPN", "IND", None)]},  # e3: undated
    {"article_id": "h2", "published": "2026-01-15", "text": "h2", "entities": [JPN, USA, CHN, IND, PACT], "events": [
        _ev("RESTRICTED", "USA", "CHN", "2026-01-05"),  # e4
        _ev("CRITICIZED", "CHN", "USA", "2026-01-06"),  # e5
        _ev("SIGNED", "JPN", PACT["id"], "2026-01-07"),  # e6
        _ev("SIGNED", "IND", PACT["id"], "2026-01-08")]},  # e7
    {"article_id": "h3", "published": "2026-02-10", "text": "h3", "entities": [YAMAMOTO, IND, USA, JPN], "events": [
        _ev("MET_WITH", YAMAMOTO["id"], "IND", "2026-02-03"),  # e8
        _ev("REQUESTED", "USA", "JPN", "2026-02")]},  # e9: a month
    {"article_id": "h4", "published": "2026-01-30", "text": "h4", "entities": [IND, CHN, USA, JPN], "events": [
        _ev("PROPOSED", "IND", "CHN", "2026-01"),  # e10: a month
        _ev("MET_WITH", "USA", "JPN", "2026-01-20")]},  # e11: a second meeting of the two
]


@pytest.fixture
def handmade(neo4j_driver: neo4j.Driver, wipe_graph: Callable[[neo4j.Driver], None]) -> neo4j.Driver:
    """The graph of HANDMADE alone (loaded again only when something else is in the database)."""
    ids = neo4j_driver.execute_query("MATCH (a:Article) RETURN collect(a.id) AS ids",
                                     database_=config.neo4j_settings().database).records[0]["ids"]
    if sorted(ids) != [r["article_id"] for r in HANDMADE] or _fingerprint(neo4j_driver) != (4, 11):
        wipe_graph(neo4j_driver)
        report = load_records(neo4j_driver, HANDMADE, database=config.neo4j_settings().database)
        assert (report.articles_loaded, report.skipped) == (4, [])
    return neo4j_driver


@pytest.mark.neo4j
@pytest.mark.parametrize(("params", "expected"), [
    # all time: 日本 e1 e2 e3 e6 e9 e11, 米国 e1 e2 e4 e5 e9 e11, インド e3 e7 e8 e10, 中国 e4 e5 e10,
    # 山本健太 e8; the agreement is no actor; 日本 before 米国 on a tie (by name)
    ({}, [("日本", "Country", "JPN", 6, ["AGREED", "COOPERATED", "MET_WITH", "REQUESTED", "SIGNED"]),
          ("米国", "Country", "USA", 6, ["AGREED", "CRITICIZED", "MET_WITH", "REQUESTED", "RESTRICTED"]),
          ("インド", "Country", "IND", 4, ["COOPERATED", "MET_WITH", "PROPOSED", "SIGNED"]),
          ("中国", "Country", "CHN", 3, ["CRITICIZED", "PROPOSED", "RESTRICTED"]),
          ("山本健太", "Person", "JPN", 1, ["MET_WITH"])]),
    ({"limit": 2}, [("日本", "Country", "JPN", 6, ["AGREED", "COOPERATED", "MET_WITH", "REQUESTED", "SIGNED"]),
                    ("米国", "Country", "USA", 6, ["AGREED", "CRITICIZED", "MET_WITH", "REQUESTED", "RESTRICTED"])]),
    # January 2026: 中国 e4 e5 e10, 米国 e4 e5 e11, インド e7 e10 (2026-01 lies in it), 日本 e6 e11;
    # undated e3 never
    ({"since": "2026-01-01", "until": "2026-01-31"},
     [("中国", "Country", "CHN", 3, ["CRITICIZED", "PROPOSED", "RESTRICTED"]),
      ("米国", "Country", "USA", 3, ["CRITICIZED", "MET_WITH", "RESTRICTED"]),
      ("インド", "Country", "IND", 2, ["PROPOSED", "SIGNED"]),
      ("日本", "Country", "JPN", 2, ["MET_WITH", "SIGNED"])]),
    # a window that cuts January: the month date e10 overlaps it, the days before it do not; by name
    ({"since": "2026-01-10", "until": "2026-01-31"},
     [("インド", "Country", "IND", 1, ["PROPOSED"]), ("中国", "Country", "CHN", 1, ["PROPOSED"]),
      ("日本", "Country", "JPN", 1, ["MET_WITH"]), ("米国", "Country", "USA", 1, ["MET_WITH"])]),
    ({"since": "2026-02-05"},
     [("日本", "Country", "JPN", 1, ["REQUESTED"]), ("米国", "Country", "USA", 1, ["REQUESTED"])]),
    ({"until": "2025-11-30"}, []),
])
def test_top_actors_counted_by_hand(handmade: neo4j.Driver, params: dict[str, Any], expected: list[tuple]) -> None:
    answer = rows("top_actors", handmade, **params)
    assert [(r["actor"], r["label"], r["country"], r["events"], r["types"]) for r in answer] == expected


@pytest.mark.neo4j
@pytest.mark.parametrize(("params", "expected"), [
    # first dated contacts: 日本-米国 e1 (then e2, e9, e11); 中国-インド e10 (2026-01 sorts before
    # 2026-01-05); 中国-米国 e4; インド-日本 by the agreement both signed (e6, e7; their undated e3 does
    # not count); インド-山本健太 e8
    ({}, [("2025-12-10", "日本", "米国", "MET_WITH", 4, "h1"), ("2026-01", "中国", "インド", "PROPOSED", 1, "h4"),
          ("2026-01-05", "中国", "米国", "RESTRICTED", 2, "h2"), ("2026-01-07", "インド", "日本", "SIGNED", 2, "h2"),
          ("2026-02-03", "インド", "山本健太", "MET_WITH", 1, "h3")]),
    ({"since": "2026-01-01", "until": "2026-01-31"},
     [("2026-01", "中国", "インド", "PROPOSED", 1, "h4"), ("2026-01-05", "中国", "米国", "RESTRICTED", 2, "h2"),
      ("2026-01-07", "インド", "日本", "SIGNED", 2, "h2")]),
    ({"since": "2026-01-06", "until": "2026-01-31"},
     [("2026-01", "中国", "インド", "PROPOSED", 1, "h4"), ("2026-01-07", "インド", "日本", "SIGNED", 2, "h2")]),
    # 日本 and 米国 meet again in January and February (e11, e9), but they first met in December
    ({"since": "2026-02-01"}, [("2026-02-03", "インド", "山本健太", "MET_WITH", 1, "h3")]),
    ({"until": "2025-12-31"}, [("2025-12-10", "日本", "米国", "MET_WITH", 4, "h1")]),
    ({"limit": 1}, [("2025-12-10", "日本", "米国", "MET_WITH", 4, "h1")]),
])
def test_new_ties_counted_by_hand(handmade: neo4j.Driver, params: dict[str, Any], expected: list[tuple]) -> None:
    answer = rows("new_ties", handmade, **params)
    assert [(r["first_date"], r["actor_a"], r["actor_b"], r["first_event"], r["dated_contacts"], r["article_id"])
            for r in answer] == expected


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
                                      "description": "the country depended on: ISO3 code, name or alias (CHN, 中国)"}


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
