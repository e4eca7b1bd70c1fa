"""The ``geokg`` command line. Each subcommand is a thin shell over a library function."""

from __future__ import annotations

import sys

import click

from geokg.errors import GeoKGError


class _Group(click.Group):
    """A click group that turns our own errors into a one-line message and exit status 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except GeoKGError as exc:
            click.echo(f"geokg: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geokg")
def main() -> None:
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


def _report_problems(problems: list, what: str = "skipped") -> None:
    for p in problems:
        click.echo(f"{what}: {p}", err=True)


# --- extract -------------------------------------------------------------------------------
@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", show_default=True,
              help="Where to write the JSON Lines ('-' for standard output).")
@click.option("--format", "fmt", type=click.Choice(["listing", "text", "jsonl", "feed", "html"]),
              help="Read every input as this format instead of telling them apart by content.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
def extract(inputs: tuple[str, ...], output: str, fmt: str | None, progress: bool | None) -> None:
    """Extract entities and dated events from articles (no database needed).

    INPUTS are files or folders: topic listings like seeds/*.txt, JSON Lines, .txt
    articles, RSS/Atom feeds, saved HTML pages. Writes one JSON object per article.
    Exit status 3 when some inputs or records were skipped (each is named on stderr).
    """
    from loaders.pipeline import RunReport, extract_inputs, write_jsonl

    report = RunReport()
    show = sys.stderr.isatty() if progress is None else progress
    with click.open_file(output, "w", encoding="utf-8") as out:
        write_jsonl(extract_inputs(inputs, fmt, report=report, progress=show), out)
    _report_problems(report.problems)
    click.echo(f"extracted {report.articles} articles: {report.entities} entities, {report.events} events; "
               f"{report.skipped} skipped", err=True)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


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


if __name__ == "__main__":  # pragma: no cover
    main()
