"""Writers take turns: one lock node that every write of the graph takes first.

Neo4j reads at read-committed isolation: two loads that read the same state at the same time
(is this article stored? what does this summary count?) and then write what follows from it
would both create an article's mentions, or both add to a summary's count. A write lock on
one shared node, taken before anything is read, serializes them: the second waits for the
first to commit and then reads what it wrote (Neo4j's manual, "Concurrent data access":
a write lock on a common node serializes the transactions that take it).

Who takes it: every batch transaction of the loader (``graph.writer``), for its whole
transaction, and ``graph.schema.migrate`` for the whole of the migrations it runs (their
statements run in other transactions; a rebuild of the summaries spans many). A second load
starting on a new database therefore waits for the first one's migrations, then finds them
done, instead of rebuilding the summaries under the first one's writes.

The lock is the ``Migration`` node with id 0 (no migration has that id): a node whose label
has a uniqueness constraint, so two loads creating it at once make one, and one that the
checks for an empty database already leave out. Taking it changes nothing stored (a property
set and removed in the same statement).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j

from geokg import vocab

LOCK_ID = 0
LOCK_NAME = "lock: writers take turns (graph/turns.py)"

CONSTRAINT = (f"CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (n:{vocab.safe_identifier(vocab.MIGRATION)}) "
               "REQUIRE n.id IS UNIQUE")
_ENSURE = f"MERGE (l:{vocab.safe_identifier(vocab.MIGRATION)} {{id: $id}}) ON CREATE SET l.name = $name"
# MATCH then SET takes the write lock at once (a MERGE would take a shared lock first, and two
# MERGEs upgrading theirs deadlock); the property set and removed leaves the node as it was.
_TAKE = (f"MATCH (l:{vocab.safe_identifier(vocab.MIGRATION)} {{id: $id}}) SET l.turn = true REMOVE l.turn "
         "RETURN count(l) AS n")


def ensure(driver: neo4j.Driver, database: str) -> None:
    """Create the lock node if absent (after ``CONSTRAINT``, which makes two processes creating
    it at once create one)."""
    driver.execute_query(_ENSURE, id=LOCK_ID, name=LOCK_NAME, database_=database)


def take(tx: neo4j.ManagedTransaction | neo4j.Transaction) -> None:
    """Wait for the lock, then hold it until ``tx`` ends. Call it first in the transaction, as
    ``session.execute_write(lambda tx: (take(tx), write_batch(tx)))`` (``tests/test_turns.py``
    shows a writer waiting on it)."""
    found = tx.run(_TAKE, id=LOCK_ID).single(strict=True)["n"]
    if not found:  # a graph emptied by hand since the migrations ran
        tx.run(_ENSURE, id=LOCK_ID, name=LOCK_NAME).consume()
        tx.run(_TAKE, id=LOCK_ID).consume()


@contextmanager
def held(driver: neo4j.Driver, database: str) -> Iterator[None]:
    """Hold the lock while the block runs (in a transaction of its own that writes nothing,
    rolled back at the end); the block's own transactions must not take it. ``migrate()`` runs
    the migrations inside ``with held(driver, database):``."""
    with driver.session(database=database) as session, session.begin_transaction() as tx:
        take(tx)
        try:
            yield
        finally:
            tx.rollback()
