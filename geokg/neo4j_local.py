"""The local Neo4j Community server: fetch it with Maven, configure it, start and stop it.

Where things live (nothing here touches the disk before a function is called)::

    cache_dir()/neo4j-<version>/lib/        the server's jars, copied by Maven from docker/neo4j-local/pom.xml
    cache_dir()/neo4j-<version>/COMPLETE    written after a complete copy (holds the pom's digest)
    geokg_home()/neo4j/conf/neo4j.conf      regenerated from the settings at every start
    geokg_home()/neo4j/{data,logs,run,plugins,import}/
    geokg_home()/neo4j/password             the password of user neo4j, mode 0600

The server listens on 127.0.0.1 only, with authentication on. When NEO4J_URI is set the local
server is not used at all: ``start`` and ``stop`` say so and do nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from geokg import config
from geokg.errors import ConfigError, Neo4jUnavailable

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
MIN_JAVA = 17
INITIAL_PASSWORD = "neo4j"  # what a fresh server accepts once, before the password is changed
STOP_GRACE_SECONDS = 60.0

# The options Neo4j's own launcher passes (its neo4j.conf server.jvm.additional defaults).
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)

# Servers this process started: kept so that their exit is reaped (no zombie looks alive).
_SPAWNED: dict[int, subprocess.Popen[bytes]] = {}


# --- paths and pure helpers -----------------------------------------------------------------
@dataclass(frozen=True)
class ServerPaths:
    """Where one local server keeps its jars (``dist``) and its state (``home``)."""

    home: Path
    dist: Path
    version: str

    @property
    def lib(self) -> Path:
        return self.dist / "lib"

    @property
    def marker(self) -> Path:
        return self.dist / "COMPLETE"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def run(self) -> Path:
        return self.home / "run"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    def state_dirs(self) -> tuple[Path, ...]:
        return (self.conf_dir, self.data, self.logs, self.run, self.home / "plugins", self.home / "import")


@dataclass(frozen=True)
class Memory:
    """Heap and page cache, in MiB."""

    heap_mb: int
    pagecache_mb: int


def pom_path() -> Path:
    return Path(__file__).resolve().parent.parent / "docker" / "neo4j-local" / "pom.xml"


def pom_version(pom: Path | None = None) -> str:
    """The Neo4j version the pom assembles, e.g. ``'5.26.30'``."""
    pom = pom or pom_path()
    try:
        root = ET.parse(pom).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ConfigError(f"cannot read the Neo4j pom {pom}: {exc} (needs a source checkout)") from None
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = root.findtext("m:properties/m:neo4j.version", namespaces=ns)
    if not version:
        raise ConfigError(f"{pom} has no <neo4j.version> property")
    return version.strip()


def server_paths(env: Mapping[str, str] | None = None, pom: Path | None = None) -> ServerPaths:
    """The local server's folders, from GEOKG_HOME / GEOKG_CACHE and the pom's version."""
    version = pom_version(pom)
    return ServerPaths(
        home=config.geokg_home(env) / "neo4j",
        dist=config.cache_dir(env) / f"neo4j-{version}",
        version=version,
    )


def memory_for(total_bytes: int) -> Memory:
    """Modest sizes for a laptop, from the machine's total memory.

    >>> memory_for(16 * 2**30)
    Memory(heap_mb=1024, pagecache_mb=512)
    """
    gib = total_bytes / 2**30
    if gib < 4:
        return Memory(heap_mb=512, pagecache_mb=256)
    if gib < 8:
        return Memory(heap_mb=768, pagecache_mb=384)
    return Memory(heap_mb=1024, pagecache_mb=512)


def total_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 4 * 2**30


def render_conf(paths: ServerPaths, settings: config.Neo4jSettings, memory: Memory) -> str:
    """The neo4j.conf of the local server: loopback only, auth on, our folders and ports."""
    lines = [
        "# Written by geokg at every `geokg neo4j start`; edits are overwritten.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{settings.bolt_port}",
        f"server.bolt.advertised_address=127.0.0.1:{settings.bolt_port}",
        f"server.http.listen_address=127.0.0.1:{settings.http_port}",
        f"server.http.advertised_address=127.0.0.1:{settings.http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        f"server.directories.data={paths.data}",
        f"server.directories.logs={paths.logs}",
        f"server.directories.run={paths.run}",
        f"server.directories.plugins={paths.home / 'plugins'}",
        f"server.directories.import={paths.home / 'import'}",
        f"server.memory.heap.initial_size={memory.heap_mb}m",
        f"server.memory.heap.max_size={memory.heap_mb}m",
        f"server.memory.pagecache.size={memory.pagecache_mb}m",
        # Transaction logs older than the last checkpoint are kept up to 1 GiB, not the default
        # 2 days: a day's load of 100,000 articles wrote 5.5 GB of them (summaries rewritten per batch).
        "db.tx_log.rotation.retention_policy=1G size",
    ]
    limit = config.tx_memory()
    if limit is not None:
        lines.append(f"db.memory.transaction.max={limit}")
    return "\n".join(lines) + "\n"


def jvm_command(java: str, paths: ServerPaths, memory: Memory) -> list[str]:
    return [
        java,
        f"-Xms{memory.heap_mb}m",
        f"-Xmx{memory.heap_mb}m",
        *JVM_OPTIONS,
        "-cp",
        f"{paths.lib}/*",
        ENTRY_POINT,
        f"--home-dir={paths.home}",
        f"--config-dir={paths.conf_dir}",
    ]


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True when something already listens on ``host:port`` (a server would fail to bind it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As servers do: lingering TIME_WAIT connections must not count as "in use".
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def parse_java_version(text: str) -> int | None:
    """The major version in ``java -version`` output: ``'openjdk version "17.0.15"'`` -> 17."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        return None
    major = int(match[1])
    return int(match[2] or 0) if major == 1 else major


# --- the machine: java, maven, processes ------------------------------------------------------
def find_java() -> str:
    """The java binary (JAVA_HOME first, then PATH), checked to be version 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise Neo4jUnavailable(
            f"Java {MIN_JAVA} or newer is needed to run Neo4j and none was found "
            "(install it, e.g. `apt-get install openjdk-17-jre-headless`, or set JAVA_HOME)"
        )
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Neo4jUnavailable(f"cannot run {java} -version: {exc}") from None
    version = parse_java_version(out.stderr + out.stdout)
    if version is None or version < MIN_JAVA:
        raise Neo4jUnavailable(
            f"{java} is Java {version or 'of unknown version'}; Neo4j {pom_version()} needs Java {MIN_JAVA} "
            "or newer: install it or point JAVA_HOME at one"
        )
    return java


def fetch_jars(paths: ServerPaths, pom: Path | None = None) -> None:
    """Copy the server's jars into ``paths.lib`` with Maven, unless a complete copy is there."""
    pom = pom or pom_path()
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()
    if paths.marker.exists() and paths.marker.read_text().strip() == digest:
        return
    with _locked(paths.dist):
        if not (paths.marker.exists() and paths.marker.read_text().strip() == digest):
            _maven_copy(paths, pom, digest)


def _maven_copy(paths: ServerPaths, pom: Path, digest: str) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jUnavailable(
            f"Maven (mvn) is needed once to fetch Neo4j {paths.version} from Maven Central into "
            f"{paths.lib}: install it (e.g. `apt-get install maven`) and run `geokg neo4j start` again"
        )
    partial = paths.dist / "lib.partial"
    paths.marker.unlink(missing_ok=True)
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(paths.lib, ignore_errors=True)
    cmd = [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
           f"-DoutputDirectory={partial}", "-DincludeScope=runtime"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0 or not any(partial.glob("*.jar")):
        tail = _tail_text(done.stdout + done.stderr, 30)
        raise Neo4jUnavailable(
            f"Maven could not fetch Neo4j {paths.version} (exit {done.returncode}); "
            f"check the network and ~/.m2. Its output ends with:\n{tail}"
        )
    partial.rename(paths.lib)
    paths.marker.write_text(digest + "\n")


def _alive(pid: int) -> bool:
    child = _SPAWNED.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_our_server(pid: int, paths: ServerPaths) -> bool:
    """The pid runs this home's Neo4j (not a stranger that reused a stale pid)."""
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc (macOS): trust the pid file
    return ENTRY_POINT.encode() in cmdline and f"--home-dir={paths.home}".encode() in cmdline


def running_pid(paths: ServerPaths) -> int | None:
    """The pid of the running local server, or None (a stale pid file is removed)."""
    try:
        pid = int(paths.pid_file.read_text().strip())
    except (OSError, ValueError):
        pid = None
    if pid is not None and _is_our_server(pid, paths):
        return pid
    paths.pid_file.unlink(missing_ok=True)
    return None


def _wait_exit(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.2)
    return not _alive(pid)


def _tail_text(text: str, lines: int) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines()[-lines:])


def log_tails(paths: ServerPaths, lines: int = 20) -> str:
    """The last lines of the server's logs, for error messages."""
    parts = []
    for log in (paths.logs / "neo4j.log", paths.logs / "debug.log", paths.console_log):
        with contextlib.suppress(OSError):
            text = log.read_text(errors="replace")
            if text.strip():
                parts.append(f"--- last lines of {log}:\n{_tail_text(text, lines)}")
    return "\n".join(parts) or f"(no logs in {paths.logs})"


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One process at a time in ``folder`` (one start/stop per home, one fetch per jar cache)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by the user only."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)
    os.replace(tmp, path)


# --- Bolt: waiting and the password -------------------------------------------------------------
def _bolt_answers(uri: str, auth: tuple[str, str]) -> bool:
    """True once Bolt accepts ``auth``; False while it cannot be reached. AuthError propagates."""
    with neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=5) as drv:
        try:
            drv.verify_connectivity()
        except AuthError:
            raise
        except (DriverError, Neo4jError, OSError):
            return False
    return True


def _wait_for_bolt(pid: int, settings: config.Neo4jSettings, paths: ServerPaths,
                   auth: tuple[str, str], deadline: float, timeout: int) -> None:
    while True:
        if not _alive(pid):
            code = _SPAWNED[pid].returncode if pid in _SPAWNED else "unknown"
            paths.pid_file.unlink(missing_ok=True)
            raise Neo4jUnavailable(
                f"Neo4j exited while starting (exit code {code}).\n{log_tails(paths)}"
            )
        if _tcp_open(settings.bolt_port) and _bolt_answers(settings.uri, auth):
            return
        if time.monotonic() > deadline:
            raise Neo4jUnavailable(
                f"Neo4j (pid {pid}) did not answer on {settings.uri} within {timeout} s. It may still be "
                "starting: wait with `geokg neo4j start --timeout 600`, or stop it with `geokg neo4j stop`.\n"
                f"{log_tails(paths)}"
            )
        time.sleep(0.5)


def _tcp_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


def _set_initial_password(settings: config.Neo4jSettings, paths: ServerPaths) -> None:
    """First start: replace neo4j/neo4j by a strong password, stored before it is set."""
    pending = paths.home / "password.new"
    if not pending.exists():
        _write_private(pending, secrets.token_urlsafe(24) + "\n")
    new = pending.read_text().strip()
    try:
        initial = (config.LOCAL_USER, INITIAL_PASSWORD)
        with (
            neo4j.GraphDatabase.driver(settings.uri, auth=initial) as drv,
            drv.session(database="system") as session,
        ):
            query = "ALTER CURRENT USER SET PASSWORD FROM $old TO $new"
            session.run(query, old=INITIAL_PASSWORD, new=new).consume()
    except AuthError:
        # An earlier start may have set it and stopped before renaming the file: try it.
        try:
            _bolt_answers(settings.uri, (config.LOCAL_USER, new))
        except AuthError:
            raise Neo4jUnavailable(
                f"the Neo4j in {paths.data} already has a password and {paths.password_file} is missing: "
                "put the password back in that file (one line), or delete "
                f"{paths.data} to start with an empty database"
            ) from None
    os.replace(pending, paths.password_file)


def read_password(paths: ServerPaths | None = None) -> str:
    """The local server's password (user neo4j), from its 0600 file."""
    paths = paths or server_paths()
    try:
        return paths.password_file.read_text().strip()
    except FileNotFoundError:
        raise Neo4jUnavailable(
            f"the local Neo4j has no password yet ({paths.password_file} is missing): "
            "run `geokg neo4j start` first"
        ) from None


# --- the commands -----------------------------------------------------------------------------
def _not_used(settings: config.Neo4jSettings) -> str:
    return f"NEO4J_URI is set ({settings.uri}): the local Neo4j server is not used"


def _describe(settings: config.Neo4jSettings, paths: ServerPaths) -> str:
    return (
        f"{settings.uri}, Neo4j Browser {settings.browser_url} (user {config.LOCAL_USER}, "
        f"password: `geokg neo4j password`); data in {paths.data}"
    )


def start(timeout: int = 180) -> str:
    """Fetch the server (first time only), start it and wait until Bolt answers. Safe to repeat.

    >>> start()  # doctest: +ELLIPSIS
    'Neo4j 5.26... running (pid ...): bolt://127.0.0.1:..., Neo4j Browser http://127.0.0.1:.../browser/ ...'

    ("started" the first time, "already running" after.)
    """
    settings = config.neo4j_settings()
    if settings.external:
        return _not_used(settings)
    paths = server_paths()
    with _locked(paths.home):
        memory = memory_for(total_memory())
        conf = render_conf(paths, settings, memory)
        pid = running_pid(paths)
        if pid is not None:
            if paths.conf_file.exists() and paths.conf_file.read_text() != conf:
                return (f"Neo4j already running (pid {pid}) with other settings: "
                        "run `geokg neo4j stop`, then start again to apply them")
            word = "already running"
        else:
            ports = (("GEOKG_BOLT_PORT", settings.bolt_port), ("GEOKG_HTTP_PORT", settings.http_port))
            for name, port in ports:
                if port_in_use(port):
                    raise Neo4jUnavailable(
                        f"port 127.0.0.1:{port} is already taken by another program (see `ss -ltnp`): "
                        f"stop it, or choose another port with {name}=..."
                    )
            java = find_java()
            fetch_jars(paths)
            pid = _spawn(java, paths, memory, conf)
            word = "started"
        first = not paths.password_file.exists()
        auth = (config.LOCAL_USER, INITIAL_PASSWORD if first else read_password(paths))
        try:
            _wait_for_bolt(pid, settings, paths, auth, time.monotonic() + timeout, timeout)
        except AuthError:
            if not first:
                raise Neo4jUnavailable(
                    f"the local Neo4j refuses the password in {paths.password_file}: put the right one "
                    f"there (if {paths.data} was deleted, delete that file too and start again)"
                ) from None
        if first:
            _set_initial_password(settings, paths)
        return f"Neo4j {paths.version} {word} (pid {pid}): {_describe(settings, paths)}"


def _spawn(java: str, paths: ServerPaths, memory: Memory, conf: str) -> int:
    for folder in paths.state_dirs():
        folder.mkdir(parents=True, exist_ok=True)
    paths.conf_file.write_text(conf)
    with open(paths.console_log, "ab") as out:
        out.write(f"\n--- geokg neo4j start, {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
        out.flush()
        child = subprocess.Popen(
            jvm_command(java, paths, memory),
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            cwd=paths.home, start_new_session=True,
        )
    _SPAWNED[child.pid] = child
    paths.pid_file.write_text(f"{child.pid}\n")
    return child.pid


def stop() -> str:
    """Stop the local server: SIGTERM, then SIGKILL after a grace period. Its data stays.

    It returns ``'Neo4j stopped (pid 4242)'``, or ``'Neo4j is not running (data in …)'``
    (tests/test_neo4j_local.py checks both: stopping the server here would stop the doctests').
    """
    settings = config.neo4j_settings()
    if settings.external:
        return _not_used(settings)
    paths = server_paths()
    with _locked(paths.home):
        pid = running_pid(paths)
        if pid is None:
            return f"Neo4j is not running (data in {paths.data})"
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        how = ""
        if not _wait_exit(pid, STOP_GRACE_SECONDS):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_exit(pid, 10)
            how = f" with SIGKILL after {STOP_GRACE_SECONDS:.0f} s"
        _SPAWNED.pop(pid, None)
        paths.pid_file.unlink(missing_ok=True)
        return f"Neo4j stopped (pid {pid}){how}"


def status() -> str:
    """One line: running or not, where, and where the data lives."""
    settings = config.neo4j_settings()
    if settings.external:
        return f"{_not_used(settings)}; using user {settings.username}, database {settings.database}"
    paths = server_paths()
    pid = running_pid(paths)
    if pid is None:
        return f"Neo4j {paths.version} is not running (data in {paths.data}): `geokg neo4j start` starts it"
    answering = "" if _tcp_open(settings.bolt_port) else " but not answering yet"
    return f"Neo4j {paths.version} running (pid {pid}){answering}: {_describe(settings, paths)}"


def password() -> str:
    """The local server's password, for user neo4j."""
    settings = config.neo4j_settings()
    if settings.external:
        raise ConfigError(f"{_not_used(settings)}; its password is the one in NEO4J_PASSWORD")
    return read_password()


def ensure_running(timeout: int = 180) -> config.Neo4jSettings:
    """Settings of a server that answers: NEO4J_URI's as they are, else the local one, started if needed.

    >>> ensure_running().uri  # doctest: +ELLIPSIS
    'bolt://127.0.0.1:...'
    """
    settings = config.neo4j_settings()
    if settings.external:
        return settings
    start(timeout=timeout)
    return replace(settings, password=read_password())
