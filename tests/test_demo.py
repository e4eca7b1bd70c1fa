"""`geokg demo`, the README's first command, as an analyst runs it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GEOKG = str(Path(sys.executable).with_name("geokg"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_demo(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    out = tmp_path / "map.html"
    return subprocess.run([GEOKG, "demo", "--map", str(out)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def test_without_any_neo4j_it_says_what_to_do_and_still_draws_the_map(tmp_path: Path) -> None:
    # no Java on PATH, no JAVA_HOME, no NEO4J_URI, a home of its own and free ports
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("mvn",):  # keep unrelated tools; java is the one that is missing
        if shutil.which(tool):
            (bindir / tool).symlink_to(shutil.which(tool))  # type: ignore[arg-type]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "JAVA_HOME"))}
    env.update(PATH=f"{bindir}:{Path(sys.executable).parent}:/usr/bin/does-not-exist",
               GEOKG_HOME=str(tmp_path / "home"), GEOKG_BOLT_PORT=str(free_port()),
               GEOKG_HTTP_PORT=str(free_port()))
    res = run_demo(tmp_path, env)
    assert res.returncode == 0, res.stderr
    assert "No Neo4j server could be used" in res.stdout
    assert "Java" in res.stdout and "NEO4J_URI" in res.stdout and "docker" in res.stdout
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "ジャイシャンカル" in page or "\\u30b8\\u30e3\\u30a4" in page.lower()


@pytest.mark.neo4j
def test_demo_answers_writes_the_map_and_a_second_run_changes_nothing(tmp_path: Path, neo4j_driver) -> None:
    first = run_demo(tmp_path, dict(os.environ))
    assert first.returncode == 0, first.stderr
    for question in ("dependence_partners", "meetings", "agreements"):
        assert f"geokg query {question}" in first.stdout
    assert "和平協定" in first.stdout and "ジャイシャンカル" in first.stdout
    assert (tmp_path / "map.html").stat().st_size > 10_000
    assert "http://127.0.0.1:" in first.stdout and "geokg neo4j password" in first.stdout
    second = run_demo(tmp_path, dict(os.environ))
    assert second.returncode == 0, second.stderr
    m = re.search(r"nodes created (\d+), relationships created (\d+), stale relationships removed (\d+)",
                  second.stdout)
    assert m and m.groups() == ("0", "0", "0"), second.stdout[:500]
