"""Idempotent, batched writes of extractions into Neo4j.

Every write is ``UNWIND $rows ... MERGE`` on a natural key inside a managed transaction
(the driver retries it on transient errors); every value is a parameter and labels and
relationship types come only from ``geokg.vocab``. Loading the same articles twice creates
nothing; ``loaded_at`` (system time) is set when a node or edge is created and never changed.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import neo4j
from neo4j.exceptions import (
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from tqdm import tqdm

from geokg import vocab
from geokg.config import LOAD_BATCH
from geokg.errors import Neo4jUnavailable
from graph import resolve, summaries, turns
from graph.rows import Rows, record_rows
from graph.schema import migrate
from graph.ties import EdgeChange
from loaders.contract import check_record

log = logging.getLogger(__name__)

ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a.loaded_at = $loaded_at
SET a += row.props
"""

ENTITY = """
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.loaded_at = $loaded_at
SET n:%s, n += row.props,
    n.aliases = reduce(acc = coalesce(n.aliases, []), x IN row.aliases |
                       CASE WHEN x IN acc THEN acc ELSE acc + x END)
SET n.alias_key = '|' + reduce(acc = '', x IN n.aliases | acc + x + '|')
"""

MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article}), (e:Entity {id: row.entity})
MERGE (a)-[m:MENTIONS]->(e)
SET m.surfaces = row.surfaces, m.count = row.count, m.act_date = row.act_date
"""

# An article stored for the first time has no mentions yet: they are created, not merged.
NEW_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article}), (e:Entity {id: row.entity})
CREATE (a)-[m:MENTIONS]->(e)
SET m.surfaces = row.surfaces, m.count = row.count, m.act_date = row.act_date
"""

# An event edge is found by its key through the relationship uniqueness constraint's index
# (migration 3), not by expanding the relationships between two busy nodes such as 日本
# and 米国: that is what keeps loading linear in the size of the graph.
EVENT = """
UNWIND $rows AS row
OPTIONAL MATCH ()-[old:%(type)s {uid: row.uid}]->()
FOREACH (_ IN CASE WHEN old IS NULL THEN [] ELSE [1] END | SET old += row.props)
WITH row, old WHERE old IS NULL
MATCH (s:Entity {id: row.source}), (t:Entity {id: row.target})
CREATE (s)-[r:%(type)s {uid: row.uid}]->(t)
SET r += row.props, r.article_id = row.article_id, r.loaded_at = $loaded_at
"""

STORED = "MATCH (a:Article) WHERE a.id IN $ids RETURN collect(a.id) AS ids"

# The stored date and evidence of event edges a reloaded article writes again (the summaries
# move an event whose date changed).
EXISTING = """
UNWIND $uids AS uid
MATCH ()-[r:%s {uid: uid}]->()
RETURN r.uid AS uid, r.date AS date, r.evidence AS evidence
"""

# A reloaded article's events and mentions are what its extraction says now: edges that
# the current rules no longer find are removed (nothing is removed when nothing changed).
STALE_EVENTS = """
UNWIND $articles AS a
MATCH (s)-[r:%s {article_id: a.id}]->(t)
WHERE NOT r.uid IN a.uids
WITH r, s.id AS source, t.id AS target, a.id AS article, r.date AS date, r.evidence AS evidence
DELETE r
RETURN source, target, article, date, evidence
"""

STALE_MENTIONS = """
UNWIND $articles AS a
MATCH (:Article {id: a.id})-[m:MENTIONS]->(e:Entity)
WHERE NOT e.id IN a.entities
DELETE m
"""

ROLES = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person}), (x:Entity {id: row.target})
MERGE (p)-[h:HOLDS_ROLE {title: row.title}]->(x)
ON CREATE SET h.as_of = row.as_of, h.first_seen = row.as_of
SET h.as_of = CASE WHEN h.as_of IS NULL OR row.as_of > h.as_of THEN row.as_of ELSE h.as_of END
"""

BASED_IN = """
UNWIND $rows AS row
MATCH (o:Organization {id: row.org}), (c:Country {iso3: row.country})
MERGE (o)-[:BASED_IN]->(c)
"""


@dataclass
class LoadReport:
    """The closing report of a load."""

    articles_read: int = 0
    articles_loaded: int = 0
    skipped: list[str] = field(default_factory=list)
    nodes_created: int = 0
    relationships_created: int = 0
    events_written: int = 0
    people_merged: int = 0

    relationships_deleted: int = 0
    split: int = 0  # batches the server refused as too large for its transaction memory, then halved
    ties_updated: int = 0  # summaries (graph/summaries.py) brought up to date, not counted above

    def add(self, counters: neo4j.SummaryCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted

    def summary(self) -> str:
        return (f"articles read {self.articles_read}, loaded {self.articles_loaded}, skipped {len(self.skipped)}; "
                f"nodes created {self.nodes_created}, relationships created {self.relationships_created}, "
                f"stale relationships removed {self.relationships_deleted} "
                f"({self.events_written} event edges written, {self.people_merged} people merged)"
                + (f"; {self.split} batches halved to fit the server's transaction memory" if self.split else ""))


def now_utc() -> str:
    """The one clock for system time (when we loaded something): UTC, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_rows(
    tx: neo4j.ManagedTransaction, rows: Rows, loaded_at: str
) -> tuple[list[neo4j.SummaryCounters], summaries.SummaryReport]:
    out = []
    # read in the transaction: a retry after a commit whose answer was lost sees what it wrote
    stored = tx.run(STORED, ids=[a["id"] for a in rows.articles]).single()
    reloaded = set(stored["ids"]) if stored else set()

    def run(query: str, data: list[dict[str, Any]]) -> None:
        if data:
            out.append(tx.run(query, rows=data, loaded_at=loaded_at).consume().counters)

    run(ARTICLES, rows.articles)
    for label in vocab.ENTITY_LABELS:
        run(ENTITY % vocab.safe_identifier(label), rows.entities.get(label, []))
    run(MENTIONS, [m for m in rows.mentions if m["article"] in reloaded])
    run(NEW_MENTIONS, [m for m in rows.mentions if m["article"] not in reloaded])
    changes: list[EdgeChange] = []
    for t in vocab.EVENT_TYPES:
        events = rows.events.get(t, [])
        again = [e["uid"] for e in events if e["article_id"] in reloaded]
        old = {r["uid"]: (r["date"], r["evidence"] or "") for r in
               tx.run(EXISTING % vocab.safe_identifier(t), uids=again)} if again else {}
        for e in events:  # an edge written twice in one batch is new once, then the same edge again
            state = (e["props"]["date"], e["props"]["evidence"])
            changes.append(EdgeChange(t, e["source"], e["target"], e["article_id"], old.get(e["uid"]), state))
            old[e["uid"]] = state
        run(EVENT % {"type": vocab.safe_identifier(t)}, events)
    run(ROLES, rows.roles)
    run(BASED_IN, rows.based_in)
    current = rows.current(reloaded)  # only articles stored before can have stale edges
    if current:
        for t in vocab.EVENT_TYPES:  # one query per type, so each uses its article_id index
            result = tx.run(STALE_EVENTS % vocab.safe_identifier(t), articles=current)
            changes += [EdgeChange(t, r["source"], r["target"], r["article"], (r["date"], r["evidence"] or ""), None)
                        for r in result]
            out.append(result.consume().counters)
        out.append(tx.run(STALE_MENTIONS, articles=current).consume().counters)
    entities = [e["id"] for ents in rows.entities.values() for e in ents]
    remapped = summaries.remap_countries(tx, entities, [b["org"] for b in rows.based_in])
    return out, summaries.update(tx, changes, remapped)


def _batches(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    """Lists of up to ``size`` records in which no article id repeats: a record whose article
    is already in the batch starts the next one, so that it replaces the earlier version as a
    later load would (one transaction cannot write the same event edge twice).

    >>> [[r["article_id"] for r in b] for b in _batches([{"article_id": x} for x in "abacd"], 3)]
    [['a', 'b'], ['a', 'c', 'd']]
    """
    batch: list[Any] = []
    ids: set[Any] = set()
    for rec in items:
        key = rec.get("article_id") if isinstance(rec, dict) else None
        if len(batch) >= size or (key is not None and key in ids):
            yield batch
            batch, ids = [], set()
        batch.append(rec)
        if key is not None:
            ids.add(str(key))
    if batch:
        yield batch


def too_big(exc: BaseException) -> bool:
    """Whether the server refused a transaction for holding more memory than it allows
    (``dbms.memory.transaction.total.max`` / ``db.memory.transaction.max``)."""
    code = getattr(exc, "code", None) or ""
    return isinstance(exc, TransientError) and ("OutOfMemory" in code or "MemoryLimit" in code)


#: How long (seconds) a batch is retried while the server does not answer: long enough to
#: ride out a restart of the local server.
RETRY_SECONDS = 60.0
#: What a server that stops or restarts raises (IncompleteCommit is a ServiceUnavailable: a
#: commit whose answer was lost; the rerun the message asks for makes it whole either way).
_GONE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)


def load_records(
    driver: neo4j.Driver,
    records: Iterable[dict[str, Any]],
    *,
    database: str = "neo4j",
    batch_size: int = LOAD_BATCH,
    progress: bool = False,
    report: LoadReport | None = None,
    retry_seconds: float = RETRY_SECONDS,
) -> LoadReport:
    """Write extraction records (the contract's dicts) to Neo4j.

    Every query of a batch runs in a managed transaction, which the driver retries for
    ``retry_seconds`` while the server is unavailable; a server that stays away raises
    ``Neo4jUnavailable`` saying how much was stored (all of it is kept: a rerun of the same
    load completes it and changes nothing else). A record that breaks the contract
    (``loaders.contract.check_record``) is skipped with its reason in ``report.skipped``.
    A batch the server refuses as too large for its transaction memory is written in halves,
    and later batches are cut to the size it took; a single article too large for it is
    skipped with that reason.

    >>> from loaders.pipeline import extract_inputs
    >>> load_records(drv, (x.to_json() for x in extract_inputs(["seeds"])), database=database).summary()
    'articles read 20, loaded 20, skipped 0; nodes created 0, relationships created 0, stale relationships \
removed 0 (34 event edges written, 0 people merged)'

    (the seed again: its articles are stored already, so nothing is created)
    """
    report = report or LoadReport()
    try:
        migrate(driver, database)
    except _GONE as exc:
        raise Neo4jUnavailable(f"Neo4j does not answer ({_one_line(exc)}); nothing was loaded: start it and run "
                               "the same command again") from None
    loaded_at = now_utc()
    cap = [batch_size]  # articles per transaction the server has taken so far
    bar = tqdm(desc="loading", unit=" articles", disable=not progress, leave=False)
    try:
        for batch in _batches(records, batch_size):
            report.articles_read += len(batch)
            latest: dict[str, dict[str, Any]] = {}  # an article given twice in a batch: its last record
            valid = 0
            for rec in batch:
                problem = check_record(rec)
                if problem:
                    report.skipped.append(problem)
                else:
                    valid += 1
                    latest.pop(rec["article_id"], None)
                    latest[rec["article_id"]] = rec
            try:
                valid -= _write_fitting(driver, list(latest.values()), database, loaded_at, report, retry_seconds, cap)
            except _GONE as exc:
                raise Neo4jUnavailable(
                    f"Neo4j stopped answering during the load and did not come back within {retry_seconds:g} s "
                    f"({_one_line(exc)}); {report.articles_loaded} articles were stored and are kept. "
                    "Start it and run the same command again: what is already stored is not duplicated"
                ) from None
            report.articles_loaded += valid
            bar.update(len(batch))
    finally:
        bar.close()
    return report


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _write_fitting(driver: neo4j.Driver, good: list[dict[str, Any]], database: str, loaded_at: str,
                   report: LoadReport, retry_seconds: float, cap: list[int]) -> int:
    """Write ``good`` in transactions of at most ``cap[0]`` articles, halving ``cap[0]`` when
    the server refuses one as too large (``too_big``); return how many articles were skipped
    because even alone they were too large."""
    i = skipped = 0
    while i < len(good):
        part = good[i:i + cap[0]]
        try:
            _write_batch(driver, part, database, loaded_at, report, retry_seconds)
        except TransientError as exc:
            if not too_big(exc):
                raise
            if len(part) > 1:
                cap[0] = max(1, len(part) // 2)
                report.split += 1
                continue
            report.skipped.append(f"record {part[0]['article_id']}: too large for one transaction of the server "
                                  f"({_one_line(exc)}); raise the limit its message names to load it")
            skipped += 1
        i += len(part)
    return skipped


def _write_batch(driver: neo4j.Driver, good: list[dict[str, Any]], database: str, loaded_at: str,
                 report: LoadReport, retry_seconds: float) -> None:
    """One batch in one managed transaction, retried as the driver would (what it deems
    retryable, backing off, for ``retry_seconds``), except a transaction the server refuses as
    too large: trying that again cannot help, so it is raised at once for the caller to split."""
    deadline = time.monotonic() + retry_seconds
    delay = 1.0
    while True:
        try:
            with driver.session(database=database, max_transaction_retry_time=0) as session:
                rows, written, summary, merged = session.execute_write(_write_records, good, loaded_at)
            break
        except (DriverError, Neo4jError) as exc:
            if too_big(exc) or not exc.is_retryable() or time.monotonic() + delay > deadline:
                raise
            wait = delay * random.uniform(0.8, 1.2)
            log.warning("writing %d articles failed (%s) and will be retried in %.1f s", len(good),
                        _one_line(exc)[:200], wait)
            time.sleep(wait)
            delay = min(2 * delay, 10.0)
    for counters in written:
        report.add(counters)
    report.ties_updated += summary.ties
    report.people_merged += merged
    report.events_written += rows.event_count()


def _write_records(tx: neo4j.ManagedTransaction, good: list[dict[str, Any]], loaded_at: str
                   ) -> tuple[Rows, list[neo4j.SummaryCounters], summaries.SummaryReport, int]:
    """One batch in one transaction that first takes the writers' lock (graph/turns.py): what
    it reads (stored people, stored articles, summaries) stays true until it commits, whatever
    other loads run at the same time."""
    turns.take(tx)
    ids, merged = resolve.person_ids(tx, good)
    rows = Rows()
    for rec in good:
        record_rows(rec, rows, loaded_at, ids.get(rec["article_id"]))
    written, summary = _write_rows(tx, rows, loaded_at)
    return rows, written, summary, merged
