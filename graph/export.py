"""The graph as a networkx MultiDiGraph: from Neo4j (a filter or any Cypher) or straight
from an extraction file, with every property kept.

Nodes are entity ids with their properties (``label``, ``name`` ...); edges are keyed by
event type and carry the event's properties plus ``article_title`` and ``article_url``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import neo4j
import networkx as nx

from geokg import vocab
from graph.rows import agreement_ids

EVENTS_QUERY = """
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) IN $types
  AND ($since IS NULL OR r.date >= $since)
  AND ($until IS NULL OR r.date <= $until)
  AND ($countries IS NULL
       OR any(c IN $countries WHERE c IN [s.iso3, t.iso3]
              OR EXISTS { (s)-[:HOLDS_ROLE|BASED_IN]->(:Country {iso3: c}) }
              OR EXISTS { (t)-[:HOLDS_ROLE|BASED_IN]->(:Country {iso3: c}) }))
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN s, t, type(r) AS type, properties(r) AS props, a.title AS article_title, a.url AS article_url
ORDER BY r.date, r.article_id
"""

EDGE_KEYS = ("uid", "date", "date_precision", "date_inferred", "mode", "plover", "evidence", "trigger", "start", "end",
             "article_id", "loaded_at")

ARTICLE_COUNTS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, COUNT { (:Article)-[:MENTIONS]->(e) } AS articles
"""


def _node_attrs(node: Any) -> dict[str, Any]:
    props = dict(node)
    label = next((lab for lab in node.labels if lab in vocab.ENTITY_LABELS), None)
    props["label"] = label
    return props


def to_networkx(
    driver: neo4j.Driver,
    *,
    database: str = "neo4j",
    since: str | None = None,
    until: str | None = None,
    countries: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    cypher: str | None = None,
    params: dict[str, Any] | None = None,
) -> nx.MultiDiGraph:
    """Read events from Neo4j into a MultiDiGraph.

    With ``cypher``, run that query instead: it must return ``s``, ``t`` (nodes), ``type``,
    ``props`` and optionally ``article_title`` and ``article_url``.

    >>> g = to_networkx(drv, database=database, since="2026-01-01", countries=["JPN"])
    >>> sorted((u, v, d["type"], d["date"]) for u, v, d in g.edges(data=True))  # doctest: +NORMALIZE_WHITESPACE
    [('person:メローニ', 'JPN', 'MET_WITH', '2026-01-17'), ('person:メローニ', 'JPN', 'PROPOSED', '2026-01-17'),
     ('person:メローニ', 'JPN', 'REQUESTED', '2026-01-17')]
    """
    chosen = [vocab.safe_identifier(t) for t in (types or vocab.EVENT_TYPES)]
    query = cypher or EVENTS_QUERY
    args = params or {
        "types": chosen, "since": since, "until": until,
        "countries": [c.upper() for c in countries] if countries else None,
    }
    g = nx.MultiDiGraph()
    records, _, _ = driver.execute_query(query, args, database_=database, routing_=neo4j.RoutingControl.READ)
    for rec in records:
        s, t = rec["s"], rec["t"]
        g.add_node(s["id"], **_node_attrs(s))
        g.add_node(t["id"], **_node_attrs(t))
        data = dict.fromkeys(EDGE_KEYS)  # Neo4j drops null properties; the graph keeps every key
        data.update(rec["props"])
        data["type"] = rec["type"]
        data["article_title"] = rec.get("article_title")
        data["article_url"] = rec.get("article_url")
        g.add_edge(s["id"], t["id"], key=f"{rec['type']}|{data.get('article_id')}", **data)
    if g.number_of_nodes():
        counts, _, _ = driver.execute_query(ARTICLE_COUNTS, ids=list(g.nodes), database_=database,
                                            routing_=neo4j.RoutingControl.READ)
        for r in counts:
            g.nodes[r["id"]]["articles"] = r["articles"]
    return g


def from_extractions(records: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    """Build the same graph from extraction records (no database): entities are merged
    across articles by id, as the loader does (people by id only).

    >>> from loaders.pipeline import extract_inputs
    >>> g = from_extractions(x.to_json() for x in extract_inputs(["seeds/000_55682db804c659e6.txt"]))
    >>> g.nodes["JPN"]["label"], g.number_of_edges()
    ('Country', 34)
    """
    g = nx.MultiDiGraph()
    for rec in records:
        ids = agreement_ids(rec)
        for e in rec.get("entities", []):
            gid = ids.get(e["id"], e["id"])
            attrs = {k: v for k, v in e.items() if k not in ("id", "surfaces", "count")}
            if gid in g:
                g.nodes[gid]["articles"] = g.nodes[gid].get("articles", 1) + 1
                known = set(g.nodes[gid].get("aliases") or [])
                g.nodes[gid]["aliases"] = sorted(known | set(attrs.get("aliases") or []))
            else:
                g.add_node(gid, **attrs, articles=1)
        for ev in rec.get("events", []):
            s, t = ids.get(ev["source"], ev["source"]), ids.get(ev["target"], ev["target"])
            data = {k: v for k, v in ev.items() if k not in ("source", "target")}
            data.update(article_id=rec["article_id"], article_title=rec.get("title") or "",
                        article_url=rec.get("url"))
            g.add_edge(s, t, key=f"{ev['type']}|{rec['article_id']}", **data)
    return g
