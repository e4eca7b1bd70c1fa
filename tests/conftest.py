"""Shared fixtures. Tests that need the live server carry the ``neo4j`` marker."""

from __future__ import annotations

from collections.abc import Callable

import neo4j
import pytest


@pytest.fixture
def clean_db(neo4j_driver: neo4j.Driver, wipe_graph: Callable[[neo4j.Driver], None]) -> neo4j.Driver:
    """The driver (the root conftest's ``neo4j_driver``), on a database emptied of nodes and
    relationships (indexes stay), under the root conftest's ``wipe_graph`` rule."""
    wipe_graph(neo4j_driver)
    return neo4j_driver
