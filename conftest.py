"""The docstrings' examples (pytest --doctest-modules) that need Neo4j run against the test server
with the seed loaded: ``drv`` is a driver for it and ``database`` its database.
They carry the ``neo4j`` marker, as the tests that need the server do (tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from _pytest.doctest import DoctestItem

ROOT = Path(__file__).resolve().parent

# the examples that read or write the graph
NEO4J_DOCTESTS = {
    "geokg.db.driver", "geokg.db.session", "geokg.neo4j_local.start", "geokg.neo4j_local.ensure_running",
    "graph.export.to_networkx", "graph.plots.timeline_plot", "graph.rebuild.rebuild", "graph.schema.migrate",
    "graph.tables.from_neo4j", "graph.verify", "graph.writer.load_records", "queries", "queries.run.run_query",
    "queries.run.run_query_df",
}
# the ones about the local server itself (NEO4J_URI's server is not geokg's to start)
LOCAL_SERVER_DOCTESTS = {"geokg.neo4j_local.start", "geokg.neo4j_local.ensure_running"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if isinstance(item, DoctestItem) and item.name in NEO4J_DOCTESTS:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def doctest_graph() -> Iterator[tuple[neo4j.Driver, str]]:
    """A driver for the test server, on a database holding the seed and nothing else."""
    from geokg import config, db, neo4j_local
    from geokg.errors import GeoKGError
    from graph.writer import load_records
    from loaders.pipeline import extract_inputs

    try:
        settings = neo4j_local.ensure_running()
        drv = db.driver(settings)
    except GeoKGError as exc:
        pytest.fail(f"no Neo4j for the doctests: {exc}", pytrace=False)
    with drv:
        if config.neo4j_settings().external and os.environ.get("GEOKG_TEST_ALLOW_WIPE") != "1":
            pytest.skip(f"refusing to wipe {settings.uri}: set GEOKG_TEST_ALLOW_WIPE=1 if it is a scratch server")
        with drv.session(database=settings.database) as session:
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        load_records(drv, (x.to_json() for x in extract_inputs([ROOT / "seeds"])), database=settings.database)
        yield drv, settings.database


@pytest.fixture(autouse=True)
def _doctest_graph_globals(request: pytest.FixtureRequest) -> None:
    item = request.node
    if not isinstance(item, DoctestItem) or item.name not in NEO4J_DOCTESTS:
        return
    from geokg import config

    if item.name in LOCAL_SERVER_DOCTESTS and config.neo4j_settings().external:
        pytest.skip("about the local server, and NEO4J_URI names another")
    drv, database = request.getfixturevalue("doctest_graph")
    request.getfixturevalue("doctest_namespace").update(drv=drv, database=database)
    # the examples read paths such as "seeds" from the project's root
    request.getfixturevalue("monkeypatch").chdir(ROOT)
