"""The notebooks on a year of generated news: seconds and megabytes per notebook.

    python bench/bench_notebooks.py --wipe [--articles 100000] [--since 2025-06-01 --until 2025-06-30]

Empties the configured database (``--wipe`` is required; only the local server unless
GEOKG_TEST_ALLOW_WIPE=1), loads ``--articles`` generated articles (graph/synthetic.py: one to
three events each, over 2025), runs every notebook of notebooks/ with the window given, and prints
each one's run time and written size against the bars of the issue: under 60 s, under 5 MB.
Afterwards it empties the database again (``--keep`` leaves the archive loaded, to look at; the
test suite's own wipe runs out of transaction memory on a graph that size, so empty it with this
script's ``--no-load --wipe`` run before ``make test``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_SECONDS, MAX_BYTES = 60, 5 * 1024 * 1024
# relationships first, in small transactions: deleting a hub with its 50,000 edges in one inner
# transaction exceeds the local server's transaction memory
WIPE = ("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


def wipe(driver: object, database: str) -> None:
    with driver.session(database=database) as session:  # type: ignore[attr-defined]
        for statement in WIPE:
            session.run(statement).consume()


def run(path: Path, values: dict[str, str]) -> tuple[float, int]:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = "\n".join(f"{line.split(' = ', 1)[0]} = {values[line.split(' = ', 1)[0]]}"
                            if line.split(" = ", 1)[0] in values else line for line in cell.source.splitlines())
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start, len(nbformat.writes(nb).encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--since", default="2025-06-01")
    parser.add_argument("--until", default="2025-06-30")
    parser.add_argument("--wipe", action="store_true", help="empty the database first (required)")
    parser.add_argument("--no-load", action="store_true", help="run the notebooks on what is loaded")
    parser.add_argument("--keep", action="store_true", help="leave the archive in the database afterwards")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from geokg import config, db, neo4j_local
    from graph.synthetic import extraction_records
    from graph.writer import load_records

    settings = neo4j_local.ensure_running()
    if not args.no_load:
        if not args.wipe:
            parser.error("this bench empties the database: pass --wipe")
        if config.neo4j_settings().external and os.environ.get("GEOKG_TEST_ALLOW_WIPE") != "1":
            parser.error(f"refusing to wipe {settings.uri}: set GEOKG_TEST_ALLOW_WIPE=1 if it is a scratch server")
        with db.driver(settings) as driver:
            wipe(driver, settings.database)
            start = time.perf_counter()
            report = load_records(driver, extraction_records(args.articles, n_entities=args.entities),
                                  database=settings.database, progress=True)
            print(f"loaded in {time.perf_counter() - start:.0f} s: {report.summary()}", flush=True)
    values = {"SINCE": repr(args.since).replace("'", '"'), "UNTIL": repr(args.until).replace("'", '"')}
    worst = 0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        seconds, size = run(path, values)
        ok = seconds < MAX_SECONDS and size < MAX_BYTES
        worst |= not ok
        print(f"{path.name:28} {seconds:6.1f} s  {size / 1e6:5.2f} MB  {'ok' if ok else 'OVER THE BAR'}", flush=True)
    if args.wipe and not args.keep:
        with db.driver(settings) as driver:
            wipe(driver, settings.database)
        print("database emptied (--keep leaves the archive)")
    return int(worst)


if __name__ == "__main__":
    sys.exit(main())
