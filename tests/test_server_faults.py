"""Faults against a real server (issue 11.7), on a second local Neo4j with its own GEOKG_HOME
and free ports, started for these tests and stopped after them: the user's data and the
configured server are never touched.

Neo4j stopped mid-load: a clear error, exit status 1, and a rerun gives the graph of a clean
load. Restarted mid-load: the driver's retries ride it out. A load killed with -9 and rerun,
and two overlapping loads, give the graph of one clean load. (A stop and a start take about a
minute on a busy machine, so one test has both an impatient load that fails and a patient one
that rides the restart out.) The server is stopped with SIGKILL, as a crash or the kernel's
OOM killer would: `geokg neo4j stop` lets Neo4j finish its running transactions for up to
10 s first, and a load of this size is done by then.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import graphdump
import neo4j
import pytest

from geokg import config, neo4j_local
from graph.writer import load_records
from loaders.pipeline import extract_inputs, read_extractions

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
COPIES = 10  # of the seed's 20 articles in each of two files: 400 records in all, batches of 10
MIDWAY = 15  # articles of a file stored when the fault comes
LOAD = ("--batch-size", "10", "--no-progress")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert port not in (config.DEFAULT_BOLT_PORT, config.DEFAULT_HTTP_PORT)
    return port


def wipe(driver: neo4j.Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def graph(driver: neo4j.Driver, database: str) -> tuple[set[str], set[str], int, int]:
    """The graph, less system times, with the counts (a set would hide a duplicate)."""
    nodes, rels = graphdump.snapshot(driver, database, ignore=("loaded_at", "applied_at"))
    counts = driver.execute_query("RETURN count{ () } AS n, count{ ()-[]->() } AS r", database_=database).records[0]
    return nodes, rels, counts["n"], counts["r"]


class Server:
    """A local Neo4j of its own, driven through the real command line."""

    def __init__(self, home: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        self.env.update(GEOKG_HOME=str(home), GEOKG_BOLT_PORT=str(free_port()), GEOKG_HTTP_PORT=str(free_port()))
        self.home = home
        self._driver: neo4j.Driver | None = None

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "geokg.cli", *args]

    def cli(self, *args: str, timeout: float = 400) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(*args), env=self.env, cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout)

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(self.command(*args), env=self.env, cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            settings = config.neo4j_settings(self.env)
            password = neo4j_local.read_password(neo4j_local.server_paths(self.env))
            self._driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.username, password),
                                                      notifications_min_severity="OFF")
        return self._driver

    def articles(self, part: str = "") -> int:
        """Articles stored (of one file: ``#a`` or ``#b``), or -1 when the server does not answer
        (asked once: no retries)."""
        try:
            with self.driver.session(database=config.LOCAL_DATABASE) as session:
                return session.run("MATCH (a:Article) WHERE a.id CONTAINS $part RETURN count(a) AS n",
                                   part=part).single(strict=True)["n"]
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError):
            return -1

    def wipe(self) -> None:
        wipe(self.driver, config.LOCAL_DATABASE)

    def graph(self) -> tuple[set[str], set[str], int, int]:
        return graph(self.driver, config.LOCAL_DATABASE)

    def drop_schema(self) -> None:
        """Drop every constraint and index (but the lookup indexes): a new database."""
        with self.driver.session(database=config.LOCAL_DATABASE) as session:
            for r in list(session.run("SHOW CONSTRAINTS YIELD name")):
                session.run(f"DROP CONSTRAINT `{r['name']}`").consume()
            for r in list(session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")):
                session.run(f"DROP INDEX `{r['name']}`").consume()

    def crash(self) -> None:
        """Stop the server at once (SIGKILL)."""
        pid = neo4j_local.running_pid(neo4j_local.server_paths(self.env))
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: neo4j_local.running_pid(neo4j_local.server_paths(self.env)) is None, timeout=30)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()


def second_server(home: Path, **env: str) -> Iterator[Server]:
    """A second server in ``home`` (with ``env`` on top of the tests' own), started, and
    stopped and removed after: the body of a module fixture."""
    srv = Server(home)
    srv.env.update(env)
    t0 = time.monotonic()
    started = srv.cli("neo4j", "start")
    assert started.returncode == 0, started.stdout + started.stderr
    print(f"second server started in {time.monotonic() - t0:.0f} s")
    try:
        yield srv
    finally:
        srv.close()
        srv.cli("neo4j", "stop")
        shutil.rmtree(srv.home, ignore_errors=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from second_server(tmp_path_factory.mktemp("second-neo4j"))


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Extraction files ``a`` and ``b`` (copies of the seed's records under other article ids)
    and ``ab``, the two in one."""
    seed = [x.to_json() for x in extract_inputs([ROOT / "seeds"])]
    folder = tmp_path_factory.mktemp("records")
    lines = {part: [json.dumps({**rec, "article_id": f"{rec['article_id']}#{part}{k}"}, ensure_ascii=False) + "\n"
                    for k in range(COPIES) for rec in seed] for part in "ab"}
    paths = {name: folder / f"{name}.jsonl" for name in ("a", "b", "ab")}
    paths["a"].write_text("".join(lines["a"]), encoding="utf-8")
    paths["b"].write_text("".join(lines["b"]), encoding="utf-8")
    paths["ab"].write_text("".join(lines["a"] + lines["b"]), encoding="utf-8")
    return paths


ALL = 2 * 20 * COPIES


@pytest.fixture(scope="module")
def clean_graph(neo4j_driver: neo4j.Driver, records: dict[str, Path],
                wipe_graph: Callable[[neo4j.Driver], None]) -> tuple[set[str], set[str], int, int]:
    """The graph of one clean load of ``ab``, made on the tests' usual server (warm, so quicker
    than the second one), in batches of the same size."""
    settings = config.neo4j_settings()
    wipe_graph(neo4j_driver)
    report = load_records(neo4j_driver, read_extractions(records["ab"]), database=settings.database, batch_size=10)
    assert (report.articles_loaded, report.skipped) == (ALL, [])
    return graph(neo4j_driver, settings.database)


def wait_for(condition: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def load(server: Server, path: Path, *extra: str) -> subprocess.Popen[str]:
    return server.popen("load", "--extracted", str(path), *LOAD, *extra)


def running(*loads: subprocess.Popen[str]) -> bool:
    """True while every load runs; a load that ended before its fault fails the test with its output."""
    for each in loads:
        if each.poll() is not None:
            out, err = each.communicate()
            pytest.fail(f"a load ended before the fault (status {each.returncode}):\n{out}\n{err[-3000:]}")
    return True


def test_neo4j_stopped_then_restarted_mid_load(server: Server, records: dict[str, Path], clean_graph: tuple) -> None:
    server.wipe()
    patient = load(server, records["a"], "--retry-seconds", "900")  # outlasts a slow stop on a loaded machine
    impatient = load(server, records["b"], "--retry-seconds", "5")
    wait_for(lambda: running(patient, impatient) and min(server.articles("#a"), server.articles("#b")) >= MIDWAY,
             timeout=300)
    server.crash()
    _, err = impatient.communicate(timeout=300)  # gives up while the server is down
    assert impatient.returncode == 1, err
    message = err.strip().splitlines()[-1]
    assert message.startswith("geokg: Neo4j stopped answering during the load and did not come back within 5 s (")
    stored = int(re.search(r"\); (\d+) articles were stored and are kept\. ", message)[1])
    assert MIDWAY <= stored < 20 * COPIES
    assert message.endswith("Start it and run the same command again: what is already stored is not duplicated")
    assert patient.poll() is None  # still retrying
    assert server.cli("neo4j", "start").returncode == 0
    out, err = patient.communicate(timeout=400)
    assert patient.returncode == 0, err
    assert "will be retried" in err  # the loader's log of its retries (graph/writer.py)
    assert f"articles read {20 * COPIES}, loaded {20 * COPIES}, skipped 0" in out
    rerun = server.cli("load", "--extracted", str(records["b"]), *LOAD)  # what the message says to do
    assert rerun.returncode == 0, rerun.stderr
    assert server.graph() == clean_graph


def test_load_killed_with_9_and_rerun(server: Server, records: dict[str, Path], clean_graph: tuple) -> None:
    server.wipe()
    killed = load(server, records["ab"])
    wait_for(lambda: running(killed) and server.articles() >= MIDWAY, timeout=300)
    killed.kill()
    killed.wait(timeout=60)
    assert MIDWAY <= server.articles() < ALL
    rerun = server.cli("load", "--extracted", str(records["ab"]), *LOAD)
    assert rerun.returncode == 0, rerun.stderr
    assert server.graph() == clean_graph


def test_two_overlapping_loads_give_one_graph(server: Server, records: dict[str, Path], clean_graph: tuple) -> None:
    server.wipe()
    first = load(server, records["ab"])
    wait_for(lambda: running(first) and server.articles() >= MIDWAY, timeout=300)
    second = load(server, records["ab"])
    for each in (first, second):
        _, err = each.communicate(timeout=400)
        assert each.returncode == 0, err
    assert server.graph() == clean_graph


def test_two_first_loads_at_once_on_a_new_database(server: Server, records: dict[str, Path],
                                                   clean_graph: tuple) -> None:
    # Both apply the schema migrations; their schema locks deadlocked and one load ended with
    # an internal error before the migrations ran in retried transactions. Then the second
    # one rebuilt the summaries (migration 4) while the first was writing, and both took
    # the same articles for new and created their mentions twice (read-committed reads):
    # now migrations and batches take the writers' lock (graph/turns.py) first.
    server.wipe()
    server.drop_schema()
    loads = [load(server, records["ab"]) for _ in range(2)]
    for each in loads:
        _, err = each.communicate(timeout=400)
        assert each.returncode == 0, err
    assert server.graph() == clean_graph
