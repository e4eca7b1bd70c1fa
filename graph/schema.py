"""The Neo4j schema as numbered migrations; each runs once and is recorded in the graph.

Every statement is ``IF NOT EXISTS`` so a migration interrupted half-way can run again.
Add a migration by appending to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import neo4j
from neo4j.exceptions import ClientError

from geokg import vocab
from graph import turns
from graph.rebuild import rebuild

_EVENT_DATE_INDEXES = [
    f"CREATE INDEX {t.lower()}_date IF NOT EXISTS FOR ()-[r:{vocab.safe_identifier(t)}]-() ON (r.date)"
    for t in vocab.EVENT_TYPES
]
_EVENT_ARTICLE_INDEXES = [
    f"CREATE INDEX {t.lower()}_article IF NOT EXISTS FOR ()-[r:{vocab.safe_identifier(t)}]-() ON (r.article_id)"
    for t in vocab.EVENT_TYPES
]

_EVENT_KEY_BACKFILL = [
    f"MATCH (s)-[r:{vocab.safe_identifier(t)}]->(o) WHERE r.uid IS NULL "
    "SET r.uid = type(r) + '|' + r.article_id + '|' + s.id + '|' + o.id"
    for t in vocab.EVENT_TYPES
]
_EVENT_KEY_CONSTRAINTS = [
    f"CREATE CONSTRAINT {t.lower()}_uid IF NOT EXISTS FOR ()-[r:{vocab.safe_identifier(t)}]-() REQUIRE r.uid IS UNIQUE"
    for t in vocab.EVENT_TYPES
]

_SUMMARY_KEYS = [
    f"CREATE CONSTRAINT {t.lower()}_key IF NOT EXISTS FOR ()-[r:{vocab.safe_identifier(t)}]-() REQUIRE r.key IS UNIQUE"
    for t in vocab.SUMMARY_TYPES
]

# Year buckets next to the month buckets of every summary that counts events by date, and each
# month's first and last date (graph/ties.py): computed in place from the month and date lists,
# so a graph of any size is upgraded without reading its event edges again.
_YEAR_BUCKETS = f"""
MATCH ()-[x:{"|".join(vocab.safe_identifier(t) for t in vocab.SUMMARY_TYPES)}]->()
WHERE x.months IS NOT NULL AND x.years IS NULL
CALL (x) {{
  WITH x, [i IN range(0, size(x.months) - 1) WHERE i = 0 OR left(x.months[i], 4) <> left(x.months[i - 1], 4)]
          AS starts
  WITH x, starts, starts + [size(x.months)] AS bounds
  SET x.years = [i IN starts | left(x.months[i], 4)],
      x.year_counts = [k IN range(0, size(starts) - 1) |
                       reduce(n = 0, j IN range(bounds[k], bounds[k + 1] - 1) | n + x.month_counts[j])],
      x.year_start = bounds,
      x.month_first = [i IN range(0, size(x.months) - 1) | x.dates[x.month_start[i]]],
      x.month_last = [i IN range(0, size(x.months) - 1) | x.dates[x.month_start[i + 1] - 1]]
}} IN TRANSACTIONS OF 10000 ROWS
"""

# A step is a Cypher statement, or a function given the driver and the database.
Step = str | Callable[[neo4j.Driver, str], object]

MIGRATIONS: list[tuple[int, str, list[Step]]] = [
    (1, "uniqueness of natural keys", [
        "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT country_iso3 IF NOT EXISTS FOR (n:Country) REQUIRE n.iso3 IS UNIQUE",
        "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (n:Agreement) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (n:Migration) REQUIRE n.id IS UNIQUE",
    ]),
    (2, "indexes the canned queries filter on", [
        "CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
        "CREATE INDEX article_reference_date IF NOT EXISTS FOR (n:Article) ON (n.reference_date)",
        "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
        "CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name)",
        *_EVENT_DATE_INDEXES,
        *_EVENT_ARTICLE_INDEXES,
    ]),
    (3, "one event edge per (type, article, source, target), found by its key", [
        *_EVENT_KEY_BACKFILL,
        *_EVENT_KEY_CONSTRAINTS,
    ]),
    (4, "summaries the canned queries read (graph/summaries.py), built from the event edges", [
        *_SUMMARY_KEYS,
        "CREATE INDEX contact_first_date IF NOT EXISTS FOR ()-[r:CONTACT]-() ON (r.first_date)",
        "CREATE INDEX country_tie_count IF NOT EXISTS FOR ()-[r:COUNTRY_TIE]-() ON (r.count)",
        "CREATE INDEX entity_event_count IF NOT EXISTS FOR (n:Entity) ON (n.event_count)",
        "CREATE INDEX mentions_act_date IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.act_date)",
        "CREATE TEXT INDEX person_name_text IF NOT EXISTS FOR (n:Person) ON (n.name)",
        # the canned queries find a name among ids, ISO3 codes, names, English names and aliases
        "CREATE INDEX entity_iso3 IF NOT EXISTS FOR (n:Entity) ON (n.iso3)",
        "CREATE INDEX entity_name_en IF NOT EXISTS FOR (n:Entity) ON (n.name_en)",
        "CREATE TEXT INDEX entity_alias_key IF NOT EXISTS FOR (n:Entity) ON (n.alias_key)",
        "MATCH (n:Entity) CALL (n) {"
        " SET n.alias_key = '|' + reduce(acc = '', x IN coalesce(n.aliases, []) | acc + x + '|')"
        " } IN TRANSACTIONS OF 10000 ROWS",
        "CALL db.awaitIndexes(300)",
        rebuild,
    ]),
    (5, "year buckets and each month's first and last date in the summaries' date lists", [
        _YEAR_BUCKETS,
    ]),
]


#: What a second load creating the same index or constraint at the same moment gets, IF NOT
#: EXISTS notwithstanding: the rule is there, which is all the statement asked for.
_ALREADY_THERE = frozenset({
    "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
    "Neo.ClientError.Schema.IndexAlreadyExists",
    "Neo.ClientError.Schema.ConstraintAlreadyExists",
})


def _apply(driver: neo4j.Driver, statement: str, database: str) -> None:
    try:
        if "IN TRANSACTIONS" in statement:  # batches commit themselves: an auto-commit query
            with driver.session(database=database) as session:
                session.run(statement).consume()
        else:
            driver.execute_query(statement, database_=database)
    except ClientError as exc:
        if exc.code not in _ALREADY_THERE:
            raise


def migrate(driver: neo4j.Driver, database: str) -> list[int]:
    """Apply the migrations not yet recorded; return the ids applied now.

    >>> migrate(drv, database)  # a database the loader has used: nothing left to apply
    []
    """
    # Each statement is its own retried transaction (execute_query): two loads starting at once
    # on a new database both apply the migrations, and their schema locks can deadlock, which
    # Neo4j reports as a transient error to retry. Every statement is safe to run twice.
    # The migrations run holding the writers' lock (graph/turns.py): a second load waits for
    # them, then finds them done; no load writes while the summaries are rebuilt.
    _apply(driver, turns.CONSTRAINT, database)
    turns.ensure(driver, database)
    if all(mid in _done(driver, database) for mid, _, _ in MIGRATIONS):
        return []
    applied = []
    with turns.held(driver, database):
        done = _done(driver, database)  # what a load we waited for applied
        for mid, name, statements in MIGRATIONS:
            if mid in done:
                continue
            for stmt in statements:
                if callable(stmt):  # a rebuild written in Python (migration 4's summaries)
                    stmt(driver, database)
                else:
                    _apply(driver, stmt, database)
            driver.execute_query(
                "MERGE (m:Migration {id: $id}) ON CREATE SET m.name = $name, m.applied_at = $at",
                {"id": mid, "name": name, "at": datetime.now(UTC).isoformat(timespec="seconds")},
                database_=database,
            )
            applied.append(mid)
    return applied


def _done(driver: neo4j.Driver, database: str) -> set[int]:
    return {r["id"] for r in driver.execute_query("MATCH (m:Migration) WHERE m.id > $lock RETURN m.id AS id",
                                                  lock=turns.LOCK_ID, database_=database).records}
