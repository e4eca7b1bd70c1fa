"""A whole graph as a set of lines, to compare two graphs (tests only)."""

from __future__ import annotations

import json

import neo4j


def snapshot(driver: neo4j.Driver, database: str, ignore: tuple[str, ...] = ()) -> tuple[set[str], set[str]]:
    """Every node (labels and properties) and relationship (type, the ids of its ends,
    properties), each as a JSON line; properties named in ``ignore`` (``loaded_at``, the
    system time of a load) are left out."""

    def dump(value: object) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)

    def props(p: dict) -> dict:
        return {k: v for k, v in p.items() if k not in ignore}

    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p", database_=database).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.name, elementId(a)) AS a, type(r) AS t, properties(r) AS p, "
        "coalesce(b.id, b.name, elementId(b)) AS b", database_=database).records
    return ({dump([sorted(r["l"]), props(r["p"])]) for r in nodes},
            {dump([r["a"], r["t"], props(r["p"]), r["b"]]) for r in rels})
