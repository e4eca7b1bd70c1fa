"""geokg.db connects with what the settings say, and knows nothing of the local server's files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from geokg import config, db
from geokg.errors import Neo4jUnavailable


def test_db_does_not_import_the_local_server_module() -> None:
    code = "import sys, geokg.db; print('geokg.neo4j_local' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_local_settings_without_a_password_say_where_to_get_one() -> None:
    settings = config.neo4j_settings({"GEOKG_BOLT_PORT": "1"})
    with pytest.raises(Neo4jUnavailable, match=r"bolt://127\.0\.0\.1:1 .*ensure_running\(\)"):
        db.driver(settings)
