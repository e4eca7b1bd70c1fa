"""The analysts' notebooks: committed clean, run top to bottom against the live Neo4j, and the
timeline draws Japanese as Japanese (not as tofu boxes).

The notebooks run in a ``python3`` kernel of this interpreter (ipykernel; jupyter_client starts
``sys.executable`` for it) with notebooks/ as the working directory, as Jupyter would; they find
seeds/ by walking up from there. The seed is loaded first (idempotent), so the notebooks have
something to show whatever else is in the graph.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EXPECTED = {"01_overview.ipynb", "02_china_dependence.ipynb", "03_timeline.ipynb", "04_what_changed.ipynb"}
LOOK_ALIKE = 0.05  # pooled gray difference below which two label crops count as the same drawing
CELL_TIMEOUT = 300  # seconds per cell
KERNEL = "python3"
# Notebooks go through the Python API and canned queries: no Cypher typed into a cell.
CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND)\s*\(|\bexecute_query\(|\.run\(\s*[\"']", re.IGNORECASE)

pytestmark = pytest.mark.notebooks


def read(path: Path) -> Any:
    import nbformat

    return nbformat.read(path, as_version=4)


def code_cells(path: Path) -> list[Any]:
    return [c for c in read(path).cells if c.cell_type == "code"]


# --- committed state --------------------------------------------------------------------------
def test_every_notebook_is_there() -> None:
    assert {p.name for p in NOTEBOOKS} == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    import nbformat

    nb = read(path)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_cell_says_what_and_how(path: Path) -> None:
    first = read(path).cells[0]
    assert first.cell_type == "markdown"
    assert "Question" in first.source and "make demo" in first.source and "docker compose" in first.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_window_and_top_come_first(path: Path) -> None:
    """The first code cell, tagged ``parameters`` (as papermill reads it), sets the window and the top N."""
    first = code_cells(path)[0]
    assert "parameters" in first.metadata.get("tags", [])
    names = set(re.findall(r"^([A-Z_]+) = ", first.source, re.MULTILINE))
    assert {"SINCE", "UNTIL", "TOP"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_cypher_in_cells(path: Path) -> None:
    found = [c.source for c in code_cells(path) if CYPHER.search(c.source)]
    assert not found, f"{path.name}: use the canned queries (queries/) instead of Cypher in cells: {found}"


# --- execution against the live server ---------------------------------------------------------
@pytest.fixture(scope="module")
def seeded(neo4j_driver: Any) -> Any:
    from geokg import config
    from graph.writer import load_records
    from loaders.pipeline import extract_inputs

    report = load_records(neo4j_driver, (x.to_json() for x in extract_inputs([ROOT / "seeds"])),
                          database=config.neo4j_settings().database)
    assert not report.skipped, report.skipped
    return neo4j_driver


def execute(path: Path) -> Any:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f"no {KERNEL!r} Jupyter kernel: `pip install ipykernel` in this environment", pytrace=False)
    nb = read(path)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL, allow_errors=False,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name} failed:\n{exc}", pytrace=False)
    return nb


def outputs(nb: Any, mime: str) -> list[str]:
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if mime in o.get("data", {})]


@pytest.mark.neo4j
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, seeded: Any) -> None:
    nb = execute(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    html = outputs(nb, "text/html")
    if path.name in ("01_overview.ipynb", "02_china_dependence.ipynb"):
        assert any('class="geokg-map"' in h for h in html), "no inline map"
        assert any("<table" in h for h in html), "no table"
    if path.name == "03_timeline.ipynb":
        assert len(outputs(nb, "image/png")) == 2, "the timeline and the weekly plot are missing"
    if path.name == "04_what_changed.ipynb":
        assert len(outputs(nb, "image/png")) == 1, "the weekly plot is missing"
        text = "".join(outputs(nb, "text/plain")) + "".join(html)
        assert "2026-01-01 – 2026-01-31: " in "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                                                       for o in c.outputs)
        assert "REDUCES_DEPENDENCE_ON" in text and "first_date" in text  # counts per type, new ties


# --- Japanese glyphs -----------------------------------------------------------------------------
def dejavu() -> str:
    """A font known to lack CJK (it ships with matplotlib): what tofu looks like."""
    from matplotlib import font_manager

    return str(font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"), fallback_to_default=False))


def test_chosen_font_draws_japanese() -> None:
    from graph.plots import TOFU_PROBE, japanese_font_path, render_text, tofu_check, use_japanese_font

    family = use_japanese_font()  # FontError (with the apt-get hint) when no CJK font is installed
    path = japanese_font_path()
    ni, hon, nihon = render_text("日", path), render_text("本", path), render_text("日本", path)
    tofu = render_text(TOFU_PROBE, path)
    assert nihon.any() and ni.any() and hon.any()
    assert not np.array_equal(ni, tofu) and not np.array_equal(hon, tofu), f"{family} draws 日 or 本 as its tofu"
    assert not np.array_equal(ni, hon), f"{family} draws 日 and 本 alike (both tofu?)"
    assert not np.array_equal(nihon, render_text("日本", dejavu()))
    # the method sees tofu where there is some: DejaVu Sans draws 日 and 本 as the same box
    assert np.array_equal(render_text("日", dejavu()), render_text("本", dejavu()))
    assert tofu_check("日本 米国 インド 国務省 ジャイシャンカル (10)")
    assert not tofu_check("日本", dejavu())


def label_crops(fig: Any, png: Path) -> dict[str, np.ndarray]:
    """The pixels of each y tick label, cut from the saved PNG."""
    from matplotlib import image

    pixels = image.imread(png)
    height = pixels.shape[0]
    crops = {}
    for label in fig.axes[0].get_yticklabels():
        box = label.get_window_extent()
        x0, x1 = int(np.floor(box.x0)), int(np.ceil(box.x1))
        y0, y1 = int(np.floor(height - box.y1)), int(np.ceil(height - box.y0))
        crops[label.get_text()] = pixels[y0:y1, x0:x1, :3]
    return crops


def difference(a: np.ndarray, b: np.ndarray, block: int = 4) -> float:
    """Mean absolute difference of two label crops in gray, averaged over ``block``-pixel squares."""

    def pool(x: np.ndarray) -> np.ndarray:
        gray = x.mean(axis=2)
        h, w = gray.shape[0] // block * block, gray.shape[1] // block * block
        return gray[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))

    pa, pb = pool(a), pool(b)
    h, w = min(pa.shape[0], pb.shape[0]), min(pa.shape[1], pb.shape[1])
    return float(np.abs(pa[:h, :w] - pb[:h, :w]).mean())


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # the tofu reference, on purpose
def test_timeline_png_has_japanese_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib as mpl
    from matplotlib import font_manager

    import graph.plots as plots
    from graph.plots import timeline_plot, tofu_check, use_japanese_font

    frame = pd.DataFrame([
        {"date": "2026-01-13", "actor": "日本", "event": "MET_WITH"},
        {"date": "2026-01", "actor": "日本", "event": "AGREED"},
        {"date": "2026-01-13", "actor": "米国", "event": "MET_WITH"},
        {"date": "2026-01-20", "actor": "米国", "event": "SIGNED"},
        {"date": None, "actor": "米国", "event": "COOPERATED"},
    ])
    use_japanese_font()
    fig = timeline_plot(frame)
    fig.set_dpi(120)
    fig.savefig(tmp_path / "timeline.png", dpi=120)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["米国 (2)", "日本 (2)"]  # a tie in events: by name, 日本 first, and the first is drawn on top
    assert "1 undated event left out" in fig.axes[0].get_title(loc="left")
    for text in fig.axes[0].get_yticklabels():
        used = font_manager.findfont(text.get_fontproperties())
        assert tofu_check(text.get_text(), used), f"{text.get_text()!r} is tofu in {used}"
    cjk = label_crops(fig, tmp_path / "timeline.png")

    # the same plot with DejaVu Sans only: every kanji becomes the same Last Resort box
    monkeypatch.setattr(plots, "use_japanese_font", lambda: "DejaVu Sans")
    with mpl.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        tofu_fig = plots.timeline_plot(frame)
        tofu_fig.set_dpi(120)
        tofu_fig.savefig(tmp_path / "tofu.png", dpi=120)
        tofu = label_crops(tofu_fig, tmp_path / "tofu.png")

    for crop in cjk.values():
        assert (crop < 0.5).any(), "a label is blank"
    # Drawn with glyphs, two different names look different; drawn as tofu, they are the same boxes
    # (up to anti-aliasing, which the 4-pixel pooling evens out).
    assert difference(cjk["日本 (2)"], cjk["米国 (2)"]) > LOOK_ALIKE, "日本 and 米国 look alike in the plot: tofu?"
    assert difference(tofu["日本 (2)"], tofu["米国 (2)"]) < LOOK_ALIKE, "the tofu reference is not tofu"
