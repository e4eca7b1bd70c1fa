"""Time every canned query on the graph: median and slowest of N runs, flagging medians over budget.

    python bench/bench_queries.py            # 50 runs each, budget 50 ms
    python bench/bench_queries.py -n 200 --budget 20

Loads the seed articles first when the database has no articles. Each query runs with its
defaults (and its example's values for required parameters) once to warm the plan cache, then
N times; times are wall-clock round trips from this process, in milliseconds. Exit status 1
when some median is over budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import neo4j

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from geokg import config, db, neo4j_local  # noqa: E402
from queries import list_queries  # noqa: E402
from queries.params import complete  # noqa: E402
from queries.run import execute  # noqa: E402


def ensure_seed(driver: neo4j.Driver, database: str) -> str:
    articles = driver.execute_query("MATCH (a:Article) RETURN count(a) AS n", database_=database).records[0]["n"]
    if articles:
        return f"graph has {articles} articles"
    from graph.writer import load_records
    from loaders.pipeline import extract_inputs

    report = load_records(driver, (x.to_json() for x in extract_inputs([ROOT / "seeds"])), database=database)
    return f"loaded the seed: {report.summary()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="timed runs per query (default 50)")
    parser.add_argument("--budget", type=float, default=50.0, help="median budget in ms (default 50)")
    args = parser.parse_args(argv)

    settings = neo4j_local.ensure_running()
    database = settings.database or config.neo4j_settings().database
    over = []
    with db.driver(settings) as driver:
        print(ensure_seed(driver, database))
        print(f"{'query':<20} {'rows':>5} {'first':>8} {'median':>8} {'slowest':>8}  (ms, {args.n} runs)")
        for info in list_queries():
            required = {p.name for p in info.params if p.required}
            params = complete(info, {k: v for k, v in info.example_params.items() if k in required})
            t0 = time.perf_counter()
            _, rows = execute(info.name, driver, database, **params)
            first = (time.perf_counter() - t0) * 1000
            times = []
            for _ in range(args.n):
                t0 = time.perf_counter()
                execute(info.name, driver, database, **params)
                times.append((time.perf_counter() - t0) * 1000)
            median = statistics.median(times)
            flag = f"  <-- median over {args.budget:g} ms" if median > args.budget else ""
            if flag:
                over.append(info.name)
            print(f"{info.name:<20} {len(rows):>5} {first:>8.1f} {median:>8.1f} {max(times):>8.1f}{flag}")
    print(f"over budget: {', '.join(over)}" if over else f"every median is within {args.budget:g} ms")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
