"""Running a canned query against Neo4j: rows as dicts, or a pandas DataFrame for notebooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from geokg import config, db, neo4j_local
from geokg.errors import Neo4jUnavailable, QueryError
from queries.catalog import load_query
from queries.params import complete

if TYPE_CHECKING:
    import pandas


def execute(
    name: str, driver: neo4j.Driver | None = None, database: str | None = None, **params: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run query ``name``; return its column names (in RETURN order) and its rows.

    Without a driver, connect to the configured server (starting the local one if needed)
    and close the connection afterwards.
    """
    info = load_query(name)
    values = complete(info, params)
    if driver is None:
        settings = neo4j_local.ensure_running()
        with db.driver(settings) as own:
            return _execute(info.name, info.cypher, values, own, database or settings.database)
    return _execute(info.name, info.cypher, values, driver, database or config.neo4j_settings().database)


def _execute(
    name: str, cypher: str, values: dict[str, Any], driver: neo4j.Driver, database: str
) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        records, _summary, keys = driver.execute_query(
            cypher, values, database_=database, routing_=neo4j.RoutingControl.READ
        )
    except Neo4jError as exc:
        raise QueryError(f"query {name} failed in Neo4j: {exc.message or exc}") from None
    except (DriverError, OSError) as exc:
        raise Neo4jUnavailable(f"query {name}: Neo4j did not answer ({exc}); check `geokg neo4j status`") from None
    return list(keys), [dict(zip(keys, record.values(), strict=True)) for record in records]


def run_query(name: str, driver: neo4j.Driver | None = None, database: str | None = None,
              **params: Any) -> list[dict[str, Any]]:
    """Run a canned query; parameters left out take their defaults.

    >>> run_query("meetings", since="2026-01-13", until="2026-01-13")[0]["side_a"]
    'ルビオ'
    """
    return execute(name, driver, database, **params)[1]


def run_query_df(name: str, driver: neo4j.Driver | None = None, database: str | None = None,
                 **params: Any) -> pandas.DataFrame:
    """Run a canned query into a DataFrame whose columns follow its RETURN clause (also when
    there are no rows).

    >>> run_query_df("top_actors", limit=3)[["actor", "events"]]
      actor  events
    0    日本      10
    1    中国       6
    2   インド       5
    """
    import pandas

    keys, rows = execute(name, driver, database, **params)
    return pandas.DataFrame([[row[k] for k in keys] for row in rows], columns=keys)
