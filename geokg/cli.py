"""The ``geokg`` command line. Each subcommand is a thin shell over a library function."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import click

from geokg.config import LOAD_BATCH
from geokg.errors import GeoKGError


class _Group(click.Group):
    """A click group that turns our own errors into a one-line message and exit status 1, and
    any other exception (a bug) into a one-line message and exit status 4 (with ``--debug``,
    the traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GeoKGError as exc:
            click.echo(f"geokg: {exc}", err=True)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"geokg: internal error (a bug in geokg): {type(exc).__name__}: {exc}; "
                       "rerun with `geokg --debug ...` to see the traceback", err=True)
            sys.exit(EXIT_BUG)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geokg")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors (bugs in geokg).")
def main(debug: bool) -> None:
    """Geopolitical event knowledge graph from Japanese news.

    \b
    Typical use:
      geokg extract seeds/*.txt -o out.jsonl   # articles -> entities and dated events
      geokg neo4j start                          # the local Neo4j server
      geokg load seeds/                          # extract and store in Neo4j
      geokg query dependence_partners            # canned questions
      geokg map -o maps/critical-minerals.html   # interactive map
      geokg demo                                 # all of the above on seeds/
    """


EXIT_SKIPPED = 3  # the run finished but some inputs were skipped (reported on stderr)
EXIT_BUG = 4  # the run finished but a bug in geokg skipped some input (reported with --debug's traceback)


def _report_problems(problems: list, what: str = "skipped") -> None:
    debug = bool(click.get_current_context().find_root().params.get("debug"))
    for p in problems:
        click.echo(f"{what}: {p}", err=True)
        if debug and getattr(p, "traceback", None):
            click.echo(p.traceback, err=True)
    if not debug and any(getattr(p, "traceback", None) for p in problems):
        click.echo("(rerun with `geokg --debug ...` to see the tracebacks of the internal errors)", err=True)


def _exit_status(*reports: Any) -> None:
    if any(getattr(r, "errors", None) for r in reports):
        sys.exit(EXIT_BUG)
    if any(r.skipped for r in reports):
        sys.exit(EXIT_SKIPPED)


_MAX_CHARS_HELP = ("Skip articles whose text is longer than this many characters (0: no limit; default: "
                   "GEOKG_MAX_CHARS, else 100,000).")


# --- extract -------------------------------------------------------------------------------
@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", show_default=True,
              help="Where to write the JSON Lines ('-' for standard output).")
@click.option("--format", "fmt", type=click.Choice(["listing", "text", "jsonl", "feed", "html"]),
              help="Read every input as this format instead of telling them apart by content.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@click.option("--max-chars", type=click.IntRange(min=0), default=None, help=_MAX_CHARS_HELP)
@click.option("--workers", type=click.IntRange(min=1), help="Processes that extract (default: the machine's cores).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), or 'local' for a "
                   "LocalCluster of --workers processes; needs `pip install 'geokg[dask]'`.")
def extract(inputs: tuple[str, ...], output: str, fmt: str | None, progress: bool | None,
            max_chars: int | None, workers: int | None, dask_address: str | None) -> None:
    """Extract entities and dated events from articles (no database needed).

    INPUTS are files or folders: topic listings like seeds/*.txt, JSON Lines, .txt
    articles, RSS/Atom feeds, saved HTML pages. Writes one JSON object per article, in input
    order, the same with any number of workers. Exit status 3 when some inputs or records
    were skipped (each is named on stderr), 4 when a bug in geokg skipped some
    (`geokg --debug extract ...` shows the traceback).
    """
    from loaders.parallel import extract_lines
    from loaders.pipeline import RunReport

    report = RunReport()
    show = sys.stderr.isatty() if progress is None else progress
    with contextlib.ExitStack() as stack:
        how: Any = workers
        if dask_address:
            from loaders import dask_extract

            how = dask_extract.mapper(stack.enter_context(dask_extract.client(dask_address, workers)))
        out = stack.enter_context(click.open_file(output, "w", encoding="utf-8"))
        out.writelines(extract_lines(inputs, fmt, report=report, workers=how, progress=show, max_chars=max_chars))
    _report_problems([*report.problems, *report.errors])
    click.echo(f"extracted {report.articles} articles: {report.entities} entities, {report.events} events; "
               f"{report.skipped} skipped", err=True)
    _exit_status(report)


# --- load ----------------------------------------------------------------------------------
@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--extracted", "extracted", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Load an extraction file written by `geokg extract` instead of extracting.")
@click.option("--format", "fmt", type=click.Choice(["listing", "text", "jsonl", "feed", "html"]),
              help="Read every input as this format.")
@click.option("--batch-size", default=LOAD_BATCH, show_default=True, help="Articles per write transaction.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@click.option("--max-chars", type=click.IntRange(min=0), default=None, help=_MAX_CHARS_HELP)
@click.option("--retry-seconds", type=click.FloatRange(min=0), default=None,
              help="How long a write is retried while Neo4j does not answer (default 60).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that extract (default: the machine's cores).")
def load(inputs: tuple[str, ...], extracted: tuple[str, ...], fmt: str | None, batch_size: int,
         progress: bool | None, max_chars: int | None, retry_seconds: float | None, workers: int | None) -> None:
    """Extract INPUTS (files or folders) and store them in Neo4j; loading twice changes nothing.

    Starts the local Neo4j first unless NEO4J_URI is set. Ends with a report: articles
    read, loaded and skipped (with reasons), nodes and relationships created.
    Exit status 3 when some inputs or records were skipped, 4 when a bug in geokg skipped
    some, 1 when Neo4j cannot be reached or stops answering (what was stored stays; run the
    same command again once it is back).
    """
    if not inputs and not extracted:
        raise click.UsageError("give INPUTS to extract, or --extracted FILE")
    from geokg import db, neo4j_local
    from graph.writer import RETRY_SECONDS, LoadReport, load_records
    from loaders.parallel import extract_records
    from loaders.pipeline import RunReport, read_extractions

    settings = neo4j_local.ensure_running()
    show = sys.stderr.isatty() if progress is None else progress
    run = RunReport()
    report = LoadReport()
    retry = RETRY_SECONDS if retry_seconds is None else retry_seconds
    with db.driver(settings) as drv:
        if inputs:
            records = extract_records(inputs, fmt, report=run, workers=workers, progress=show, max_chars=max_chars,
                                      ahead=batch_size)
            load_records(drv, records, database=settings.database, batch_size=batch_size, report=report,
                         progress=show, retry_seconds=retry)
        for path in extracted:
            load_records(drv, read_extractions(path, run.problems), database=settings.database,
                         batch_size=batch_size, report=report, progress=show, retry_seconds=retry)
    _report_problems([*run.problems, *run.errors])
    _report_problems(report.skipped)
    report.articles_read += run.skipped
    click.echo(report.summary())
    _exit_status(run, report)


# --- map -----------------------------------------------------------------------------------
@main.command(name="map")
@click.option("-o", "--output", default="maps/critical-minerals.html", show_default=True,
              type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--since", help="First date (YYYY-MM-DD) of events to show.")
@click.option("--until", help="Last date (YYYY-MM-DD) of events to show.")
@click.option("--country", "countries", multiple=True, help="ISO3 code; events involving it (repeatable).")
@click.option("--type", "types", multiple=True, help="Event type such as MET_WITH (repeatable).")
@click.option("--from-extraction", type=click.Path(exists=True, dir_okay=False),
              help="Draw an extraction file instead of the Neo4j graph (no database needed).")
@click.option("--title", default="重要鉱物をめぐる外交 — geokg", show_default=True, help="Page title.")
def map_(output: str, since: str | None, until: str | None, countries: tuple[str, ...], types: tuple[str, ...],
         from_extraction: str | None, title: str) -> None:
    """Write an interactive map (pyvis HTML that works offline) of the graph."""
    from geokg import vocab
    from graph.export import from_extractions, to_networkx
    from graph.maps import write_map

    bad = [t for t in types if t not in vocab.EVENT_TYPES]
    if bad:
        raise click.BadParameter(f"unknown type {bad[0]!r}; one of {', '.join(vocab.EVENT_TYPES)}",
                                 param_hint="--type")
    if from_extraction:
        from loaders.pipeline import read_extractions

        g = from_extractions(read_extractions(from_extraction))
    else:
        from geokg import db, neo4j_local

        settings = neo4j_local.ensure_running()
        with db.driver(settings) as drv:
            g = to_networkx(drv, database=settings.database, since=since, until=until,
                            countries=countries or None, types=types or None)
    path = write_map(g, output, title=title)
    click.echo(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


# --- export --------------------------------------------------------------------------------
@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "parquet"]),
              help="graphml or gexf: one file (Gephi, networkx); csv or parquet: a folder of tables "
                   "entities, events, articles. Default: from the file name (.graphml, .gexf).")
@click.option("-o", "--output", type=click.Path(), help="The file (graphml, gexf) or folder (csv, parquet) to write.")
@click.option("--from-extraction", "extracted", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Export an extraction file written by `geokg extract` instead of the Neo4j graph "
                   "(no database needed; repeatable).")
@click.option("--neo4j-admin", "admin_dir", type=click.Path(file_okay=False),
              help="Instead: write INPUTS (or extraction files) as the node and relationship CSVs of "
                   "`neo4j-admin database import full` to this folder.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that extract INPUTS (default: the cores).")
@click.option("--batch-size", default=LOAD_BATCH, show_default=True,
              help="Articles per batch, as `geokg load` takes them.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
def export(inputs: tuple[str, ...], fmt: str | None, output: str | None, extracted: tuple[str, ...],
           admin_dir: str | None, workers: int | None, batch_size: int, progress: bool | None) -> None:
    """Export the graph for other tools: GraphML and GEXF (names, labels, types, dates and
    evidence as attributes), CSV and Parquet tables; or, with --neo4j-admin DIR, articles as
    the files a bulk import reads (`geokg neo4j import DIR` then loads an archive in one go).
    Exit status 3 when records were skipped.

    \b
    Examples:
      geokg export --format gexf -o graph.gexf
      geokg export --format csv -o tables/ --from-extraction out.jsonl
      geokg export --neo4j-admin import/ articles/
    """
    if admin_dir:
        _export_admin(inputs, extracted, admin_dir, workers, batch_size, progress)
        return
    from graph import formats, tables

    if inputs:
        raise click.UsageError("INPUTS are for --neo4j-admin; export a graph from Neo4j or --from-extraction FILE")
    if not output:
        raise click.UsageError("give -o PATH (a file for graphml/gexf, a folder for csv/parquet)")
    fmt = formats.format_for(output, fmt)
    problems: list[str] = []
    if extracted:
        data = tables.from_extractions(rec for path in extracted for rec in tables.read_extraction_file(path, problems))
    else:
        from geokg import db, neo4j_local

        settings = neo4j_local.ensure_running()
        with db.driver(settings) as drv:
            data = tables.from_neo4j(drv, database=settings.database)
    written = formats.write(data, output, fmt)
    _report_problems(problems)
    click.echo(f"wrote {', '.join(map(str, written))} ({len(data.entities)} entities, {len(data.events)} events, "
               f"{len(data.articles)} articles)")
    if problems:
        sys.exit(EXIT_SKIPPED)


def _export_admin(inputs: tuple[str, ...], extracted: tuple[str, ...], admin_dir: str, workers: int | None,
                  batch_size: int, progress: bool | None) -> None:
    import itertools

    from graph.bulk import export_neo4j_admin
    from loaders.parallel import extract_records
    from loaders.pipeline import RunReport, read_extractions

    if not inputs and not extracted:
        raise click.UsageError("give INPUTS to extract, or --from-extraction FILE")
    show = sys.stderr.isatty() if progress is None else progress
    run = RunReport()
    records = itertools.chain(extract_records(inputs, report=run, workers=workers, progress=show) if inputs else (),
                              *(read_extractions(p) for p in extracted))
    report = export_neo4j_admin(records, admin_dir, batch_size=batch_size)
    _report_problems([*run.problems, *run.errors])
    _report_problems(report.skipped)
    click.echo(f"{report.summary()}; {report.files} files in {report.folder} (import: geokg neo4j import "
               f"{report.folder})")
    if run.skipped or report.skipped:
        sys.exit(EXIT_SKIPPED)


# --- demo ----------------------------------------------------------------------------------
@main.command()
@click.option("--seeds", default="seeds", show_default=True, type=click.Path(exists=True),
              help="Folder (or file) of articles to load.")
@click.option("--map", "map_path", default="maps/critical-minerals.html", show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the map.")
def demo(seeds: str, map_path: str) -> None:
    """The analyst's tour: start Neo4j, load the seeds, answer three questions, write the map."""
    from geokg.demo import run_demo

    run_demo(seeds, map_path, echo=click.echo)


# --- neo4j -----------------------------------------------------------------------------------
@main.group()
def neo4j() -> None:
    """Run the local Neo4j Community server (skipped when NEO4J_URI is set)."""


@neo4j.command()
@click.option("--timeout", default=180, show_default=True, help="Seconds to wait for Bolt to answer.")
def start(timeout: int) -> None:
    """Fetch (first time) and start the local server; wait until Bolt answers. Safe to repeat."""
    from geokg import neo4j_local

    click.echo(neo4j_local.start(timeout=timeout))


@neo4j.command()
def stop() -> None:
    """Stop the local server (its data stays)."""
    from geokg import neo4j_local

    click.echo(neo4j_local.stop())


@neo4j.command()
def status() -> None:
    """Say whether the server is running, where, and where its data lives."""
    from geokg import neo4j_local

    click.echo(neo4j_local.status())


@neo4j.command()
def password() -> None:
    """Print the local server's password (user neo4j)."""
    from geokg import neo4j_local

    click.echo(neo4j_local.password())


@neo4j.command(name="import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--overwrite", is_flag=True, help="Replace the database even if it holds data (which is deleted).")
def import_(folder: str, overwrite: bool) -> None:
    """Import FOLDER (from `geokg export --neo4j-admin`) into the local server with neo4j-admin.

    Stops the server, imports, starts it and builds the indexes and summaries.
    """
    from geokg.neo4j_admin import import_folder

    click.echo(import_folder(folder, overwrite=overwrite, echo=click.echo))


def _register_query() -> None:
    from queries.cli import query  # the query command lives beside the .cypher files it runs

    main.add_command(query)


_register_query()

if __name__ == "__main__":  # pragma: no cover
    main()
