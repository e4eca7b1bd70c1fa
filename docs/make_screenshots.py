"""Make the README's pictures from the loaded graph: ``docs/map.png`` and ``docs/timeline.png``;
and ``docs/map-5000.png``, the map of a generated graph of 5,000 entities and 10,000 events with
the date range in use (``--large``, no database needed).

    .venv/bin/python docs/make_screenshots.py            # both, into docs/
    .venv/bin/python docs/make_screenshots.py --out /tmp  # somewhere else
    .venv/bin/python docs/make_screenshots.py --large    # docs/map-5000.png

The map is the page ``geokg map`` writes (``graph.maps.write_map`` of ``to_networkx``), opened in
Debian's headless Chromium through Playwright (``make chromium``; Playwright's own browser download
is not used) with every network request refused, and screenshotted once the layout has settled
(``body[data-map-ready='1']``). The timeline is ``graph.plots.timeline_plot`` of the same graph,
saved at 120 dpi. Uses the configured Neo4j (NEO4J_URI, else the local server, started if needed)
and loads ``seeds/`` first when the graph has no events yet.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

import networkx as nx  # noqa: E402

from geokg import db, neo4j_local  # noqa: E402
from geokg.chromium import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT  # noqa: E402
from geokg.errors import GeoKGError  # noqa: E402

MAP_TITLE = "重要鉱物をめぐる外交 — geokg"  # `geokg map`'s default title
VIEWPORT = {"width": 1400, "height": 860}
READY_TIMEOUT_MS = 60_000
DEVICE_SCALE = 2  # crisp text when the README image is zoomed


def load_graph(seeds: Path) -> nx.MultiDiGraph:
    """The event graph of the configured Neo4j, after loading ``seeds`` if it has no events."""
    from graph.export import to_networkx
    from graph.writer import load_records
    from loaders.pipeline import extract_inputs
    from queries import run_query

    settings = neo4j_local.ensure_running()
    with db.driver(settings) as driver:
        if not run_query("top_actors", driver, settings.database, limit=1):
            report = load_records(driver, (x.to_json() for x in extract_inputs([seeds])),
                                  database=settings.database)
            print(f"loaded {seeds}: {report.summary()}")
        return to_networkx(driver, database=settings.database)


LARGE_WINDOW = ("2025-04-01", "2025-06-30")  # the date range set in the large map's screenshot


def screenshot_map(graph: nx.MultiDiGraph, out: Path, *, title: str = MAP_TITLE,
                   window: tuple[str, str] | None = None, scale: int = DEVICE_SCALE) -> Path:
    """Write the map page to a temporary file and screenshot it in headless Chromium, after
    setting the page's date range to ``window`` when given."""
    from playwright.sync_api import Route, sync_playwright

    from graph.maps import write_map

    if not os.access(CHROMIUM, os.X_OK):
        raise GeoKGError(f"no Chromium at {CHROMIUM}: {INSTALL_HINT}")

    def refuse(route: Route) -> None:  # the page is self-contained: anything else is a bug
        print(f"refused a network request: {route.request.url}", file=sys.stderr)
        route.abort()

    with tempfile.TemporaryDirectory(prefix="geokg-shot-") as tmp:
        page_path = write_map(graph, Path(tmp) / "map.html", title=title)
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                viewport=VIEWPORT, device_scale_factor=scale, locale="ja-JP",
            )
            try:
                context.route("http://**/*", refuse)
                context.route("https://**/*", refuse)
                page = context.new_page()
                page.goto(page_path.as_uri())
                # The page's CSP forbids eval, so no page.wait_for_function: wait for the flag it sets.
                page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=READY_TIMEOUT_MS)
                if window:
                    page.fill("#geokg-since", window[0])  # as a person types the dates
                    page.fill("#geokg-until", window[1])
                    print(page.inner_text("#geokg-shown"))
                page.wait_for_timeout(300)  # the last frame after physics stopped
                page.screenshot(path=str(out))
            finally:
                context.close()
    return out


def save_timeline(graph: nx.MultiDiGraph, out: Path) -> Path:
    from graph.plots import events_frame, timeline_plot

    fig = timeline_plot(events_frame(graph), top=10)
    fig.savefig(out, dpi=120, facecolor="white")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for map.png and timeline.png")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="loaded when the graph has no events")
    parser.add_argument("--large", action="store_true", help="only map-5000.png, from a generated graph")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        if args.large:
            from graph.synthetic import event_graph

            big = event_graph(5000, 10_000)
            title = "生成グラフ 5,000 エンティティ・10,000 イベント — 期間 2025年4〜6月"
            print("wrote", screenshot_map(big, args.out / "map-5000.png", title=title, window=LARGE_WINDOW, scale=1))
            return 0
        graph = load_graph(args.seeds)
        print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
        print("wrote", screenshot_map(graph, args.out / "map.png"))
        print("wrote", save_timeline(graph, args.out / "timeline.png"))
    except GeoKGError as exc:
        print(f"make_screenshots: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
