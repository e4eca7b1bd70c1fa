"""Scale in one run, on a generated corpus (bench/corpus.py): extraction on 1 and on N workers,
loading, the canned queries' latency, and peak memory.

    python bench/bench_scale.py --articles 10000          # make bench runs 10k
    nice -n 10 python bench/bench_scale.py --articles 100000

Loads into a local server of its own (a temporary GEOKG_HOME on free ports, stopped at the end),
or with --configured into the configured Neo4j, which it then empties first (--wipe required).
Prints one table: articles/s per worker count and the speed-up (with a check that both wrote
the same bytes), extraction of the whole corpus, load time and relationships/s,
p50/p95 of every canned query with its defaults and with a one-year window, and peak RSS of
this process and of the extraction workers.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import socket
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import write  # noqa: E402
from geokg import db, neo4j_local  # noqa: E402
from geokg.config import LOAD_BATCH  # noqa: E402
from geokg.neo4j_admin import import_folder  # noqa: E402
from graph.bulk import export_neo4j_admin  # noqa: E402
from graph.writer import load_records  # noqa: E402
from loaders.parallel import default_workers, extract_lines, extract_records  # noqa: E402
from queries import list_queries  # noqa: E402
from queries.params import complete  # noqa: E402
from queries.run import execute  # noqa: E402

YEAR = {"since": "2025-01-01", "until": "2025-12-31"}


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("".join(lines).encode()).hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--sample", type=int, default=2000, help="articles extracted on 1 and on N workers")
    ap.add_argument("--workers", type=int, default=default_workers())
    ap.add_argument("--runs", type=int, default=20, help="timed runs per query and parameter set")
    ap.add_argument("--configured", action="store_true", help="use the configured Neo4j instead of a scratch one")
    ap.add_argument("--wipe", action="store_true", help="with --configured: empty it first (required)")
    ap.add_argument("--bulk", action=argparse.BooleanOptionalAction, default=True,
                    help="then time the archive path on the same corpus: export for neo4j-admin, import "
                         "(with the restart and the migrations that build the summaries); scratch server only")
    args = ap.parse_args(argv)
    if args.configured and not args.wipe:
        ap.error("--wipe is required with --configured: this benchmark empties the database")
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if not args.configured:
            os.environ.update(GEOKG_HOME=str(Path(tmp) / "home"), GEOKG_BOLT_PORT=str(_free_port()),
                              GEOKG_HTTP_PORT=str(_free_port()))
            os.environ.pop("NEO4J_URI", None)
        try:
            _run(args, Path(tmp), rows)
        finally:
            if not args.configured:
                neo4j_local.stop()
    width = max(len(k) for k, _ in rows)
    print(f"{'what':<{width}}  figure")
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


def _bulk(args: argparse.Namespace, corpus: Path, tmp: Path, incremental: float, stored: int,
          rows: list[tuple[str, str]]) -> None:
    """The archive path on the corpus just loaded: extract and export the neo4j-admin files, then
    import them over the scratch database (the server stops and starts; migrations build the
    summaries), against the incremental load's time; the two graphs' sizes side by side."""
    folder = tmp / "admin"
    t0 = time.perf_counter()
    export_neo4j_admin(extract_records([corpus], workers=args.workers), folder)
    exported = time.perf_counter() - t0
    t0 = time.perf_counter()
    line = import_folder(folder, overwrite=True, echo=lambda _: None)
    imported = time.perf_counter() - t0
    total = exported + imported
    rows.append((f"bulk: extract + export {args.articles} articles, then neo4j-admin import",
                 f"{exported:.0f} s + {imported:.0f} s = {total:.0f} s against {incremental:.0f} s incremental "
                 f"({incremental / total:.1f}x); {line.split(' (')[0]} (incremental: {stored} relationships)"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(args: argparse.Namespace, tmp: Path, rows: list[tuple[str, str]]) -> None:
    if True:
        corpus = tmp / "news.jsonl"
        write(corpus, args.articles)
        sample = tmp / "sample.jsonl"
        with open(corpus, encoding="utf-8") as src, open(sample, "w", encoding="utf-8") as out:
            out.writelines(islice(src, args.sample))
        rates = {}
        for w in sorted({1, args.workers}):
            t0 = time.perf_counter()
            lines = list(extract_lines([sample], workers=w))
            rates[w] = (len(lines) / (time.perf_counter() - t0), _digest(lines))
        one, many = rates[1], rates[args.workers]
        rows.append((f"extract, {args.sample} articles, 1 worker", f"{one[0]:.0f} articles/s"))
        rows.append((f"extract, {args.workers} workers", f"{many[0]:.0f} articles/s, speed-up {many[0] / one[0]:.2f}x, "
                     f"output {'identical' if one[1] == many[1] else 'DIFFERENT'}"))

        settings = neo4j_local.ensure_running()
        with db.driver(settings) as drv:
            with drv.session(database=settings.database) as s:
                s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
                s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
            t0 = time.perf_counter()
            report = load_records(drv, extract_records([corpus], workers=args.workers, ahead=LOAD_BATCH),
                                  database=settings.database)
            total = time.perf_counter() - t0
            rels = report.relationships_created
            rows.append((f"extract + load {args.articles} articles ({args.workers} workers, one pipeline)",
                         f"{total:.0f} s ({args.articles / total:.0f} articles/s, {rels / total:.0f} relationships/s, "
                         f"{rels} relationships, {report.events_written} event edges)"))
            stored = drv.execute_query("MATCH ()-[r]->() RETURN count(r) AS n",
                                       database_=settings.database).records[0]["n"]
            for info in list_queries():
                required = {p.name for p in info.params if p.required}
                base = {k: v for k, v in info.example_params.items() if k in required}
                sets = [("defaults", base)]
                if info.param("since") is not None:
                    sets.append(("one year", {**base, **YEAR}))
                for label, params in sets:
                    values = complete(info, params)
                    execute(info.name, drv, settings.database, **values)
                    times = []
                    for _ in range(args.runs):
                        t0 = time.perf_counter()
                        execute(info.name, drv, settings.database, **values)
                        times.append((time.perf_counter() - t0) * 1000)
                    p95 = statistics.quantiles(times, n=20)[18]
                    rows.append((f"query {info.name} ({label})", f"p50 {statistics.median(times):.0f} ms, "
                                 f"p95 {p95:.0f} ms"))
        rows.append(("peak RSS, this process / one worker", f"{_rss_mb(resource.RUSAGE_SELF):.0f} MB / "
                     f"{_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"))
        if args.bulk and not args.configured:
            _bulk(args, corpus, tmp, total, stored, rows)


if __name__ == "__main__":
    sys.exit(main())
