"""The bulk path: `geokg export --neo4j-admin DIR` then `geokg neo4j import DIR` on a second local
server of its own (a temporary GEOKG_HOME on free ports) gives the graph an incremental load of
the same 1,000 articles gives: the same counts, the same answer to every canned query, the same
summaries; and incremental loads carry on from it alike."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from query_cases import cases, comparable

from bench.corpus import write
from geokg import config, db, neo4j_local
from graph import verify
from graph.bulk import export_neo4j_admin
from graph.writer import load_records
from loaders.parallel import extract_records
from queries import run_query

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parents[1]
COUNTS = """
MATCH (n) WITH labels(n) AS labels, count(n) AS n RETURN 'node' AS kind, labels AS key, n
UNION ALL
MATCH ()-[r]->() RETURN 'rel' AS kind, [type(r)] AS key, count(r) AS n
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _counts(driver: neo4j.Driver, database: str) -> dict[tuple[str, tuple[str, ...]], int]:
    return {(r["kind"], tuple(sorted(r["key"]))): r["n"]
            for r in driver.execute_query(COUNTS, database_=database).records}


def _answers(driver: neo4j.Driver, database: str) -> list[Any]:
    return [comparable(name, run_query(name, driver=driver, database=database, **params))
            for name, params in cases()]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The seed and 980 generated articles, extracted: 1,000 articles; then 40 more."""
    path = tmp_path_factory.mktemp("bulk") / "news.jsonl"
    write(path, 1020, seed=23)
    return list(extract_records([ROOT / "seeds", path], workers=2))


@pytest.fixture(scope="module")
def scratch_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of a second local server: its own GEOKG_HOME and ports (the jars are shared)."""
    home = tmp_path_factory.mktemp("bulk-home")
    env = {"GEOKG_HOME": str(home), "GEOKG_BOLT_PORT": str(_free_port()), "GEOKG_HTTP_PORT": str(_free_port())}
    if config.neo4j_settings().external:
        pytest.skip("NEO4J_URI is set: the bulk path imports into a local server")
    yield env
    with _environment(env), contextlib.suppress(Exception):
        neo4j_local.stop()


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        yield


def _geokg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], env={**os.environ, **env}, cwd=ROOT,
                          capture_output=True, text=True, timeout=900)


def test_bulk_import_equals_an_incremental_load(clean_db: neo4j.Driver, records: list[dict[str, Any]],
                                                 scratch_env: dict[str, str], tmp_path: Path) -> None:
    first, later = records[:1000], records[1000:]
    database = config.neo4j_settings().database
    loaded = load_records(clean_db, first, database=database)
    want = (_counts(clean_db, database), _answers(clean_db, database), verify.stored(clean_db, database))

    folder = tmp_path / "import"
    report = export_neo4j_admin(first, folder)
    assert (report.articles_loaded, report.skipped) == (1000, [])
    assert report.summary() == loaded.summary()  # the same nodes, relationships and people merged

    # the second server holds data: the import refuses it, then replaces it when asked
    with _environment(scratch_env):
        settings = neo4j_local.ensure_running()
        with db.driver(settings) as drv:
            load_records(drv, later[:5], database=settings.database)
    refused = _geokg(scratch_env, "neo4j", "import", str(folder))
    assert refused.returncode == 1 and "--overwrite" in refused.stderr
    done = _geokg(scratch_env, "neo4j", "import", str(folder), "--overwrite")
    assert done.returncode == 0, done.stderr + done.stdout
    entities = sum(n for (kind, labels), n in want[0].items() if kind == "node" and "Entity" in labels)
    relationships = sum(n for (kind, _), n in want[0].items() if kind == "rel")
    assert done.stdout.splitlines()[-1] == (
        f"imported 1000 articles, {entities} entities and {relationships} relationships (with the summaries) "
        f"into {config.neo4j_settings().database}; migrations applied: [1, 2, 3, 4, 5]")

    with _environment(scratch_env):
        settings = neo4j_local.ensure_running()
        with db.driver(settings) as drv:
            got = (_counts(drv, settings.database), _answers(drv, settings.database),
                   verify.stored(drv, settings.database))
            assert got[0] == want[0]
            assert got[1] == want[1]
            assert got[2] == want[2]

            # incremental loads carry on from the imported graph as from the loaded one
            load_records(drv, later, database=settings.database)
            load_records(clean_db, later, database=database)
            assert _counts(drv, settings.database) == _counts(clean_db, database)
            assert _answers(drv, settings.database) == _answers(clean_db, database)
            assert verify.differences(drv, settings.database) == []
