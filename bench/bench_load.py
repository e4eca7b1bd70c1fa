"""Load throughput: our idempotent MERGE writer next to a plain UNWIND ... CREATE of the
same rows on the same server, in one run.

    python bench/bench_load.py [--copies 150]

Duplicates the seed's extraction under new article ids ``bench:...`` (20 articles x
copies), loads it, and prints edges written per second for both and their ratio (target:
the writer at least half as fast as plain CREATE). Afterwards it removes what it added:
its articles, its edges, and entities no other article mentions; the rest of the graph
is left as it was.
"""

from __future__ import annotations

import argparse
import copy
import time

from geokg import db, neo4j_local
from graph.rows import Rows, record_rows
from graph.writer import load_records, now_utc
from loaders.pipeline import extract_inputs

# The baseline writes the same rows with plain CREATE into scratch labels (so it cannot
# collide with the real graph's uniqueness constraints), with an index on the lookup key as
# the real labels have. Benchmark scaffolding only: the product never writes these labels.
PLAIN_SETUP = ["CREATE INDEX bench_node_id IF NOT EXISTS FOR (n:BenchNode) ON (n.id)"]
PLAIN_NODES = "UNWIND $rows AS row CREATE (n:BenchNode {id: row.id}) SET n += row.props"
PLAIN_RELS = """
UNWIND $rows AS row
MATCH (s:BenchNode {id: row.source}), (t:BenchNode {id: row.target})
CREATE (s)-[r:BENCH_REL]->(t)
SET r += row.props
"""
PLAIN_CLEANUP = "MATCH (n:BenchNode) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def plain_rows(recs: list[dict]) -> tuple[list[dict], list[dict], int]:
    """Nodes (articles, entities once each) and relationships (mentions, events, roles)."""
    rows = Rows()
    for rec in recs:
        record_rows(rec, rows, now_utc())
    nodes = [{"id": a["id"], "props": a["props"]} for a in rows.articles]
    nodes += [{"id": e["id"], "props": {k: v for k, v in e["props"].items() if v is not None}}
              for ents in rows.entities.values() for e in ents]
    seen = {n["id"] for n in nodes}
    rels = [{"source": m["article"], "target": m["entity"], "props": {"count": m["count"]}} for m in rows.mentions]
    events = [{"source": e["source"], "target": e["target"],
               "props": {k: v for k, v in e["props"].items() if v is not None} | {"article_id": e["article_id"]}}
              for evs in rows.events.values() for e in evs]
    rels += events
    rels += [{"source": r["person"], "target": r["target"], "props": {"title": r["title"]}} for r in rows.roles
             if r["target"] in seen]
    return nodes, rels, len(events)


def write_plain(drv, database: str, nodes: list[dict], rels: list[dict], batch: int) -> None:  # type: ignore[no-untyped-def]
    with drv.session(database=database) as session:
        for stmt in PLAIN_SETUP:
            session.run(stmt).consume()
        session.run("CALL db.awaitIndexes()").consume()
        for query, data in ((PLAIN_NODES, nodes), (PLAIN_RELS, rels)):
            for i in range(0, len(data), batch):
                session.execute_write(lambda tx, q, d: tx.run(q, rows=d).consume(), query, data[i : i + batch])


def records(copies: int) -> list[dict]:
    base = [x.to_json() for x in extract_inputs(["seeds"])]
    out = []
    for i in range(copies):
        for rec in base:
            r = copy.deepcopy(rec)
            r["article_id"] = f"bench:{i}:{rec['article_id']}"
            out.append(r)
    return out


def cleanup(drv, database: str) -> None:  # type: ignore[no-untyped-def]
    """Remove the benchmark's articles and edges, then entities nothing mentions any more."""
    with drv.session(database=database) as session:
        session.run("""MATCH ()-[r]->() WHERE r.article_id STARTS WITH 'bench:'
                       CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS""").consume()
        session.run("""MATCH (a:Article) WHERE a.id STARTS WITH 'bench:'
                       CALL (a) { DETACH DELETE a } IN TRANSACTIONS OF 10000 ROWS""").consume()
        session.run("""MATCH (e:Entity) WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
                       DETACH DELETE e""").consume()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=150)
    args = ap.parse_args()
    settings = neo4j_local.ensure_running()
    recs = records(args.copies)
    with db.driver(settings) as drv:
        cleanup(drv, settings.database)
        # warm up both paths (query plans, page cache) on one copy, untimed
        load_records(drv, recs[:20], database=settings.database)
        cleanup(drv, settings.database)
        t0 = time.perf_counter()
        report = load_records(drv, recs, database=settings.database)
        ours = time.perf_counter() - t0
        edges = report.events_written

        # the same rows, written with plain CREATE
        nodes, rels, _ = plain_rows(recs)
        with drv.session(database=settings.database) as session:
            session.run(PLAIN_CLEANUP).consume()
        write_plain(drv, settings.database, nodes[:200], rels[:400], 500)  # warm-up
        with drv.session(database=settings.database) as session:
            session.run(PLAIN_CLEANUP).consume()
        t0 = time.perf_counter()
        write_plain(drv, settings.database, nodes, rels, 1000)
        plain = time.perf_counter() - t0
        cleanup(drv, settings.database)
        with drv.session(database=settings.database) as session:
            session.run(PLAIN_CLEANUP).consume()
            session.run("DROP INDEX bench_node_id IF EXISTS").consume()
    print(f"{len(recs)} articles, {edges} event edges (plus articles, entities, mentions, roles)")
    print(f"geokg writer (MERGE, idempotent):  {edges / ours:9.0f} edges/s  ({ours:.2f} s)")
    print(f"plain UNWIND CREATE, same rows:    {edges / plain:9.0f} edges/s  ({plain:.2f} s)")
    ratio = (edges / ours) / (edges / plain)
    print(f"writer / plain throughput ratio: {ratio:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
