"""The notebooks on a generated archive (graph/synthetic.py): each runs top to bottom with a
one-month window in under a minute and writes under 5 MB, and what it prints is the window's.

The archive here has GEOKG_NOTEBOOK_ARTICLES articles (default 2,000, a few seconds to load);
``bench/bench_notebooks.py --articles 100000`` runs the same on a year of news. The test empties
the database before and after (only the local server, as ``clean_db`` does).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTICLES = int(os.environ.get("GEOKG_NOTEBOOK_ARTICLES", "2000"))
WINDOW = {"SINCE": '"2025-06-01"', "UNTIL": '"2025-06-30"'}
MAX_SECONDS, MAX_BYTES = 60, 5 * 1024 * 1024

pytestmark = [pytest.mark.neo4j, pytest.mark.notebooks]


def with_parameters(nb: Any, values: dict[str, str]) -> Any:
    """The notebook with the assignments of its ``parameters`` cell replaced (as papermill does)."""
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    lines = []
    for line in cell.source.splitlines():
        name = line.split(" = ", 1)[0]
        lines.append(f"{name} = {values[name]}  # set by the test" if name in values else line)
    cell.source = "\n".join(lines)
    return nb


def run(path: Path, values: dict[str, str]) -> tuple[Any, float, int]:
    """Execute ``path`` with ``values``; return the notebook, the seconds it took and its size."""
    import nbformat
    from nbclient import NotebookClient

    nb = with_parameters(nbformat.read(path, as_version=4), values)
    start = time.perf_counter()
    NotebookClient(nb, timeout=MAX_SECONDS * 3, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb, time.perf_counter() - start, len(nbformat.writes(nb).encode("utf-8"))


def printed(nb: Any) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.fixture(scope="module")
def archive(neo4j_driver: Any, wipe_graph: Callable[[Any], None]) -> Iterator[Any]:
    from geokg import config
    from graph.synthetic import extraction_records
    from graph.writer import load_records

    settings = config.neo4j_settings()
    wipe_graph(neo4j_driver)
    report = load_records(neo4j_driver, extraction_records(ARTICLES, n_entities=800), database=settings.database)
    assert report.articles_loaded == ARTICLES and not report.skipped
    yield neo4j_driver
    wipe_graph(neo4j_driver)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_holds_on_an_archive(path: Path, archive: Any) -> None:
    from geokg import config
    from graph.export import to_networkx
    from graph.windows import top_subgraph

    nb, seconds, size = run(path, WINDOW)
    assert seconds < MAX_SECONDS, f"{path.name} took {seconds:.0f} s"
    assert size < MAX_BYTES, f"{path.name} wrote {size / 1e6:.1f} MB"
    window = to_networkx(archive, database=config.neo4j_settings().database, since="2025-06-01", until="2025-06-30")
    assert window.number_of_edges() > 100  # the window is busy: the test means something
    text = printed(nb)
    if path.name == "01_overview.ipynb":
        assert f"{window.number_of_nodes()} entities on {window.number_of_edges()} event edges" in text
        busiest = top_subgraph(window, 15)
        assert f"map: {busiest.number_of_nodes()} nodes, {busiest.number_of_edges()} edges" in text
    if path.name == "03_timeline.ipynb":
        labels = window.nodes(data="label")
        with_actor = [1 for u, v in window.edges() if (labels[u], labels[v]) != ("Agreement", "Agreement")]
        assert f"{len(with_actor)} events, " in text  # an event between two agreements has no actor to plot
    if path.name == "04_what_changed.ipynb":
        assert f"2025-06-01 – 2025-06-30: {window.number_of_edges()} events" in text
