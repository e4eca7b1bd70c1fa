"""Settings, read from the environment when asked for (never at import time).

Neo4j settings use the variable names of Neo4j's own tools: NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD, NEO4J_DATABASE. When NEO4J_URI is set the local server is never started
and everything talks to that server instead (``bolt://``, ``neo4j://``, ``neo4j+s://`` ...).

GEOKG_HOME (default: the user's data folder, ``~/.local/share/geokg``) holds the local
server's data, logs and password; GEOKG_CACHE (default ``~/.cache/geokg``) holds the
downloaded Neo4j jars. GEOKG_BOLT_PORT and GEOKG_HTTP_PORT move the local server's ports.
GEOKG_MAX_CHARS bounds the text of one article (longer ones are skipped; 0 for no limit).
GEOKG_TX_MEMORY bounds the memory one transaction of the local server may hold (512m, 2g).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geokg.errors import ConfigError

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
LOCAL_USER = "neo4j"
LOCAL_DATABASE = "neo4j"
#: The longest article text extracted (characters): 30 times a long news story. Extraction
#: time grows faster than the length (about 40 s at this size), so longer texts are skipped.
DEFAULT_MAX_CHARS = 100_000
#: Articles per write transaction of a load (and per batch of a bulk export, which resolves
#: people batch by batch as a load does): larger batches touch each summary once for more
#: events (10k generated articles load in 46 s at 2,000 against 60 s at 1,000), and 2,000
#: stays inside the local server's transaction memory (70% of its 1 GB heap) at 100k
#: articles, where 5,000 does not. A batch the server refuses as too large is halved.
LOAD_BATCH = 2000


def _xdg(var: str, fallback: str, env: Mapping[str, str]) -> Path:
    base = env.get(var) or str(Path.home() / fallback)
    return Path(base).expanduser()


def geokg_home(env: Mapping[str, str] | None = None) -> Path:
    """Per-user data folder: GEOKG_HOME, else $XDG_DATA_HOME/geokg (~/.local/share/geokg)."""
    env = os.environ if env is None else env
    if env.get("GEOKG_HOME"):
        return Path(env["GEOKG_HOME"]).expanduser()
    return _xdg("XDG_DATA_HOME", ".local/share", env) / "geokg"


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Download cache: GEOKG_CACHE, else $XDG_CACHE_HOME/geokg (~/.cache/geokg)."""
    env = os.environ if env is None else env
    if env.get("GEOKG_CACHE"):
        return Path(env["GEOKG_CACHE"]).expanduser()
    return _xdg("XDG_CACHE_HOME", ".cache", env) / "geokg"


def _port(env: Mapping[str, str], var: str, default: int) -> int:
    raw = env.get(var)
    if not raw:
        return default
    try:
        port = int(raw)
    except ValueError:
        raise ConfigError(f"{var}={raw!r} is not a port number") from None
    if not 0 < port < 65536:
        raise ConfigError(f"{var}={port} is outside 1-65535")
    return port


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the graph lives. ``external`` is True when NEO4J_URI points elsewhere."""

    uri: str
    username: str
    password: str | None
    database: str
    external: bool
    bolt_port: int
    http_port: int

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"


def neo4j_settings(env: Mapping[str, str] | None = None) -> Neo4jSettings:
    """Read the Neo4j settings.

    >>> neo4j_settings({"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_PASSWORD": "p"}).external
    True
    """
    env = os.environ if env is None else env
    bolt = _port(env, "GEOKG_BOLT_PORT", DEFAULT_BOLT_PORT)
    http = _port(env, "GEOKG_HTTP_PORT", DEFAULT_HTTP_PORT)
    uri = env.get("NEO4J_URI", "").strip()
    if uri:
        scheme = uri.split("://", 1)[0]
        if scheme not in {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}:
            raise ConfigError(f"NEO4J_URI={uri!r}: the scheme must be bolt://, neo4j:// or their +s forms")
        return Neo4jSettings(
            uri=uri,
            username=env.get("NEO4J_USERNAME", LOCAL_USER),
            password=env.get("NEO4J_PASSWORD"),
            database=env.get("NEO4J_DATABASE", LOCAL_DATABASE),
            external=True,
            bolt_port=bolt,
            http_port=http,
        )
    return Neo4jSettings(
        uri=f"bolt://127.0.0.1:{bolt}",
        username=LOCAL_USER,
        password=None,  # read from the local server's password file when connecting
        database=env.get("NEO4J_DATABASE", LOCAL_DATABASE),
        external=False,
        bolt_port=bolt,
        http_port=http,
    )


def max_chars(env: Mapping[str, str] | None = None) -> int:
    """The longest article text to extract: GEOKG_MAX_CHARS (0: no limit), else ``DEFAULT_MAX_CHARS``.

    >>> max_chars({}), max_chars({"GEOKG_MAX_CHARS": "5000"}), max_chars({"GEOKG_MAX_CHARS": "0"})
    (100000, 5000, 0)
    """
    env = os.environ if env is None else env
    raw = env.get("GEOKG_MAX_CHARS", "").strip().replace("_", "").replace(",", "")
    if not raw:
        return DEFAULT_MAX_CHARS
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"GEOKG_MAX_CHARS={env['GEOKG_MAX_CHARS']!r} is not a number of characters") from None
    if value < 0:
        raise ConfigError(f"GEOKG_MAX_CHARS={value} is negative: give a number of characters, or 0 for no limit")
    return value


_SIZE = re.compile(r"[1-9][0-9]*[kmg]?", re.IGNORECASE)


def tx_memory(env: Mapping[str, str] | None = None) -> str | None:
    """GEOKG_TX_MEMORY: the most memory one transaction of the local server may hold (Neo4j's
    ``db.memory.transaction.max``: 512m, 2g); unset, Neo4j's own bound (all transactions
    together at most 70% of the heap). A load writes a batch refused as too large in halves.

    >>> tx_memory({}), tx_memory({"GEOKG_TX_MEMORY": "64m"})
    (None, '64m')
    """
    env = os.environ if env is None else env
    raw = env.get("GEOKG_TX_MEMORY", "").strip()
    if not raw:
        return None
    if not _SIZE.fullmatch(raw):
        raise ConfigError(f"GEOKG_TX_MEMORY={raw!r} is not a size: give bytes with k, m or g (512m, 2g)")
    return raw
