"""``geokg neo4j import DIR``: the files of ``geokg export --neo4j-admin DIR`` into the local
server's database with ``neo4j-admin database import full``.

The import tool ships in the jars the local server already runs from (``neo4j-import-tool``,
started through ``org.neo4j.cli.AdminTool``, the class behind ``neo4j-admin``), so nothing is
fetched. The server is stopped for the import (the tool writes the store files itself) and
started again after it; then the schema migrations create the constraints and indexes and
build the summaries from the imported edges, as for any graph. A database that holds data is
replaced only with ``overwrite``.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geokg import config, db, neo4j_local
from geokg.errors import ConfigError, GeoKGError, Neo4jUnavailable

ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
ADMIN_JVM = ("-Xmx1g", "-Dfile.encoding=UTF-8", "--add-opens=java.base/java.nio=ALL-UNNAMED",
             "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED")


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{folder} has no manifest.json: write the files with `geokg export --neo4j-admin "
                          f"{folder} ...` first") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    missing = [f for group in manifest["nodes"] + manifest["relationships"] for f in group["files"]
               if not (folder / f).is_file()]
    if missing:
        raise ConfigError(f"{folder} lacks {', '.join(missing[:3])} named in its manifest.json: export again")
    return manifest


def admin_command(java: str, paths: neo4j_local.ServerPaths, folder: Path, manifest: dict[str, Any],
                  database: str) -> list[str]:
    """The ``neo4j-admin database import full`` command line for an export folder."""
    # the database first: a file option takes every value after it
    cmd = [java, *ADMIN_JVM, "-cp", f"{paths.lib}/*", ADMIN_ENTRY_POINT, "database", "import", "full", database,
           "--overwrite-destination=true", "--multiline-fields=true", "--max-off-heap-memory=2G",
           f"--array-delimiter={manifest['array_delimiter']}", f"--report-file={folder / 'import.report'}"]
    for group in manifest["nodes"]:
        files = ",".join(str(folder / f) for f in group["files"])
        labels = ":".join(group["labels"])
        cmd.append(f"--nodes={labels}={files}" if labels else f"--nodes={files}")
    for group in manifest["relationships"]:
        files = ",".join(str(folder / f) for f in group["files"])
        cmd.append(f"--relationships={group['type']}={files}" if group["type"] else f"--relationships={files}")
    return cmd


def import_folder(folder: str | Path, *, overwrite: bool = False, echo: Callable[[str], object] = print) -> str:
    """Import an export folder into the local server's database; return a one-line report.

    It stops the server for the import and starts it again, so it has no example here; it returns
    ``'imported 1000 articles, … entities and … relationships (with the summaries) into neo4j;
    migrations applied: […]'`` (tests/test_bulk.py checks that line on a second server).
    """
    from graph.schema import migrate

    folder = Path(folder).resolve()
    settings = config.neo4j_settings()
    if settings.external:
        raise ConfigError(f"NEO4J_URI is set ({settings.uri}): `geokg neo4j import` writes the local server's "
                          "store files; for another server run its own neo4j-admin on these files")
    manifest = read_manifest(folder)
    settings = neo4j_local.ensure_running()
    with db.driver(settings) as drv:
        held = drv.execute_query("MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n",
                                 database_=settings.database).records[0]["n"]
    if held and not overwrite:
        raise GeoKGError(f"the local database {settings.database} holds {held} nodes: give --overwrite to replace "
                         "them with the import (they are deleted), or add articles with `geokg load`")
    echo(neo4j_local.stop())
    paths = neo4j_local.server_paths()
    cmd = admin_command(neo4j_local.find_java(), paths, folder, manifest, settings.database)
    env = {**os.environ, "NEO4J_HOME": str(paths.home), "NEO4J_CONF": str(paths.conf_dir)}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join(("    " + line) for line in (done.stdout + done.stderr).rstrip().splitlines()[-25:])
        raise Neo4jUnavailable(f"neo4j-admin import failed (exit {done.returncode}); the database is left as the "
                               f"tool left it: import again with --overwrite. Its output ends with:\n{tail}")
    echo(neo4j_local.start())
    settings = neo4j_local.ensure_running()
    with db.driver(settings) as drv:
        applied = migrate(drv, settings.database)
        counts = drv.execute_query("MATCH (a:Article) WITH count(a) AS articles "
                                   "RETURN articles, COUNT { (:Entity) } AS entities, COUNT { ()-[]->() } AS rels",
                                   database_=settings.database).records[0]
    return (f"imported {counts['articles']} articles, {counts['entities']} entities and {counts['rels']} relationships "
            f"(with the summaries) into {settings.database}; migrations applied: {applied}")
