"""``geokg demo``: the analyst's first ten minutes in one command.

Start the local Neo4j (unless NEO4J_URI is set), load ``seeds/``, print three canned
answers as tables, write the map, and say where to look. Without any Neo4j (no Java, no
NEO4J_URI) it says what to do and still extracts the seeds and draws the map from them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geokg import config
from geokg.errors import GeoKGError, Neo4jUnavailable

QUESTIONS: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("dependence_partners", "中国依存を減らそうとしているのは誰で、誰と組んでいるか / "
                            "Who is reducing dependence on China, and with whom", {"target": "CHN"}),
    ("meetings", "最近の会談 / The latest meetings", {"limit": 10}),
    ("agreements", "協定・覚書と署名者 / Agreements and who signed them", {}),
)

NO_NEO4J = """\
No Neo4j server could be used: {why}
To get one, do any of:
  - install Java 17 or newer (and Maven) and run `geokg neo4j start`;
  - run `docker compose --env-file docker/.env -f docker/docker-compose.yml up -d` where Docker runs;
  - point NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD) at a server you have.
Carrying on without a database: extracting {seeds} and drawing the map from the extraction."""


def run_demo(seeds: str | Path, map_path: str | Path, echo: Callable[[str], object] = print) -> None:
    from geokg import db, neo4j_local
    from graph.export import from_extractions, to_networkx
    from graph.maps import write_map
    from graph.writer import LoadReport, load_records
    from loaders.pipeline import RunReport, extract_inputs
    from queries import run_query
    from queries.render import table

    run = RunReport()
    try:
        settings = neo4j_local.ensure_running()
        drv = db.driver(settings)
    except (Neo4jUnavailable, GeoKGError) as exc:
        echo(NO_NEO4J.format(why=exc, seeds=seeds))
        records = [x.to_json() for x in extract_inputs([str(seeds)], report=run)]
        for problem in [*run.problems, *run.errors]:
            echo(f"skipped: {problem}")
        path = write_map(from_extractions(records), map_path)
        echo(f"\nMap (from the extraction): {path}")
        return
    with drv:
        report = load_records(drv, (x.to_json() for x in extract_inputs([str(seeds)], report=run)),
                              database=settings.database, report=LoadReport())
        for skipped in [*map(str, run.problems), *map(str, run.errors), *report.skipped]:
            echo(f"skipped: {skipped}")
        echo(f"Loaded {seeds}: {report.summary()}\n")
        for name, question, params in QUESTIONS:
            rows = run_query(name, driver=drv, database=settings.database, **params)
            echo(f"== {question}  [geokg query {name}]")
            echo(table(list(rows[0]), rows) if rows else "(no answer in the graph yet)")
            echo("")
        graph = to_networkx(drv, database=settings.database)
    path = write_map(graph, map_path)
    echo(f"Map:           {Path(path).resolve()}  (open it in a browser; works offline)")
    if settings.external:
        echo(f"Neo4j:         {settings.uri} (database {settings.database})")
    else:
        echo(f"Neo4j Browser: {settings.browser_url}  (user neo4j, password: `geokg neo4j password`)")
        echo(f"Data folder:   {config.geokg_home() / 'neo4j'}")
    echo("More questions: `geokg query --list`, then `geokg query NAME --param key=value`.")
