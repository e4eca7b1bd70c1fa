"""Connections to the graph: a verified driver for the server the settings name.

The settings carry the credentials: NEO4J_URI's from the environment, the local server's from
``geokg.neo4j_local.ensure_running()`` (which starts it and reads its password); this module
knows nothing of how the local server is run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError

from geokg import config
from geokg.errors import Neo4jUnavailable


def _hint(settings: config.Neo4jSettings) -> str:
    if settings.external:
        return "check NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD"
    return "start it with `geokg neo4j start`"


def driver(settings: config.Neo4jSettings | None = None) -> neo4j.Driver:
    """A driver whose server has answered; the caller closes it.

    >>> from geokg import neo4j_local
    >>> with driver(neo4j_local.ensure_running()) as drv:
    ...     drv.execute_query("RETURN 1 AS one").records[0]["one"]
    1
    """
    settings = settings or config.neo4j_settings()
    password = settings.password
    if password is None and not settings.external:
        raise Neo4jUnavailable(
            f"no password for the local Neo4j at {settings.uri} in these settings: take them from "
            "geokg.neo4j_local.ensure_running(), which starts the server and reads its password"
        )
    auth = None if password is None else (settings.username, password)
    try:
        # the server's "unknown label" hints on an empty database are noise for analysts
        drv = neo4j.GraphDatabase.driver(settings.uri, auth=auth, notifications_min_severity="OFF")
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"cannot use {settings.uri}: {exc}; {_hint(settings)}") from None
    try:
        drv.verify_connectivity()
    except AuthError as exc:
        drv.close()
        raise Neo4jUnavailable(
            f"Neo4j at {settings.uri} refused the credentials of user {settings.username}: "
            f"{exc.message}; {_hint(settings)}"
        ) from None
    except (DriverError, Neo4jError, OSError) as exc:
        drv.close()
        raise Neo4jUnavailable(
            f"Neo4j is not reachable at {settings.uri} ({exc}): {_hint(settings)}"
        ) from None
    return drv


@contextmanager
def session(settings: config.Neo4jSettings | None = None) -> Iterator[neo4j.Session]:
    """A session on the configured database, with its own driver closed afterwards.

    >>> from geokg import neo4j_local
    >>> with session(neo4j_local.ensure_running()) as s:  # the seed's articles
    ...     s.run("MATCH (a:Article) RETURN count(a) AS n").single()["n"]
    20
    """
    settings = settings or config.neo4j_settings()
    with driver(settings) as drv, drv.session(database=settings.database) as s:
        yield s
