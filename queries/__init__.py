"""Canned analyst queries: one ``.cypher`` file per question, runnable from Python, the
``geokg query`` command and Neo4j Browser.

>>> from queries import list_queries, run_query_df
>>> [q.name for q in list_queries()]  # doctest: +NORMALIZE_WHITESPACE
['agreements', 'connection', 'country_network', 'dependence_partners', 'evidence', 'meetings',
 'new_ties', 'people', 'timeline', 'top_actors']
>>> run_query_df("dependence_partners", target="CHN")[["actor", "partner", "relations"]].head(3)
  actor partner             relations
0   インド      日本  [AGREED, COOPERATED]
1   インド      米国          [COOPERATED]
2   インド    茂木敏充            [MET_WITH]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from queries.catalog import Param, QueryInfo, list_queries, load_query
from queries.guide import browser_guide, write_browser_guide
from queries.params import coerce_params

if TYPE_CHECKING:
    from queries.run import run_query, run_query_df


def __getattr__(name: str) -> Any:
    """``run_query`` and ``run_query_df`` import the Neo4j driver and pandas; load them when
    first used, so that commands without a database (``geokg extract``) start quickly."""
    if name in ("run_query", "run_query_df"):
        from queries import run

        return getattr(run, name)
    raise AttributeError(f"module 'queries' has no attribute {name!r}")

__all__ = [
    "Param",
    "QueryInfo",
    "browser_guide",
    "coerce_params",
    "list_queries",
    "load_query",
    "run_query",
    "run_query_df",
    "write_browser_guide",
]
