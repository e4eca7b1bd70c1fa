"""The graph as three tables, ``entities``, ``events`` and ``articles``: read from Neo4j or
made from an extraction file the way the loader would store it (``graph.rows``).

The tables are what every export format is written from (``graph.formats``): columns are fixed
(``ENTITY_COLUMNS`` …) whatever the data holds, one row per entity, per event edge (with its
evidence, date and article) and per article, sorted by key so the same graph always gives the
same files. List values (aliases) are joined with ``|``, as in the gazetteer files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import neo4j
import pandas as pd

from geokg import vocab
from graph.rows import Rows, record_rows
from loaders.contract import check_record

LIST_SEP: Final = "|"

ENTITY_COLUMNS: Final = ("id", "label", "name", "name_en", "iso3", "kind", "role", "country", "aliases",
                         "articles", "loaded_at")
EVENT_COLUMNS: Final = ("uid", "type", "type_ja", "source", "source_name", "target", "target_name", "date",
                        "date_precision", "date_inferred", "mode", "plover", "trigger", "evidence",
                        "evidence_start", "evidence_end", "article_id", "article_title", "article_url", "loaded_at")
ARTICLE_COLUMNS: Final = ("id", "title", "published", "reference_date", "date_inferred", "source", "url", "events",
                          "text", "loaded_at")
# pandas dtypes that survive CSV and Parquet alike (nullable, so a missing value stays missing)
_DTYPES: Final[dict[str, Any]] = {"articles": "Int64", "events": "Int64", "evidence_start": "Int64",
                                  "evidence_end": "Int64", "date_inferred": "boolean"}

_ENTITIES_Q = """
MATCH (e:Entity)
RETURN e.id AS id, [x IN labels(e) WHERE x IN $labels][0] AS label, properties(e) AS props,
       COUNT { (:Article)-[:MENTIONS]->(e) } AS articles
ORDER BY id
"""
_EVENTS_Q = """
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) IN $types
RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props
ORDER BY r.uid
"""
_ARTICLES_Q = """
MATCH (a:Article)
RETURN properties(a) AS props, COUNT { (:Entity)-[r]->(:Entity) WHERE r.article_id = a.id } AS events
ORDER BY a.id
"""


@dataclass(frozen=True)
class Tables:
    """The three tables of one graph."""

    entities: pd.DataFrame
    events: pd.DataFrame
    articles: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [("entities", self.entities), ("events", self.events), ("articles", self.articles)]


def _joined(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return LIST_SEP.join(str(v) for v in value if v is not None)
    return value


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...], key: str) -> pd.DataFrame:
    df = pd.DataFrame([{c: _joined(r.get(c)) for c in columns} for r in rows], columns=list(columns), dtype=object)
    for col, dtype in _DTYPES.items():
        if col in df.columns:
            df[col] = df[col].astype(dtype)
    return df.sort_values(key, kind="stable").reset_index(drop=True) if len(df) else df


def _event_row(etype: str, source: str, target: str, props: Mapping[str, Any], names: Mapping[str, str],
               articles: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    row = dict(props)
    aid = props.get("article_id")
    art = articles.get(aid or "", {})
    row.update(type=etype, type_ja=vocab.TYPE_JA.get(etype), source=source, target=target,
               source_name=names.get(source), target_name=names.get(target),
               evidence_start=props.get("start"), evidence_end=props.get("end"),
               article_title=art.get("title"), article_url=art.get("url"))
    return row


def _tables(entities: list[dict[str, Any]], events: list[tuple[str, str, str, dict[str, Any]]],
            articles: list[dict[str, Any]]) -> Tables:
    names = {e["id"]: e.get("name") or e.get("name_ja") or e["id"] for e in entities}
    by_id = {a["id"]: a for a in articles}
    event_rows = [_event_row(t, s, o, p, names, by_id) for t, s, o, p in events]
    per_article = Counter(r.get("article_id") for r in event_rows)
    for a in articles:
        a.setdefault("events", per_article.get(a["id"], 0))
    return Tables(entities=_frame(entities, ENTITY_COLUMNS, "id"), events=_frame(event_rows, EVENT_COLUMNS, "uid"),
                  articles=_frame(articles, ARTICLE_COLUMNS, "id"))


def from_neo4j(driver: neo4j.Driver, *, database: str = "neo4j") -> Tables:
    """Every entity, event edge and article stored in Neo4j.

    >>> t = from_neo4j(drv, database=database)
    >>> len(t.entities), len(t.events), len(t.articles)
    (39, 34, 20)
    >>> t.events[["type", "source_name", "target_name", "date"]].head(3)
         type source_name target_name        date
    0  AGREED         ルビオ    ジャイシャンカル  2026-01-13
    1  AGREED          日本         インド        None
    2  AGREED        トランプ          日本  2025-10-28
    """
    read = neo4j.RoutingControl.READ
    ents, _, _ = driver.execute_query(_ENTITIES_Q, labels=list(vocab.ENTITY_LABELS), database_=database,
                                      routing_=read)
    evs, _, _ = driver.execute_query(_EVENTS_Q, types=list(vocab.EVENT_TYPES), database_=database, routing_=read)
    arts, _, _ = driver.execute_query(_ARTICLES_Q, database_=database, routing_=read)
    entities = [{**r["props"], "id": r["id"], "label": r["label"], "articles": r["articles"]} for r in ents]
    events = [(r["type"], r["source"], r["target"], dict(r["props"])) for r in evs]
    articles = [{**r["props"], "events": r["events"]} for r in arts]
    return _tables(entities, events, articles)


def from_extractions(records: Iterable[dict[str, Any]]) -> Tables:
    """The tables an extraction file would give once loaded (people merged by id only: the
    cross-article merge of 片山 into 片山さつき needs the database).

    >>> from loaders.pipeline import extract_inputs
    >>> t = from_extractions(x.to_json() for x in extract_inputs(["seeds/000_55682db804c659e6.txt"]))
    >>> len(t.articles), len(t.events), t.entities.set_index("id").loc["JPN", "name"]
    (20, 34, '日本')
    """
    latest = {rec["article_id"]: rec for rec in records}  # an article given twice: the last one, as a reload
    rows = Rows()
    for rec in latest.values():
        record_rows(rec, rows, loaded_at="")
    mentioned = Counter(m["entity"] for m in {(m["article"], m["entity"]): m for m in rows.mentions}.values())
    entities = [{**r["props"], "id": r["id"], "label": label, "aliases": r["aliases"], "articles": mentioned[r["id"]]}
                for label, group in rows.entities.items() for r in group]
    events = [(etype, e["source"], e["target"], {**e["props"], "uid": e["uid"], "article_id": e["article_id"]})
              for etype, group in rows.events.items() for e in group]
    articles = [{**a["props"], "id": a["id"]} for a in rows.articles]
    return _tables(entities, events, articles)


def read_extraction_file(path: str | Path, problems: list[str]) -> Iterator[dict[str, Any]]:
    """The valid records of an extraction file; each bad line goes into ``problems`` as
    ``FILE:LINE: what`` and the rest is read.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = path.write_text('{"article_id": "a"}', encoding="utf-8")
    >>> bad = []
    >>> list(read_extraction_file(path, bad)), bad[0].endswith("x.jsonl:1: record a: no text")
    ([], True)
    """
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8")
                if not line.strip():
                    continue
                rec = json.loads(line)
            except UnicodeDecodeError:
                problems.append(f"{path}:{lineno}: not UTF-8")
                continue
            except json.JSONDecodeError as exc:
                problems.append(f"{path}:{lineno}: not JSON ({exc.msg})")
                continue
            problem = check_record(rec)
            if problem:
                problems.append(f"{path}:{lineno}: {problem}")
                continue
            yield rec
