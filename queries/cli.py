"""``geokg query``: list the canned queries or run one and print its answer.

The ``query`` command is registered on the ``geokg`` group by ``geokg.cli``; our errors are
``QueryError`` (and ``Neo4jUnavailable``), which that group prints as one line.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from geokg.errors import QueryError
from queries import render
from queries.catalog import QueryInfo, list_queries, load_query
from queries.params import complete, parse_assignments


def _param_summary(info: QueryInfo) -> str:
    parts = []
    for p in info.params:
        if p.required:
            parts.append(f"{p.name}: {p.type} (required)")
        else:
            parts.append(f"{p.name}: {p.type} = {json.dumps(p.default, ensure_ascii=False)}")
    return ", ".join(parts)


def listing(fmt: str = "table") -> str:
    """The text ``geokg query --list`` prints."""
    infos = list_queries()
    if fmt == "json":
        return json.dumps(
            [{"name": q.name, "question_ja": q.question_ja, "question_en": q.question_en,
              "params": [asdict(p) for p in q.params], "example": q.example} for q in infos],
            ensure_ascii=False, indent=2,
        )
    rows = [{"name": q.name, "question": q.question_en, "問い": q.question_ja, "parameters": _param_summary(q)}
            for q in infos]
    if fmt == "csv":
        return render.to_csv(["name", "question", "問い", "parameters"], rows).rstrip("\n")
    width = max(len(q.name) for q in infos)
    blocks = []
    for q in infos:
        indent = " " * (width + 2)
        blocks.append("\n".join([
            f"{q.name.ljust(width)}  {q.question_ja}",
            f"{indent}{q.question_en}",
            f"{indent}parameters: {_param_summary(q)}",
            f"{indent}e.g. {q.example}",
        ]))
    return "\n\n".join(blocks)


@click.command(name="query")
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the canned queries with their questions and parameters.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter; repeat for more (dates YYYY-MM-DD, lists comma-separated).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table for people; csv and json for programs.")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Shortcut for --param limit=N (queries that have a limit).")
def query(name: str | None, list_: bool, params: tuple[str, ...], fmt: str, limit: int | None) -> None:
    """Answer an analyst's question with a canned Cypher query.

    \b
    Examples:
      geokg query --list
      geokg query dependence_partners --param target=CHN
      geokg query meetings -p since=2026-01-13 -p until=2026-01-13 --format json
      geokg query timeline -p actor=日本 --format csv > timeline.csv
    """
    if list_ or name is None:
        if params or limit is not None:
            raise QueryError("name a query to run with --param/--limit (see `geokg query --list`)")
        click.echo(listing(fmt))
        return
    info = load_query(name)
    raw = parse_assignments(params, info)
    if limit is not None:
        if info.param("limit") is None:
            raise QueryError(f"query {name} has no limit parameter")
        if "limit" in raw:
            raise QueryError("give the limit once: --limit or --param limit=..., not both")
        raw["limit"] = str(limit)
    values = complete(info, raw)  # check the parameters before connecting

    from queries.run import execute

    columns, rows = execute(name, **values)
    if fmt == "json":
        click.echo(render.to_json(rows))
    elif fmt == "csv":
        click.echo(render.to_csv(columns, rows), nl=False)
    else:
        click.echo(render.table(columns, rows))
