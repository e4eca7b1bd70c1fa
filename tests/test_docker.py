"""docker/ is written for people with Docker; here it is checked, not run (no engine)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from geokg import neo4j_local

DOCKER = Path(__file__).resolve().parents[1] / "docker"


def compose() -> dict:
    return yaml.safe_load((DOCKER / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_parses_and_has_both_services() -> None:
    services = compose()["services"]
    assert set(services) >= {"neo4j", "jupyter"}


def test_neo4j_image_is_the_version_the_local_server_runs() -> None:
    image = compose()["services"]["neo4j"]["image"]
    m = re.fullmatch(r"neo4j:(\d+\.\d+\.\d+)-community", image)
    assert m, image
    assert m.group(1) == neo4j_local.pom_version()


def test_ports_are_published_on_loopback_only() -> None:
    for name, service in compose()["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


def test_settings_come_from_one_env_file() -> None:
    env_keys = {line.split("=", 1)[0] for line in (DOCKER / ".env.example").read_text().splitlines()
                if line and not line.startswith("#")}
    text = (DOCKER / "docker-compose.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"(?<!\$)\$\{(\w+)", text))  # $${X} is the container's own variable
    assert {"NEO4J_PASSWORD", "JUPYTER_TOKEN"} <= env_keys
    assert used - {"NEO4J_HTTP_PORT", "NEO4J_BOLT_PORT", "JUPYTER_PORT"} <= env_keys


def test_memory_matches_the_local_server_on_a_laptop() -> None:
    env = compose()["services"]["neo4j"]["environment"]
    mem = neo4j_local.memory_for(16 * 2**30)
    assert env["NEO4J_server_memory_heap_max__size"] == f"{mem.heap_mb // 1024}G"
    assert env["NEO4J_server_memory_pagecache_size"] == f"{mem.pagecache_mb}M"


def test_jupyter_talks_to_the_neo4j_service() -> None:
    env = compose()["services"]["jupyter"]["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "../notebooks:/work/notebooks" in compose()["services"]["jupyter"]["volumes"]
