"""The summaries a graph should hold, recomputed from its per-article edges in one pass, next
to the ones it holds: equal when the loader kept them right (tests and ``bench/`` use this).

    >>> expected(drv, database) == stored(drv, database)
    True
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import neo4j

from geokg import vocab
from graph.summaries import pair_key, tie_key
from graph.ties import DateCounts, Tie, contact, country_keys

_ENTITIES = """
MATCH (e:Entity)
RETURN e.id AS id, e:Agreement AS agreement,
       COLLECT { MATCH (e)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) WITH DISTINCT c.iso3 AS c RETURN c ORDER BY c }
       AS countries
"""
_EDGES = """
MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) IN $types
RETURN type(r) AS type, s.id AS s, t.id AS t, r.date AS date, r.article_id AS article, r.evidence AS evidence
"""
_ACTS = """
MATCH (a:Article)-[m:MENTIONS]->(g:Agreement)
RETURN a.id + '|' + g.id AS key, m.act_date AS stored,
       COLLECT { MATCH (:Entity)-[r:SIGNED|PROPOSED]->(g) WHERE r.article_id = a.id AND r.date IS NOT NULL
                 RETURN r.date ORDER BY r.date LIMIT 1 } AS dates
"""
_STORED = "MATCH ()-[x:%s]->() RETURN x.key AS key, properties(x) AS props"
_NODES = "MATCH (e:Entity) RETURN e.id AS id, e.countries AS countries, e.event_count AS events"


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and k != "key"}


def expected(driver: neo4j.Driver, database: str) -> dict[str, Any]:
    """Every summary recomputed from the edges: {summary type: {key: properties}}."""
    ents = {r["id"]: (list(r["countries"]), r["agreement"]) for r in driver.execute_query(
        _ENTITIES, database_=database, routing_=neo4j.RoutingControl.READ).records}
    ties: dict[str, Tie] = defaultdict(Tie)
    meta: dict[str, tuple[str, str, str]] = {}
    edges = driver.execute_query(_EDGES, types=list(vocab.EVENT_TYPES), database_=database).records
    activity: dict[str, DateCounts] = defaultdict(DateCounts)
    countries: dict[str, DateCounts] = defaultdict(DateCounts)
    into: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))  # agreement -> signer -> edges
    for r in edges:
        etype, s, t = r["type"], r["s"], r["t"]
        k = tie_key(etype, s, t)
        ties[k].add_edge(r["date"], r["article"], r["evidence"] or "")
        meta[k] = (etype, s, t)
        for e in {s, t}:
            if not ents[e][1]:
                activity[f"{etype}|{e}"].add(r["date"])
        if etype != vocab.SIGNED and not ents[s][1] and not ents[t][1]:
            for a, b, ty in country_keys(etype, ents[s][0], ents[t][0]):
                countries[tie_key(ty, a, b)].add(r["date"])
        if etype == vocab.SIGNED and ents[t][1]:
            into[t][s].append(r)

    cosigned: dict[str, tuple[Tie, DateCounts]] = defaultdict(lambda: (Tie(), DateCounts()))
    for signers in into.values():
        for a, b in combinations(sorted(signers), 2):
            tie, counts = cosigned[pair_key(a, b)]
            for r in signers[a] + signers[b]:
                tie.add_edge(r["date"], r["article"], r["evidence"] or "")
                counts.add(r["date"])
    for k, (_, counts) in cosigned.items():
        a, b = k.split("|", 1)
        for ca, cb, ty in country_keys(vocab.SIGNED, ents[a][0], ents[b][0]):
            countries[tie_key(ty, ca, cb)].merge(counts)

    direct: dict[str, list[tuple[str, Tie]]] = defaultdict(list)
    for k, (etype, s, t) in meta.items():
        direct[pair_key(s, t)].append((etype, ties[k]))
    contacts = {}
    for k in set(direct) | set(cosigned):
        props = contact(direct.get(k, []), cosigned[k][0] if k in cosigned else None)
        if props is not None:
            contacts[k] = _clean(props)

    events: dict[str, int] = defaultdict(int)
    for k, counts in activity.items():
        events[k.split("|", 1)[1]] += counts.total
    acts = driver.execute_query(_ACTS, database_=database).records
    return {
        vocab.TIE: {k: _clean({**t.props(), "type": meta[k][0]}) for k, t in ties.items()},
        vocab.COSIGNED: {k: _clean({**c.props(), **t.props()}) for k, (t, c) in cosigned.items()},
        vocab.CONTACT: contacts,
        vocab.COUNTRY_TIE: {k: _clean({**c.props(), "type": k.split("|", 1)[0]}) for k, c in countries.items()
                            if c.total},
        vocab.ACTIVITY: {k: _clean({**c.props(), "type": k.split("|", 1)[0]}) for k, c in activity.items()},
        "countries": {e: c for e, (c, _) in ents.items()},
        "event_count": {e: n for e, n in events.items() if n},
        "act_date": {r["key"]: (r["dates"] or [None])[0] for r in acts},
    }


def stored(driver: neo4j.Driver, database: str) -> dict[str, Any]:
    """The summaries the graph holds, in the form of ``expected``."""
    out: dict[str, Any] = {}
    for rel in vocab.SUMMARY_TYPES:
        out[rel] = {r["key"]: _clean(r["props"]) for r in driver.execute_query(
            _STORED % vocab.safe_identifier(rel), database_=database).records}
    nodes = driver.execute_query(_NODES, database_=database).records
    out["countries"] = {r["id"]: list(r["countries"]) if r["countries"] is not None else None for r in nodes}
    out["event_count"] = {r["id"]: r["events"] for r in nodes if r["events"]}
    out["act_date"] = {r["key"]: r["stored"] for r in driver.execute_query(_ACTS, database_=database).records}
    return out


def differences(driver: neo4j.Driver, database: str, limit: int = 5) -> list[str]:
    """Where the stored summaries differ from the recomputed ones (at most ``limit`` per kind)."""
    want, have = expected(driver, database), stored(driver, database)
    out = []
    for kind in want:
        keys = sorted(set(want[kind]) | set(have[kind]), key=str)
        bad = [k for k in keys if want[kind].get(k) != have[kind].get(k)]
        out += [f"{kind} {k}: expected {want[kind].get(k)!r}, stored {have[kind].get(k)!r}" for k in bad[:limit]]
    return out
