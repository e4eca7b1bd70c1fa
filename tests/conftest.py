"""Shared fixtures. Tests that need the live server carry the ``neo4j`` marker."""

from __future__ import annotations

import os
from collections.abc import Iterator

import neo4j
import pytest

from geokg import config, db, neo4j_local
from geokg.errors import GeoKGError


@pytest.fixture(scope="session")
def neo4j_driver() -> Iterator[neo4j.Driver]:
    """A driver for NEO4J_URI's server, or for the local one (started if needed)."""
    try:
        settings = neo4j_local.ensure_running()
        drv = db.driver(settings)
    except GeoKGError as exc:
        pytest.fail(f"no Neo4j for the tests: {exc}", pytrace=False)
    with drv:
        yield drv


@pytest.fixture
def clean_db(neo4j_driver: neo4j.Driver) -> neo4j.Driver:
    """The driver, on a database emptied of nodes and relationships (indexes stay).

    Only the local server is wiped, or another one when GEOKG_TEST_ALLOW_WIPE=1.
    """
    settings = config.neo4j_settings()
    if settings.external and os.environ.get("GEOKG_TEST_ALLOW_WIPE") != "1":
        pytest.skip(f"refusing to wipe {settings.uri}: set GEOKG_TEST_ALLOW_WIPE=1 if it is a scratch server")
    with neo4j_driver.session(database=settings.database) as session:
        # relationships first: a busy node's relationships in one transaction can exceed the memory pool
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return neo4j_driver
