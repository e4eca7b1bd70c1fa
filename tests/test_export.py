"""`geokg export`: GraphML and GEXF read back with networkx, CSV and Parquet with pandas, from an
extraction file and from the live Neo4j (graph/tables.py, graph/formats.py).

The seed gives the figures: 39 entities (13 countries, 10 people, 10 organizations, 6
agreements), 34 event edges, 20 articles.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from geokg import vocab
from geokg.cli import main
from graph import formats, tables

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_55682db804c659e6.txt"
N_ENTITIES, N_EVENTS, N_ARTICLES = 39, 34, 20
RUBIO_MET = "MET_WITH|sha1:6a5a3c6d1160907b|person:ルビオ|person:ジャイシャンカル"
HOSTILE = "<script>alert(1)</script> & \"引用\" 'x' ]]>"


@pytest.fixture(scope="module")
def seed_records() -> list[dict[str, Any]]:
    from loaders.pipeline import extract_inputs

    return [x.to_json() for x in extract_inputs([SEED])]


@pytest.fixture(scope="module")
def extraction_file(seed_records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's extraction plus one article whose evidence and title are XML-hostile."""
    hostile = {
        "article_id": "test:hostile", "title": HOSTILE, "published": "2026-02-03", "url": "https://example.jp/a?b=1&c=2",
        "source": "test", "text": "日本と米国が会談した。",
        "entities": [{"id": "JPN", "label": "Country", "name": "日本", "iso3": "JPN"},
                     {"id": "USA", "label": "Country", "name": "米国", "iso3": "USA"}],
        "events": [{"type": "MET_WITH", "source": "JPN", "target": "USA", "date": "2026-02", "date_precision": "month",
                    "mode": "actual", "evidence": HOSTILE, "start": 0, "end": 11}],
    }
    path = tmp_path_factory.mktemp("extraction") / "seed.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for rec in [*seed_records, hostile]:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def seed_tables(seed_records: list[dict[str, Any]]) -> tables.Tables:
    return tables.from_extractions(seed_records)


def export(tmp: Path, fmt: str, *args: str) -> Path:
    out = tmp / (f"graph.{fmt}" if fmt in ("graphml", "gexf") else fmt)
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


# --- the tables -----------------------------------------------------------------------------------
def test_tables_of_the_seed(seed_tables: tables.Tables) -> None:
    ents, evs, arts = seed_tables.entities, seed_tables.events, seed_tables.articles
    assert (len(ents), len(evs), len(arts)) == (N_ENTITIES, N_EVENTS, N_ARTICLES)
    assert list(ents.columns) == list(tables.ENTITY_COLUMNS)
    assert list(evs.columns) == list(tables.EVENT_COLUMNS)
    assert list(arts.columns) == list(tables.ARTICLE_COLUMNS)
    assert ents["label"].value_counts().to_dict() == {"Country": 13, "Person": 10, "Organization": 10, "Agreement": 6}
    assert ents["id"].is_unique and evs["uid"].is_unique and arts["id"].is_unique
    assert arts["events"].sum() == N_EVENTS
    met = evs.set_index("uid").loc[RUBIO_MET]
    assert (met["type"], met["type_ja"], met["source_name"], met["target_name"], met["date"]) == (
        "MET_WITH", "会談", "ルビオ", "ジャイシャンカル", "2026-01-13")
    assert met["evidence"].startswith("1月13日の電話会談で米国務長官ルビオと印外相ジャイシャンカルが")
    assert met["evidence_start"] == 25 and met["article_id"] == "sha1:6a5a3c6d1160907b"
    assert ents.set_index("id").loc["JPN", "name"] == "日本"


def test_an_article_given_twice_counts_once(seed_records: list[dict[str, Any]]) -> None:
    doubled = tables.from_extractions([*seed_records, *seed_records])
    assert (len(doubled.entities), len(doubled.events), len(doubled.articles)) == (N_ENTITIES, N_EVENTS, N_ARTICLES)


def test_bad_lines_are_named_and_the_rest_exported(extraction_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    good = extraction_file.read_bytes().splitlines()
    bad.write_bytes(b"\n".join([good[0], b"{not json", b"\xff\xfe", b'{"article_id": "x", "text": ""}',
                                b"[1, 2]", *good[1:]]) + b"\n")
    out = tmp_path / "t"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(out), "--from-extraction", str(bad)])
    assert result.exit_code == 3, result.output
    assert f"{bad}:2: not JSON" in result.output
    assert f"{bad}:3: not UTF-8" in result.output
    assert f"{bad}:4: record x: no text" in result.output
    assert f"{bad}:5: expected a JSON object (one extracted article), got an array" in result.output
    assert len(pd.read_csv(out / "articles.csv")) == N_ARTICLES + 1


# --- GraphML and GEXF, read back with networkx -------------------------------------------------------
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_with_networkx(fmt: str, extraction_file: Path, tmp_path: Path) -> None:
    path = export(tmp_path, fmt, "--from-extraction", str(extraction_file))
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert isinstance(g, nx.MultiDiGraph)
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_ENTITIES, N_EVENTS + 1)
    jpn = g.nodes["JPN"]
    assert (jpn["label"], jpn["entity_label"], jpn["iso3"], jpn["name_en"]) == ("日本", "Country", "JPN", "Japan")
    assert g.nodes["person:片山さつき"]["entity_label"] == "Person"
    assert g.nodes["person:片山さつき"]["role"] == "財務大臣"  # the latest article's title, as the loader keeps it
    assert {d["entity_label"] for _, d in g.nodes(data=True)} == set(vocab.ENTITY_LABELS)
    edges = {k: (u, v, d) for u, v, k, d in g.edges(keys=True, data=True)}
    u, v, met = edges[RUBIO_MET]
    assert (u, v) == ("person:ルビオ", "person:ジャイシャンカル")
    assert (met["label"], met["event_type"], met["date"], met["date_precision"], met["mode"]) == (
        "MET_WITH", "MET_WITH", "2026-01-13", "day", "actual")
    assert met["symmetric"] is True and met["date_inferred"] is True
    assert met["evidence"].startswith("1月13日の電話会談で米国務長官ルビオと印外相ジャイシャンカルが")
    assert met["article_id"] == "sha1:6a5a3c6d1160907b"
    _, _, hostile = edges["MET_WITH|test:hostile|JPN|USA"]
    assert hostile["evidence"] == HOSTILE and hostile["article_title"] == HOSTILE
    assert hostile["article_url"] == "https://example.jp/a?b=1&c=2"
    if fmt == "gexf":  # the period of the date, for Gephi's timeline
        assert (hostile["start"], hostile["end"]) == ("2026-02-01", "2026-02-28")
        assert (met["start"], met["end"]) == ("2026-01-13", "2026-01-13")
        assert 'timeformat="date"' in path.read_text(encoding="utf-8")
    else:
        assert "start" not in met
    undated = [d for _, _, d in g.edges(data=True) if "date" not in d]
    assert undated and all("start" not in d for d in undated)


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_same_input_same_bytes(fmt: str, seed_tables: tables.Tables, tmp_path: Path) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    one = formats.write(seed_tables, tmp_path / f"a.{fmt}", fmt)
    two = formats.write(tables.from_extractions(_records_again()), tmp_path / f"b.{fmt}", fmt)
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]


def _records_again() -> list[dict[str, Any]]:
    from loaders.pipeline import extract_inputs

    return [x.to_json() for x in extract_inputs([SEED])]


# --- CSV and Parquet, read back with pandas ------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_read_back_with_pandas(fmt: str, extraction_file: Path, tmp_path: Path) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow", reason="Parquet export needs the parquet extra (pyarrow)")
    folder = export(tmp_path, fmt, "--from-extraction", str(extraction_file))
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.{fmt}" for n in ("articles", "entities", "events"))
    read = (lambda n: pd.read_csv(folder / f"{n}.csv")) if fmt == "csv" else (
        lambda n: pd.read_parquet(folder / f"{n}.parquet"))
    ents, evs, arts = read("entities"), read("events"), read("articles")
    assert list(evs.columns) == list(tables.EVENT_COLUMNS)  # no byte-order mark glued to the first name
    assert (len(ents), len(evs), len(arts)) == (N_ENTITIES, N_EVENTS + 1, N_ARTICLES + 1)
    met = evs.set_index("uid").loc[RUBIO_MET]
    assert (met["source_name"], met["target_name"], met["date"], met["type_ja"]) == (
        "ルビオ", "ジャイシャンカル", "2026-01-13", "会談")
    assert bool(met["date_inferred"]) is True and int(met["evidence_start"]) == 25
    hostile = evs.set_index("uid").loc["MET_WITH|test:hostile|JPN|USA"]
    assert hostile["evidence"] == HOSTILE
    art = arts.set_index("id").loc["test:hostile"]
    assert (art["title"], art["published"], art["text"], int(art["events"])) == (
        HOSTILE, "2026-02-03", "日本と米国が会談した。", 1)
    assert ents.set_index("id").loc["COD", "name"] == "コンゴ民主共和国"
    if fmt == "parquet":
        assert str(evs["evidence_start"].dtype) == "Int64" and str(arts["date_inferred"].dtype) == "boolean"
    else:
        assert (folder / "events.csv").read_bytes().startswith(b"\xef\xbb\xbfuid,type,")  # Excel reads UTF-8


def test_paths_of_the_wrong_kind_are_refused(seed_tables: tables.Tables, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(formats.ExportError, match="is a file"):
        formats.write(seed_tables, tmp_path / "file", "csv")
    with pytest.raises(formats.ExportError, match="is a folder"):
        formats.write(seed_tables, tmp_path, "graphml")
    result = CliRunner().invoke(main, ["export", "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 1 and "say which format" in result.output


# --- from the live Neo4j ---------------------------------------------------------------------------------
@pytest.mark.neo4j
def test_neo4j_export_equals_the_extraction(clean_db: Any, seed_records: list[dict[str, Any]],
                                            seed_tables: tables.Tables, tmp_path: Path) -> None:
    from geokg import config
    from graph.writer import load_records

    database = config.neo4j_settings().database
    load_records(clean_db, seed_records, database=database)
    stored = tables.from_neo4j(clean_db, database=database)
    assert stored.entities["loaded_at"].notna().all() and stored.events["loaded_at"].notna().all()
    for name, df in stored.items():
        expected = dict(seed_tables.items())[name].drop(columns="loaded_at")
        got = df.drop(columns="loaded_at")
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    # the command reads the same server
    g = nx.read_gexf(export(tmp_path, "gexf"))
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_ENTITIES, N_EVENTS)
    arts = pd.read_csv(export(tmp_path, "csv") / "articles.csv")
    assert len(arts) == N_ARTICLES and arts["events"].sum() == N_EVENTS
