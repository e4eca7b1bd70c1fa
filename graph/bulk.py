"""The graph an incremental load would build, written as the CSV files ``neo4j-admin database
import full`` reads (``geokg export --neo4j-admin DIR``; ``geokg neo4j import DIR`` imports them).

``export_neo4j_admin`` goes through the records in batches exactly as ``graph.writer`` does
(the same checks, the same rows from ``graph.rows``, the same people merged across articles
as ``graph.resolve`` does, the same properties kept or replaced, roles and locations only
to entities that exist by then, a record given again replacing the article's mentions and
events) but on an in-memory model of the nodes instead of Neo4j. Articles, mentions and
events go to the files as they come (a file per batch, rewritten only when a later record
of an article replaces them); entities, roles and locations, whose properties change as the
records go by, are written at the end. The summaries are not written: the schema migrations
run after the import build them from the edges (``graph.rebuild``), as for any graph.

    DIR/manifest.json                       what goes where, read by ``geokg neo4j import``
    DIR/articles.header.csv, articles-00001.csv ...     (:Article)
    DIR/entities.header.csv, entities.csv               (:Entity:Country|Person|Organization|Agreement)
    DIR/mentions.header.csv, mentions-00001.csv ...     (:Article)-[:MENTIONS]->(:Entity)
    DIR/events.header.csv, events-00001.csv ...         event edges, the type in a column
    DIR/roles.header.csv, roles.csv; DIR/based_in.header.csv, based_in.csv
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from geokg import vocab
from geokg.config import LOAD_BATCH
from graph.bulk_people import People
from graph.rows import Rows, record_rows
from graph.writer import LoadReport, now_utc
from loaders.contract import check_record

ARRAY = "\x1f"  # the array delimiter of the files (given to the import as U+001F)

HEADERS = {
    "articles": ["id:ID(Article)", "title", "published", "reference_date", "date_inferred:boolean", "source", "url",
                 "text", "loaded_at"],
    "entities": [":ID(Entity)", "id", "name", "iso3", "name_ja", "name_en", "role", "kind", "country",
                 "aliases:string[]", "alias_key", "loaded_at", ":LABEL"],
    "mentions": [":START_ID(Article)", ":END_ID(Entity)", "surfaces:string[]", "count:long", "act_date"],
    "events": [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "uid", "article_id", "date", "date_precision",
               "date_inferred:boolean", "mode", "plover", "evidence", "trigger", "start:long", "end:long",
               "loaded_at"],
    "roles": [":START_ID(Entity)", ":END_ID(Entity)", "title", "as_of", "first_seen"],
    "based_in": [":START_ID(Entity)", ":END_ID(Entity)"],
}
ARTICLE_PROPS = ("title", "published", "reference_date", "date_inferred", "source", "url", "text")
ENTITY_PROPS = ("id", "name", "iso3", "name_ja", "name_en", "role", "kind", "country")
EVENT_PROPS = ("date", "date_precision", "date_inferred", "mode", "plover", "evidence", "trigger", "start", "end")


def _cell(value: Any) -> str:
    """One CSV field: None empty (no property), strings quoted (so "" stays an empty string)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        value = ARRAY.join(str(v) for v in value)
    return '"' + str(value).replace('"', '""') + '"'


def _line(values: Iterable[Any]) -> str:
    return ",".join(_cell(v) for v in values) + "\n"


@dataclass
class Entity:
    """An entity node as the loader leaves it: its labels and properties (``props["id"]`` may
    change when a person takes a longer name)."""

    key: str  # the import id, stable for the export
    labels: set[str]
    props: dict[str, Any]
    aliases: list[str] = field(default_factory=list)


@dataclass
class BulkReport(LoadReport):
    """A load report, plus where the files are."""

    folder: str = ""
    files: int = 0


class _Export:
    def __init__(self, folder: Path, loaded_at: str) -> None:
        self.folder = folder
        self.loaded_at = loaded_at
        self.entities: dict[str, Entity] = {}  # by current id
        self.by_key: dict[str, Entity] = {}
        self.people = People(self.entities, self._affiliations)
        self.roles: dict[tuple[str, str, str], dict[str, Any]] = {}  # (person key, title, target key)
        self.based_in: set[tuple[str, str]] = set()
        self.batch_of: dict[str, int] = {}  # article id -> the batch whose rows are its latest
        self.stale: dict[int, set[str]] = {}  # batch -> articles a later batch rewrote
        self.batches = 0

    def _affiliations(self, person: Entity) -> set[str]:
        return {self.by_key[t].props["id"] for (p, _, t) in self.roles if p == person.key}

    def entity(self, label: str, row: dict[str, Any]) -> Entity:
        node = self.entities.get(row["id"])
        if node is None:
            node = Entity(f"e{len(self.by_key)}", {vocab.ENTITY}, {"loaded_at": self.loaded_at})
            self.entities[row["id"]] = node
            self.by_key[node.key] = node
        node.labels.add(label)
        for k, v in {**row["props"], "id": row["id"]}.items():
            if v is None:
                node.props.pop(k, None)
            else:
                node.props[k] = v
        node.aliases += [a for a in dict.fromkeys(row["aliases"]) if a not in node.aliases]
        return node

    def batch(self, records: list[dict[str, Any]], report: BulkReport) -> None:
        self.batches += 1
        n = self.batches
        ids, merged = self.people.person_ids(records)
        report.people_merged += merged
        rows = Rows()
        for rec in records:
            record_rows(rec, rows, self.loaded_at, ids.get(rec["article_id"]))
        for a in rows.articles:
            if a["id"] in self.batch_of:
                self.stale.setdefault(self.batch_of[a["id"]], set()).add(a["id"])
            self.batch_of[a["id"]] = n
        for label in vocab.ENTITY_LABELS:
            for row in rows.entities.get(label, []):
                self.entity(label, row)
        with self._file("articles", n) as f:
            f.writelines(_line([a["id"], *(a["props"][k] for k in ARTICLE_PROPS), self.loaded_at])
                         for a in rows.articles)
        with self._file("mentions", n) as f:
            f.writelines(_line([m["article"], self.entities[m["entity"]].key, m["surfaces"], m["count"],
                                m["act_date"]]) for m in rows.mentions)
        with self._file("events", n) as f:
            for etype, events in rows.events.items():
                f.writelines(_line([self.entities[e["source"]].key, self.entities[e["target"]].key, etype, e["uid"],
                                    e["article_id"], *(e["props"][k] for k in EVENT_PROPS), self.loaded_at])
                             for e in events)
                report.events_written += len(events)
        for r in rows.roles:
            person, target = self.entities.get(r["person"]), self.entities.get(r["target"])
            if person is None or target is None or vocab.PERSON not in person.labels:
                continue
            role = self.roles.setdefault((person.key, r["title"], target.key),
                                         {"as_of": r["as_of"], "first_seen": r["as_of"]})
            if role["as_of"] is None or (r["as_of"] is not None and r["as_of"] > role["as_of"]):
                role["as_of"] = r["as_of"]
        countries = {e.props.get("iso3"): e for e in self.entities.values() if vocab.COUNTRY in e.labels}
        for b in rows.based_in:
            org, country = self.entities.get(b["org"]), countries.get(b["country"])
            if org is not None and country is not None and vocab.ORGANIZATION in org.labels:
                self.based_in.add((org.key, country.key))

    def _file(self, kind: str, n: int) -> Any:
        return open(self.folder / f"{kind}-{n:05d}.csv", "w", encoding="utf-8", newline="")

    def finish(self) -> dict[str, Any]:
        for n, gone in self.stale.items():  # a record given again replaced these articles' rows
            for kind, column in (("articles", 0), ("mentions", 0), ("events", 4)):
                path = self.folder / f"{kind}-{n:05d}.csv"
                keep = [line for line in _records(path) if _field(line, column) not in gone]
                path.write_text("".join(keep), encoding="utf-8")
        with open(self.folder / "entities.csv", "w", encoding="utf-8", newline="") as f:
            for e in self.entities.values():
                f.write(_line([e.key, *(e.props.get(k) for k in ENTITY_PROPS), e.aliases,
                               "|" + "".join(a + "|" for a in e.aliases), e.props["loaded_at"],
                               sorted(e.labels)]))  # labels are split on the array delimiter too
        with open(self.folder / "roles.csv", "w", encoding="utf-8", newline="") as f:
            f.writelines(_line([p, t, title, r["as_of"], r["first_seen"]]) for (p, title, t), r in self.roles.items())
        with open(self.folder / "based_in.csv", "w", encoding="utf-8", newline="") as f:
            f.writelines(_line(pair) for pair in sorted(self.based_in))
        for kind, header in HEADERS.items():
            (self.folder / f"{kind}.header.csv").write_text(",".join(header) + "\n", encoding="utf-8")
        data = {kind: [f"{kind}.header.csv", *sorted(p.name for p in self.folder.glob(f"{kind}-*.csv"))]
                for kind in ("articles", "mentions", "events")}
        data.update({kind: [f"{kind}.header.csv", f"{kind}.csv"] for kind in ("entities", "roles", "based_in")})
        manifest = {
            "nodes": [{"labels": [vocab.ARTICLE], "files": data["articles"]},
                      {"labels": [], "files": data["entities"]}],  # each entity's labels are in a column
            "relationships": [{"type": vocab.MENTIONS, "files": data["mentions"]},
                              {"type": None, "files": data["events"]},  # the event type is in a column
                              {"type": vocab.HOLDS_ROLE, "files": data["roles"]},
                              {"type": vocab.BASED_IN, "files": data["based_in"]}],
            "array_delimiter": "U+001F",
        }
        (self.folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        return manifest


def _records(path: Path) -> list[str]:
    """The CSV records of a file written by ``_line`` (a quoted field may hold line breaks)."""
    out, current = [], ""
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            current += line
            if current.count('"') % 2 == 0:
                out.append(current)
                current = ""
    return out


def _field(record: str, column: int) -> str:
    """The value of the quoted field at ``column`` of a record written by ``_line``."""
    i = 0
    for _ in range(column):  # skip the fields before it (quoted, or plain numbers and booleans)
        if record[i] == '"':
            i += 1
            while True:
                i = record.index('"', i) + 1
                if record[i] != '"':
                    break
                i += 1
            i += 1
        else:
            i = record.index(",", i) + 1
    end = i + 1
    while True:
        end = record.index('"', end)
        if record[end + 1:end + 2] != '"':
            break
        end += 2
    return record[i + 1:end].replace('""', '"')


def export_neo4j_admin(records: Iterable[dict[str, Any]], folder: str | Path, *, batch_size: int = LOAD_BATCH,
                       report: BulkReport | None = None) -> BulkReport:
    """Write ``records`` (the extraction contract's dicts) as neo4j-admin import files in ``folder``.

    >>> import tempfile
    >>> from loaders.pipeline import extract_inputs
    >>> export_neo4j_admin((x.to_json() for x in extract_inputs(["seeds"])), tempfile.mkdtemp()).summary()
    'articles read 20, loaded 20, skipped 0; nodes created 59, relationships created 127, stale relationships \
removed 0 (34 event edges written, 0 people merged)'

    (what loading the seed into an empty database reports: 39 entities and 20 articles; 76
    mentions, 34 events, 11 roles and 6 organizations' countries; the summaries come with the import)
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    report = report or BulkReport()
    export = _Export(folder, now_utc())
    it = iter(records)
    while batch := list(islice(it, batch_size)):
        report.articles_read += len(batch)
        latest: dict[str, dict[str, Any]] = {}
        for rec in batch:
            problem = check_record(rec)
            if problem:
                report.skipped.append(problem)
            else:
                report.articles_loaded += 1
                latest.pop(rec["article_id"], None)
                latest[rec["article_id"]] = rec
        export.batch(list(latest.values()), report)
    manifest = export.finish()
    report.folder = str(folder)
    report.files = sum(len(group["files"]) for kind in ("nodes", "relationships") for group in manifest[kind])
    report.nodes_created = len(export.entities) + len(export.batch_of)
    report.relationships_created = sum(len(_records(folder / name)) for group in manifest["relationships"]
                                       for name in group["files"] if not name.endswith(".header.csv"))
    return report
