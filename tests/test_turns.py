"""Writers take turns (graph/turns.py): the migrations hold the lock while they run, a batch
waits for it, and loads running at once in one process give the graph of one load, summaries
included. (Two processes starting on a new database: tests/test_server_faults.py.)"""

from __future__ import annotations

import threading
from typing import Any

import graphdump
import neo4j
import pytest

from bench.corpus import write
from geokg import config
from graph import turns, verify
from graph.schema import migrate
from graph.writer import load_records
from loaders.pipeline import extract_inputs

pytestmark = pytest.mark.neo4j
DB = config.neo4j_settings().database


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    write(path, 120, seed=5)
    return [x.to_json() for x in extract_inputs([path])]


def _lock_node(driver: neo4j.Driver) -> list[dict[str, Any]]:
    return [r["p"] for r in driver.execute_query("MATCH (l:Migration {id: $id}) RETURN properties(l) AS p",
                                                 id=turns.LOCK_ID, database_=DB).records]


def test_a_writer_waits_while_the_lock_is_held(clean_db: neo4j.Driver) -> None:
    migrate(clean_db, DB)
    before = _lock_node(clean_db)
    assert before == [{"id": turns.LOCK_ID, "name": turns.LOCK_NAME}]
    with turns.held(clean_db, DB), clean_db.session(database=DB) as session:
        tx = session.begin_transaction(timeout=1.5)
        with pytest.raises(neo4j.exceptions.ClientError) as waited:
            turns.take(tx)
        # stopped by its timeout while waiting for the lock
        assert waited.value.code == "Neo.ClientError.Transaction.LockClientStopped"
    with clean_db.session(database=DB) as session:  # free again, and taking it changed nothing
        session.execute_write(turns.take)
    assert _lock_node(clean_db) == before


def _graph(driver: neo4j.Driver) -> tuple[set[str], set[str], int, int]:
    """The graph less system times, with its counts (a set would hide a duplicate)."""
    nodes, rels = graphdump.snapshot(driver, DB, ignore=("loaded_at", "applied_at"))
    counts = driver.execute_query("RETURN count{ () } AS n, count{ ()-[]->() } AS r", database_=DB).records[0]
    return nodes, rels, counts["n"], counts["r"]


def test_loads_at_once_give_the_graph_of_one_load(clean_db: neo4j.Driver, records: list[dict[str, Any]]) -> None:
    load_records(clean_db, records, database=DB, batch_size=10)
    one = _graph(clean_db)
    assert verify.differences(clean_db, DB) == []

    clean_db.execute_query("MATCH ()-[r]->() DELETE r", database_=DB)
    clean_db.execute_query("MATCH (n) WHERE NOT n:Migration DELETE n", database_=DB)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            load_records(clean_db, records, database=DB, batch_size=10)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _graph(clean_db) == one
    assert verify.differences(clean_db, DB) == []
