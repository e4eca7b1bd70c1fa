"""The local Neo4j server: integration tests against the real one, and its failure paths.

Tests marked ``neo4j`` talk to the server over Bolt and HTTP (no mocks); they are skipped when
NEO4J_URI points at another server, which these tests must not stop. The others check what
``start`` says when Java, Maven or a port is wrong, with a throwaway GEOKG_HOME.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import os
import re
import secrets
import socket
import stat
import struct
import subprocess
import sys
import urllib.request
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner
from neo4j.exceptions import AuthError

from geokg import config, neo4j_local
from geokg.cli import main
from geokg.errors import Neo4jUnavailable


@pytest.fixture
def local(neo4j_driver: neo4j.Driver) -> config.Neo4jSettings:
    """The running local server's settings; skips when NEO4J_URI names another server."""
    settings = config.neo4j_settings()
    if settings.external:
        pytest.skip("NEO4J_URI is set: the local server is not in use")
    return settings


def _count(drv: neo4j.Driver, database: str, mark: str) -> int:
    records, _, _ = drv.execute_query(
        "MATCH (n:GeokgTestMark {mark: $mark}) RETURN count(n) AS n", mark=mark, database_=database
    )
    return int(records[0]["n"])


# --- live server ------------------------------------------------------------------------------
@pytest.mark.neo4j
def test_start_twice_is_harmless(local: config.Neo4jSettings) -> None:
    paths = neo4j_local.server_paths()
    pid = neo4j_local.running_pid(paths)
    assert pid is not None
    assert neo4j_local.start() == (
        f"Neo4j {paths.version} already running (pid {pid}): {local.uri}, Neo4j Browser {local.browser_url} "
        f"(user neo4j, password: `geokg neo4j password`); data in {paths.data}")
    assert neo4j_local.running_pid(paths) == pid


@pytest.mark.neo4j
def test_data_survives_stop_and_start(local: config.Neo4jSettings, neo4j_driver: neo4j.Driver) -> None:
    paths = neo4j_local.server_paths()
    mark = secrets.token_hex(8)
    neo4j_driver.execute_query("CREATE (:GeokgTestMark {mark: $mark})", mark=mark, database_=local.database)
    old_pid = neo4j_local.running_pid(paths)
    try:
        assert re.fullmatch(rf"Neo4j stopped \(pid {old_pid}\)( with SIGKILL after \d+ s)?", neo4j_local.stop())
        assert neo4j_local.running_pid(paths) is None
        assert not neo4j_local.port_in_use(local.bolt_port)
    finally:
        neo4j_local.start()  # the other tests need the server back, whatever happened above
    assert neo4j_local.running_pid(paths) not in (None, old_pid)
    # The session driver's pooled connections died with the old server; it must recover.
    assert _count(neo4j_driver, local.database, mark) == 1
    neo4j_driver.execute_query("MATCH (n:GeokgTestMark {mark: $mark}) DELETE n", mark=mark,
                               database_=local.database)


@pytest.mark.neo4j
def test_wrong_password_is_refused(local: config.Neo4jSettings) -> None:
    wrong = (local.username, "not-" + secrets.token_urlsafe(16))
    with neo4j.GraphDatabase.driver(local.uri, auth=wrong) as drv, pytest.raises(AuthError):
        drv.verify_connectivity()


def _listening(proc_file: Path) -> list[tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, int, str]]:
    """(address, port, inode) of the LISTEN sockets in /proc/net/tcp or tcp6."""
    found = []
    for line in proc_file.read_text().splitlines()[1:]:
        fields = line.split()
        address, port_hex = fields[1].split(":")
        if fields[3] != "0A":  # TCP_LISTEN
            continue
        words = [struct.pack("=I", int(address[i:i + 8], 16)) for i in range(0, len(address), 8)]
        found.append((ipaddress.ip_address(b"".join(words)), int(port_hex, 16), fields[9]))
    return found


def _is_loopback(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:["):-1])
    return inodes


def _non_loopback_addresses() -> set[str]:
    found = set()
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: picks the outgoing interface, sends nothing
        found.add(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        for *_, sockaddr in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(sockaddr[0]))
    return {ip for ip in found if not ipaddress.ip_address(ip).is_loopback}


@pytest.mark.neo4j
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net")
def test_nothing_listens_beyond_loopback(local: config.Neo4jSettings) -> None:
    sockets = _listening(Path("/proc/net/tcp")) + _listening(Path("/proc/net/tcp6"))
    ports = {local.bolt_port, local.http_port}
    on_our_ports = [(ip, port) for ip, port, _ in sockets if port in ports]
    assert {port for _, port in on_our_ports} == ports
    assert [(str(ip), port) for ip, port in on_our_ports if not _is_loopback(ip)] == []

    pid = neo4j_local.running_pid(neo4j_local.server_paths())
    assert pid is not None
    inodes = _socket_inodes(pid)
    servers = [(str(ip), port) for ip, port, inode in sockets if inode in inodes]
    assert servers and all(_is_loopback(ipaddress.ip_address(ip)) for ip, _ in servers), servers

    for ip in _non_loopback_addresses():
        for port in ports:
            with pytest.raises(OSError):
                socket.create_connection((ip, port), timeout=3).close()


@pytest.mark.neo4j
def test_browser_page_is_served(local: config.Neo4jSettings) -> None:
    with urllib.request.urlopen(local.browser_url, timeout=30) as response:
        assert response.status == 200
        assert "Neo4j Browser" in response.read().decode("utf-8", "replace")


@pytest.mark.neo4j
def test_password_file_is_private_and_printed(local: config.Neo4jSettings) -> None:
    paths = neo4j_local.server_paths()
    assert stat.S_IMODE(paths.password_file.stat().st_mode) == 0o600
    result = CliRunner().invoke(main, ["neo4j", "password"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == neo4j_local.read_password()
    with neo4j.GraphDatabase.driver(local.uri, auth=(local.username, result.output.strip())) as drv:
        drv.verify_connectivity()


# --- failure paths, no server ---------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> neo4j_local.ServerPaths:
    """A throwaway GEOKG_HOME and GEOKG_CACHE on free ports, with a fake but complete jar cache."""
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "JAVA_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GEOKG_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GEOKG_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("GEOKG_BOLT_PORT", str(_free_port()))
    monkeypatch.setenv("GEOKG_HTTP_PORT", str(_free_port()))
    paths = neo4j_local.server_paths()
    paths.lib.mkdir(parents=True)
    (paths.lib / "placeholder.jar").write_bytes(b"")
    paths.marker.write_text(hashlib.sha256(neo4j_local.pom_path().read_bytes()).hexdigest())
    return paths


def _fake_java(folder: Path, version_line: str, run_output: str, code: int) -> Path:
    """A JAVA_HOME whose bin/java reports ``version_line`` and, run for real, prints and exits."""
    java = folder / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text(
        "#!/bin/sh\n"
        f"if [ \"$1\" = -version ]; then echo '{version_line}' >&2; exit 0; fi\n"
        f"echo '{run_output}'; exit {code}\n"
    )
    java.chmod(0o755)
    return folder


@pytest.mark.parametrize(
    ("version_line", "accepted"),
    [
        ('openjdk version "17.0.15" 2025-04-15', True),
        ('openjdk version "21" 2023-09-19', True),
        ('java version "1.8.0_392"', False),
        ('openjdk version "11.0.22" 2024-01-16', False),
        ("something else entirely", False),
    ],
)
def test_find_java_checks_the_version(
    version_line: str, accepted: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(_fake_java(tmp_path, version_line, "", 0)))
    if accepted:
        assert neo4j_local.find_java() == str(tmp_path / "bin" / "java")
    else:
        with pytest.raises(Neo4jUnavailable, match="needs Java 17 or newer"):
            neo4j_local.find_java()


def test_missing_java_is_explained(scratch: neo4j_local.ServerPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(scratch.home))  # no java there
    with pytest.raises(Neo4jUnavailable, match="Java 17 or newer is needed"):
        neo4j_local.start(timeout=5)


def test_missing_maven_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOKG_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no mvn there
    with pytest.raises(Neo4jUnavailable, match=r"Maven \(mvn\) is needed"):
        neo4j_local.fetch_jars(neo4j_local.server_paths())


def test_a_server_that_exits_shows_its_log(
    scratch: neo4j_local.ServerPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    java_home = _fake_java(tmp_path / "jdk", 'openjdk version "17.0.15"', "Error: store is locked", 3)
    monkeypatch.setenv("JAVA_HOME", str(java_home))
    with pytest.raises(Neo4jUnavailable, match=r"(?s)exited while starting \(exit code 3\).*store is locked"):
        neo4j_local.start(timeout=30)
    assert neo4j_local.running_pid(scratch) is None


def test_a_taken_port_is_reported(scratch: neo4j_local.ServerPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        monkeypatch.setenv("GEOKG_HTTP_PORT", str(port))
        with pytest.raises(Neo4jUnavailable, match=f"127.0.0.1:{port} is already taken.*GEOKG_HTTP_PORT"):
            neo4j_local.start(timeout=5)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("kind", ["dead process", "alive but not Neo4j", "garbage"])
def test_stale_pid_files_are_cleared(kind: str, scratch: neo4j_local.ServerPaths) -> None:
    if kind == "alive but not Neo4j" and not Path("/proc/self/cmdline").exists():
        pytest.skip("without /proc a live pid cannot be told apart from our server")
    pid_text = {"dead process": str(_dead_pid()), "alive but not Neo4j": str(os.getpid())}.get(kind, kind)
    scratch.run.mkdir(parents=True)
    scratch.pid_file.write_text(pid_text)
    assert neo4j_local.running_pid(scratch) is None
    assert not scratch.pid_file.exists()
    assert neo4j_local.stop() == f"Neo4j is not running (data in {scratch.data})"
    assert neo4j_local.status() == (f"Neo4j {scratch.version} is not running (data in {scratch.data}): "
                                    "`geokg neo4j start` starts it")


def test_neo4j_uri_means_the_local_server_is_left_alone(
    scratch: neo4j_local.ServerPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    for command in (neo4j_local.start, neo4j_local.stop, neo4j_local.status):
        assert "not used" in command()
    assert neo4j_local.ensure_running().external
    assert not scratch.home.exists()
