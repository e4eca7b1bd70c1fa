"""The docstrings' examples (pytest --doctest-modules) that need Neo4j run against the test server
with the seed loaded: ``drv`` is a driver for it and ``database`` its database.
They carry the ``neo4j`` marker, as the tests that need the server do (tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
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
def neo4j_driver() -> Iterator[neo4j.Driver]:
    """A driver for NEO4J_URI's server, or for the local one (started if needed)."""
    from geokg import db, neo4j_local
    from geokg.errors import GeoKGError

    try:
        settings = neo4j_local.ensure_running()
        drv = db.driver(settings)
    except GeoKGError as exc:
        pytest.fail(f"no Neo4j for the tests: {exc}", pytrace=False)
    with drv:
        yield drv


@pytest.fixture(scope="session")
def wipe_graph() -> Callable[[neo4j.Driver], None]:
    """Empties the test database (indexes stay). Only the local server is wiped, or another one
    when GEOKG_TEST_ALLOW_WIPE=1; otherwise the test asking is skipped."""
    from geokg import config

    def wipe(driver: neo4j.Driver) -> None:
        settings = config.neo4j_settings()
        if settings.external and os.environ.get("GEOKG_TEST_ALLOW_WIPE") != "1":
            pytest.skip(f"refusing to wipe {settings.uri}: set GEOKG_TEST_ALLOW_WIPE=1 if it is a scratch server")
        with driver.session(database=settings.database) as session:
            # relationships first: a busy node's relationships in one transaction can exceed the memory pool
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    return wipe


@pytest.fixture(scope="session")
def doctest_graph(neo4j_driver: neo4j.Driver,
                  wipe_graph: Callable[[neo4j.Driver], None]) -> tuple[neo4j.Driver, str]:
    """A driver for the test server, on a database holding the seed and nothing else."""
    from geokg import config
    from graph.writer import load_records
    from loaders.pipeline import extract_inputs

    database = config.neo4j_settings().database
    wipe_graph(neo4j_driver)
    load_records(neo4j_driver, (x.to_json() for x in extract_inputs([ROOT / "seeds"])), database=database)
    return neo4j_driver, database


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
