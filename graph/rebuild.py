"""Build the summaries of a graph from its per-article edges, in place (migration 4).

A graph loaded before the summaries existed gains them here; the same code as the loader's
does the counting (``graph.summaries.update``, fed every stored edge as new), so a migrated
graph and a graph loaded afresh hold the same summaries. Safe to run again: it first removes
whatever summaries an interrupted run left.
"""

from __future__ import annotations

from itertools import islice

import neo4j

from geokg import vocab
from graph import summaries
from graph.ties import EdgeChange

_DROP = "MATCH ()-[x:%s]->() CALL (x) { DELETE x } IN TRANSACTIONS OF 10000 ROWS"
_UNCOUNT = """
MATCH (e:Entity) WHERE e.event_count IS NOT NULL
CALL (e) { REMOVE e.event_count } IN TRANSACTIONS OF 10000 ROWS
"""
_COUNTRIES = """
MATCH (e:Entity)
CALL (e) {
  SET e.countries = COLLECT { MATCH (e)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) WITH DISTINCT c.iso3 AS c
                              RETURN c ORDER BY c }
} IN TRANSACTIONS OF 5000 ROWS
"""
_ACT_DATES = """
MATCH (a:Article)-[m:MENTIONS]->(g:Agreement)
CALL (a, m, g) {
  SET m.act_date = COLLECT { MATCH (:Entity)-[r:SIGNED|PROPOSED]->(g) WHERE r.article_id = a.id AND r.date IS NOT NULL
                             RETURN r.date ORDER BY r.date LIMIT 1 }[0]
} IN TRANSACTIONS OF 5000 ROWS
"""
_EDGES = """
MATCH (s:Entity)-[r:%s]->(t:Entity)
RETURN s.id AS s, t.id AS t, r.article_id AS a, r.date AS d, r.evidence AS e
"""


def rebuild(driver: neo4j.Driver, database: str, chunk: int = 20000) -> int:
    """Remove and rebuild every summary; return the number of event edges counted.

    >>> rebuild(drv, database)  # the seed's 34 events
    34
    """
    with driver.session(database=database) as session:
        for rel in vocab.SUMMARY_TYPES:
            session.run(_DROP % vocab.safe_identifier(rel)).consume()
        session.run(_UNCOUNT).consume()
        session.run(_COUNTRIES).consume()
        session.run(_ACT_DATES).consume()
    edges = 0
    for etype in vocab.EVENT_TYPES:
        with driver.session(database=database) as reader, driver.session(database=database) as writer:
            result = iter(reader.run(_EDGES % vocab.safe_identifier(etype)))
            while batch := list(islice(result, chunk)):
                changes = [EdgeChange(etype, r["s"], r["t"], r["a"], None, (r["d"], r["e"] or "")) for r in batch]
                writer.execute_write(summaries.update, changes)
                edges += len(changes)
    return edges
