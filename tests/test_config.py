"""Settings from the environment, and the local server's pure helpers (no server needed)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from geokg import config, neo4j_local
from geokg.errors import ConfigError

GIB = 2**30


@pytest.mark.parametrize(
    ("env", "uri", "external", "username", "database", "bolt", "http"),
    [
        ({}, "bolt://127.0.0.1:7687", False, "neo4j", "neo4j", 7687, 7474),
        ({"GEOKG_BOLT_PORT": "17687", "GEOKG_HTTP_PORT": "17474"},
         "bolt://127.0.0.1:17687", False, "neo4j", "neo4j", 17687, 17474),
        ({"NEO4J_DATABASE": "geo"}, "bolt://127.0.0.1:7687", False, "neo4j", "geo", 7687, 7474),
        ({"NEO4J_URI": "neo4j+s://abcd1234.databases.neo4j.io", "NEO4J_USERNAME": "analyst",
          "NEO4J_PASSWORD": "pw", "NEO4J_DATABASE": "news"},
         "neo4j+s://abcd1234.databases.neo4j.io", True, "analyst", "news", 7687, 7474),
        ({"NEO4J_URI": "bolt://db.internal:7687"},
         "bolt://db.internal:7687", True, "neo4j", "neo4j", 7687, 7474),
        ({"NEO4J_URI": "neo4j://cluster:7687", "GEOKG_BOLT_PORT": "7000"},
         "neo4j://cluster:7687", True, "neo4j", "neo4j", 7000, 7474),
        ({"NEO4J_URI": "bolt+ssc://10.0.0.5:7687"},
         "bolt+ssc://10.0.0.5:7687", True, "neo4j", "neo4j", 7687, 7474),
        ({"NEO4J_URI": "  "}, "bolt://127.0.0.1:7687", False, "neo4j", "neo4j", 7687, 7474),
    ],
)
def test_neo4j_settings(
    env: dict[str, str], uri: str, external: bool, username: str, database: str, bolt: int, http: int
) -> None:
    settings = config.neo4j_settings(env)
    assert (settings.uri, settings.external, settings.username, settings.database) == (
        uri, external, username, database)
    assert (settings.bolt_port, settings.http_port) == (bolt, http)
    assert settings.browser_url == f"http://127.0.0.1:{http}/browser/"


def test_local_settings_leave_the_password_to_the_password_file() -> None:
    assert config.neo4j_settings({}).password is None
    assert config.neo4j_settings({"NEO4J_URI": "bolt://h:7687", "NEO4J_PASSWORD": "s3"}).password == "s3"


@pytest.mark.parametrize(
    "env",
    [
        {"NEO4J_URI": "http://localhost:7474"},
        {"NEO4J_URI": "localhost:7687"},
        {"NEO4J_URI": "neo4j+x://host"},
        {"GEOKG_BOLT_PORT": "seven"},
        {"GEOKG_BOLT_PORT": "0"},
        {"GEOKG_HTTP_PORT": "65536"},
    ],
)
def test_bad_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        config.neo4j_settings(env)


@pytest.mark.parametrize(
    ("env", "home", "cache"),
    [
        ({}, "~/.local/share/geokg", "~/.cache/geokg"),
        ({"GEOKG_HOME": "/data/geokg", "GEOKG_CACHE": "/var/cache/geokg"}, "/data/geokg", "/var/cache/geokg"),
        ({"XDG_DATA_HOME": "/x/share", "XDG_CACHE_HOME": "/x/cache"}, "/x/share/geokg", "/x/cache/geokg"),
        ({"GEOKG_HOME": "/g", "XDG_DATA_HOME": "/x/share"}, "/g", "~/.cache/geokg"),
        ({"GEOKG_HOME": "~/kg"}, "~/kg", "~/.cache/geokg"),
    ],
)
def test_folders(env: dict[str, str], home: str, cache: str) -> None:
    assert config.geokg_home(env) == Path(home).expanduser()
    assert config.cache_dir(env) == Path(cache).expanduser()


def test_server_paths_follow_geokg_home_and_the_pom_version() -> None:
    paths = neo4j_local.server_paths({"GEOKG_HOME": "/g", "GEOKG_CACHE": "/c"})
    version = neo4j_local.pom_version()
    assert version.startswith("5.26.")
    assert paths.home == Path("/g/neo4j")
    assert paths.lib == Path(f"/c/neo4j-{version}/lib")
    assert paths.password_file == Path("/g/neo4j/password")
    assert paths.data == Path("/g/neo4j/data")


# --- the server's configuration ----------------------------------------------------------------
@pytest.mark.parametrize(("bolt", "http"), [(7687, 7474), (17687, 17474)])
def test_conf_listens_on_loopback_with_auth(bolt: int, http: int) -> None:
    env = {"GEOKG_HOME": "/g", "GEOKG_BOLT_PORT": str(bolt), "GEOKG_HTTP_PORT": str(http)}
    paths = neo4j_local.server_paths(env)
    conf = neo4j_local.render_conf(paths, config.neo4j_settings(env), neo4j_local.Memory(512, 256))
    settings = dict(line.split("=", 1) for line in conf.splitlines() if line and not line.startswith("#"))
    assert settings["server.default_listen_address"] == "127.0.0.1"
    assert settings["server.bolt.listen_address"] == f"127.0.0.1:{bolt}"
    assert settings["server.http.listen_address"] == f"127.0.0.1:{http}"
    assert all(v.startswith("127.0.0.1") for k, v in settings.items() if k.endswith("listen_address"))
    assert settings["server.https.enabled"] == "false"
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["server.directories.data"] == "/g/neo4j/data"
    assert settings["server.memory.heap.max_size"] == "512m"
    assert settings["server.memory.pagecache.size"] == "256m"
    assert settings["db.tx_log.rotation.retention_policy"] == "1G size"


@pytest.mark.parametrize(
    ("total", "heap", "pagecache"),
    [(2 * GIB, 512, 256), (4 * GIB, 768, 384), (7 * GIB, 768, 384), (8 * GIB, 1024, 512),
     (24 * GIB, 1024, 512), (256 * GIB, 1024, 512)],
)
def test_memory_stays_modest(total: int, heap: int, pagecache: int) -> None:
    assert neo4j_local.memory_for(total) == neo4j_local.Memory(heap, pagecache)


def test_jvm_command_runs_the_community_entry_point() -> None:
    paths = neo4j_local.server_paths({"GEOKG_HOME": "/g", "GEOKG_CACHE": "/c"})
    cmd = neo4j_local.jvm_command("/usr/bin/java", paths, neo4j_local.Memory(768, 384))
    assert cmd[0] == "/usr/bin/java"
    assert {"-Xms768m", "-Xmx768m", "-XX:+UseG1GC", "--add-opens=java.base/java.nio=ALL-UNNAMED"} <= set(cmd)
    assert cmd[-3:] == [neo4j_local.ENTRY_POINT, "--home-dir=/g/neo4j", "--config-dir=/g/neo4j/conf"]
    assert cmd[cmd.index("-cp") + 1] == f"{paths.lib}/*"


@pytest.mark.parametrize(
    ("text", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17),
        ('openjdk version "21.0.2" 2024-01-16 LTS', 21),
        ('openjdk version "25" 2025-09-16', 25),
        ('java version "1.8.0_392"', 8),
        ("bash: java: command not found", None),
    ],
)
def test_parse_java_version(text: str, major: int | None) -> None:
    assert neo4j_local.parse_java_version(text) == major


# --- ports ------------------------------------------------------------------------------------
def test_port_in_use_sees_a_listener_and_its_departure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.listen()
        assert neo4j_local.port_in_use(port)
    assert not neo4j_local.port_in_use(port)


def test_port_in_use_sees_a_listener_on_all_interfaces() -> None:
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        assert neo4j_local.port_in_use(sock.getsockname()[1])
