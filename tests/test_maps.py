"""The interactive map: offline, escaped, and drawn (graph/maps.py).

Unit tests read the page the way a browser would (html.parser, the vis-network data JSON);
tests marked ``browser`` open it in Debian's headless Chromium (``make chromium``) through
Playwright and are skipped, with the reason, when Chromium is missing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from browser import browser_fixture  # noqa: F401  (the ``browser`` fixture)

from geokg import vocab
from graph import maps
from graph.periods import period
from graph.synthetic import event_graph

DATA = Path(__file__).parent / "data" / "maps"
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
SCREENSHOT = Path("/tmp/map.png")


# --- graphs -----------------------------------------------------------------------------------
def sample_graph() -> nx.MultiDiGraph:
    """The fixture graph: seed-like facts plus hostile titles, evidence and names."""
    raw = json.loads((DATA / "sample_graph.json").read_text(encoding="utf-8"))
    graph = nx.MultiDiGraph()
    for node in raw["nodes"]:
        attrs = dict(node)
        graph.add_node(attrs.pop("id"), **attrs)
    for edge in raw["edges"]:
        attrs = dict(edge)
        graph.add_edge(attrs.pop("source"), attrs.pop("target"), key=attrs["type"], **attrs)
    return graph


def large_graph(n_nodes: int = 200, n_edges: int = 420, seed: int = 0) -> nx.MultiDiGraph:
    """A synthetic graph of the size analysts look at, with hubs (heavy-tailed sources)."""
    rng = random.Random(seed)
    kinds = [(vocab.COUNTRY, "国"), (vocab.PERSON, "人物"), (vocab.ORGANIZATION, "機構"), (vocab.AGREEMENT, "協定")]
    graph = nx.MultiDiGraph()
    ids = []
    for i in range(n_nodes):
        label, word = rng.choices(kinds, [0.25, 0.4, 0.25, 0.1])[0]
        ids.append(f"{label.lower()}:{word}{i:03d}")
        graph.add_node(ids[-1], label=label, name=f"{word}{i:03d}", articles=rng.randint(1, 9))
    for j in range(n_edges):
        u = ids[min(int(rng.paretovariate(1.2)) - 1, n_nodes - 1)] if rng.random() < 0.5 else rng.choice(ids)
        v = rng.choice(ids)
        etype = rng.choice(vocab.EVENT_TYPES)
        graph.add_edge(u, v, key=etype, type=etype, date=f"2026-01-{rng.randint(1, 28):02d}",
                       date_precision="day", mode=rng.choice(["actual", "actual", "planned"]),
                       article_id=f"a-{j}", article_title=f"記事{j}", article_url=None, evidence="根拠の文。")
    return graph


def one_edge(etype: str, **attrs: Any) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("JPN", label=vocab.COUNTRY, name="日本")
    graph.add_node("USA", label=vocab.COUNTRY, name="米国")
    graph.add_edge("JPN", "USA", key=etype, type=etype, **attrs)
    return graph


# --- reading the page -------------------------------------------------------------------------
class PageParser(HTMLParser):
    """What a browser would see outside scripts, and the inline scripts' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.h1 = ""
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "h1", "title"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if not self._in:
            return
        if self._in[-1] == "script":
            self.scripts[-1] += data
        elif self._in[-1] == "h1":
            self.h1 += data
        elif self._in[-1] == "title":
            self.title += data


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def vis_data(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """The nodes, edges and options handed to vis-network (pyvis writes each on one line)."""
    nodes = re.search(r"nodes = new vis\.DataSet\((.*)\);", page)
    edges = re.search(r"edges = new vis\.DataSet\((.*)\);", page)
    options = re.search(r"var options = (.*);", page)
    assert nodes and edges and options, "vis-network data not found in the page"
    return json.loads(nodes.group(1)), json.loads(edges.group(1)), json.loads(options.group(1))


def csp_of(parser: PageParser) -> str:
    metas = [a for t, a in parser.tags if t == "meta" and (a.get("http-equiv") or "").lower()
             == "content-security-policy"]
    assert len(metas) == 1, "expected exactly one CSP meta tag"
    return metas[0]["content"] or ""


@pytest.fixture(scope="module")
def page() -> str:
    return maps.map_html(sample_graph(), title=HOSTILE_TITLE)


# --- unit tests: the page as text ---------------------------------------------------------------
def test_no_external_references(page: str) -> None:
    parser = parse(page)
    refs = [(t, k, v) for t, attrs in parser.tags for k, v in attrs.items() if k in ("src", "href") and v]
    assert not refs, f"the page refers to other resources: {refs}"
    assert not [t for t, _ in parser.tags if t == "link"]
    assert "bootstrap" not in page.lower()


def test_csp_forbids_the_network_and_allows_exactly_the_pages_scripts(page: str) -> None:
    parser = parse(page)
    directives = {d.split()[0]: d.split()[1:] for d in csp_of(parser).split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    assert directives["img-src"] == ["data:"]
    assert directives["base-uri"] == ["'none'"]
    hashes = {s for s in directives["script-src"] if s.startswith("'sha256-")}
    page_hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                   for s in parser.scripts}
    assert hashes == page_hashes
    assert len(parser.scripts) == 4  # pyvis utils.js, vis-network, data + drawGraph, ours


def test_heading_and_title_are_escaped_text(page: str) -> None:
    parser = parse(page)
    assert parser.h1 == HOSTILE_TITLE
    assert parser.title == HOSTILE_TITLE
    assert HOSTILE_TITLE not in page
    assert not [t for t, _ in parser.tags if t == "img"]


def test_hostile_data_stays_inside_the_json(page: str) -> None:
    assert "window.__pwned" in page  # it is there, as data ...
    assert "<script>window.__pwned" not in page  # ... but never as markup
    assert "</script><script>" not in page
    assert "<b>株式会社" not in page
    nodes, edges, _ = vis_data(page)
    hostile = next(n for n in nodes if n["id"] == "org:hostile")
    assert hostile["label"] == "\"悪意\" & '<b>株式会社</b>'"
    assert "</script><script>window.__pwned=2</script>" in hostile["title"]
    assert any("<script>window.__pwned=1</script> \"為替\" & '市場'" in e["title"] for e in edges)


def test_page_is_japanese_utf8_with_a_cjk_font_stack(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja">')
    head = page[: page.index("<title>")]
    assert '<meta charset="utf-8">' in head
    _, _, options = vis_data(page)
    for part in ("nodes", "edges"):
        assert options[part]["font"]["face"].startswith("'Noto Sans CJK JP'")
    assert f"font-family: {maps.FONT_STACK}" in page


def test_legend_lists_every_label_and_the_edge_types_present(page: str) -> None:
    parser = parse(page)
    labels = [a["data-node-label"] for t, a in parser.tags if t == "input" and "data-node-label" in a]
    types = {a["data-edge-type"] for t, a in parser.tags if t == "input" and "data-edge-type" in a}
    assert labels == list(vocab.ENTITY_LABELS)
    assert types == {d["type"] for _, _, d in sample_graph().edges(data=True)}
    assert vocab.FOUGHT in types and vocab.SIGNED in types


def test_one_colour_and_shape_per_label(page: str) -> None:
    styles = [maps.NODE_STYLE[label] for label in vocab.ENTITY_LABELS]
    assert len({c for c, _ in styles}) == len({s for _, s in styles}) == len(vocab.ENTITY_LABELS)
    nodes, _, _ = vis_data(page)
    graph = sample_graph()
    for node in nodes:
        colour, shape = maps.NODE_STYLE[graph.nodes[node["id"]]["label"]]
        assert (node["color"]["background"], node["shape"]) == (colour, shape)


def test_node_size_grows_with_degree(page: str) -> None:
    nodes, _, _ = vis_data(page)
    graph = sample_graph()
    by_degree = sorted((graph.degree(n["id"]), n["value"]) for n in nodes)
    assert [v for _, v in by_degree] == sorted(v for _, v in by_degree)
    assert by_degree[0][1] < by_degree[-1][1]


def test_node_tooltip_names_label_role_affiliation_aliases(page: str) -> None:
    nodes, _, _ = vis_data(page)
    katayama = next(n for n in nodes if n["id"] == "person:片山さつき")
    assert katayama["label"] == "片山さつき"
    for part in ("片山さつき", "Person (人物)", "役職: 財務相", "所属: JPN", "別名: 片山、片山さつき", "記事数: 2"):
        assert part in katayama["title"]


@pytest.mark.parametrize(
    ("etype", "date", "precision", "mode", "label"),
    [
        ("MET_WITH", "2026-01-13", "day", "actual", "MET_WITH 2026-01-13"),
        ("REDUCES_DEPENDENCE_ON", "2026-01-01", "month", "actual", "REDUCES_DEPENDENCE_ON 2026-01"),
        ("INVESTED_IN", "2026", "year", "actual", "INVESTED_IN 2026"),
        ("SUPPORTED", "2026-02", "month", "planned", "SUPPORTED 2026-02 (planned)"),
        ("COOPERATED", None, None, "actual", "COOPERATED"),
        ("PROPOSED", "2026-03-01T00:00:00", "day", "actual", "PROPOSED 2026-03-01"),
    ],
)
def test_edge_label_is_type_and_date(etype: str, date: str | None, precision: str | None, mode: str,
                                     label: str) -> None:
    page = maps.map_html(one_edge(etype, date=date, date_precision=precision, mode=mode))
    _, edges, _ = vis_data(page)
    assert [e["label"] for e in edges] == [label]
    assert edges[0]["dashes"] is (mode == "planned")


@pytest.mark.parametrize("etype", vocab.EVENT_TYPES)
def test_arrows_only_on_directed_types(etype: str) -> None:
    _, edges, _ = vis_data(maps.map_html(one_edge(etype, date="2026-01-13")))
    assert edges[0]["arrows"]["to"]["enabled"] is (etype not in vocab.SYMMETRIC)
    assert edges[0]["color"]["color"] == maps.FAMILY_COLOUR[maps.EDGE_FAMILY[etype]]


def test_edge_tooltip_has_evidence_article_and_only_web_links(page: str) -> None:
    _, edges, _ = vis_data(page)
    rubio = next(e for e in edges if e["from"] == "person:ルビオ")
    assert rubio["title"].splitlines()[:3] == [
        "MET_WITH (会談) · 2026-01-13 [day]",
        "ルビオ ↔ ジャイシャンカル",
        "根拠: ルビオ米国務長官は13日、インドのジャイシャンカル外相と電話会談した。",
    ]
    assert f"記事: {HOSTILE_TITLE}" in rubio["title"]
    assert rubio["url"] == "https://example.jp/news/0001?a=1&b=2"
    planned = next(e for e in edges if e["etype"] == "SUPPORTED")
    assert "予定 (planned)" in planned["title"]
    requested = next(e for e in edges if e["etype"] == "REQUESTED")
    assert requested["url"] is None and "javascript:" not in requested["title"]


def test_parallel_edges_are_drawn_apart(page: str) -> None:
    _, edges, _ = vis_data(page)
    pair = [e for e in edges if {e["from"], e["to"]} == {"JPN", "CHN"}]
    assert len(pair) == 3

    def bend(edge: dict[str, Any]) -> float:
        """Signed curvature seen from CHN towards JPN (vis curves CW/CCW relative to the edge's own way)."""
        smooth = edge.get("smooth") or {"enabled": False}
        if not smooth["enabled"]:
            return 0.0
        side = 1 if smooth["type"] == "curvedCW" else -1
        return side * smooth["roundness"] * (1 if edge["from"] == "CHN" else -1)

    assert len({bend(e) for e in pair}) == 3


def test_same_graph_same_page() -> None:
    assert maps.map_html(sample_graph(), title="t") == maps.map_html(sample_graph(), title="t")


def test_write_map_creates_directories_and_returns_the_path(tmp_path: Path) -> None:
    out = maps.write_map(sample_graph(), str(tmp_path / "maps" / "sample.html"), title="試験")
    assert out == tmp_path / "maps" / "sample.html"
    assert parse(out.read_text(encoding="utf-8")).h1 == "試験"


def test_empty_graph_still_makes_a_page() -> None:
    page = maps.map_html(nx.MultiDiGraph(), title="空")
    nodes, edges, _ = vis_data(page)
    assert nodes == [] and edges == []


def test_a_value_escaping_its_script_block_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = maps._render

    def leaky(net: Any) -> str:
        return real(net).replace("drawGraph();", "drawGraph();</script><script>window.__pwned=1;", 1)

    monkeypatch.setattr(maps, "_render", leaky)
    with pytest.raises(maps.MapError, match="inline scripts"):
        maps.map_html(sample_graph())


def test_notebook_iframe_escapes_the_page() -> None:
    pytest.importorskip("IPython")
    shown = maps.notebook_map(sample_graph(), title=HOSTILE_TITLE).data
    assert shown.startswith('<div class="geokg-map"><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts' in shown
    assert "<script" not in shown and HOSTILE_TITLE not in shown


# --- browser tests --------------------------------------------------------------------------------
_RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI); });
"""

_CANVAS_INK = """() => {
  const c = document.querySelector("#mynetwork canvas");
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { ink++; } }
  return ink / (c.width * c.height);
}"""

_DOM_POINT = """([kind, id]) => {
  let p;
  if (kind === "node") { p = network.getPositions([id])[id]; }
  else { p = network.body.edges[id].edgeType.getPoint(0.5); }
  const q = network.canvasToDOM(p);
  const r = document.getElementById("mynetwork").getBoundingClientRect();
  return [r.left + q.x, r.top + q.y];
}"""

# Two characters no font has (plane-16 private use) draw as .notdef boxes: so does 日本 without CJK fonts.
_GLYPHS_DIFFER_FROM_TOFU = """(face) => {
  function draw(text) {
    const c = document.createElement("canvas"); c.width = 120; c.height = 40;
    const x = c.getContext("2d"); x.font = "28px " + face; x.fillText(text, 4, 30);
    return Array.from(x.getImageData(0, 0, 120, 40).data).join(",");
  }
  return draw("日本") !== draw("\\u{10FFFD}\\u{10FFFD}");
}"""


class Visit:
    """A map opened in a fresh page, with everything that left it or went wrong recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page()
        self.page.add_init_script(_RECORD_CSP)
        self.page.route("**/*", self._local_only)  # recorded below, but never sent anywhere
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _local_only(self, route: Any) -> None:
        if route.request.url == self.url or route.request.url.startswith(("data:", "about:")):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, timeout_ms: int = 60_000) -> None:
        self.page.goto(self.url)
        # wait_for_function would eval() a predicate in the page, which our CSP forbids
        self.page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=timeout_ms)

    def at(self, kind: str, item_id: str) -> tuple[float, float]:
        x, y = self.page.evaluate(_DOM_POINT, [kind, item_id])
        return float(x), float(y)

    def assert_clean(self) -> None:
        foreign = [u for u in self.requests if u != self.url and not u.startswith(("data:", "about:"))]
        assert not foreign, f"requests left the page: {foreign}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.dialogs, f"a script opened dialogs: {self.dialogs}"
        assert self.page.evaluate("() => window.__csp") == []
        assert self.page.evaluate("() => typeof window.__pwned") == "undefined"


@pytest.mark.browser
def test_the_checks_catch_what_plain_pyvis_does(browser: Any, tmp_path: Path) -> None:
    """Control: pyvis's own in_line page with a hostile heading fails the checks maps.py passes."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", heading=HOSTILE_TITLE)
    net.add_node("JPN", label="日本")
    path = tmp_path / "plain.html"
    path.write_text(net.generate_html(), encoding="utf-8")
    visit = Visit(browser, path)
    try:
        visit.page.goto(visit.url)
        visit.page.wait_for_timeout(500)
        assert any("bootstrap" in u for u in visit.requests)
        assert visit.dialogs == ["1", "1"]
        with pytest.raises(AssertionError):
            visit.assert_clean()
    finally:
        visit.page.close()


@pytest.fixture
def sample_visit(browser: Any, tmp_path: Path) -> Any:
    path = maps.write_map(sample_graph(), tmp_path / "sample.html", title=HOSTILE_TITLE)
    visit = Visit(browser, path)
    yield visit
    visit.page.close()


@pytest.mark.browser
def test_map_renders_offline_and_runs_nothing_injected(sample_visit: Visit) -> None:
    visit = sample_visit
    visit.open()
    page = visit.page
    assert page.evaluate("() => network.body.data.nodes.length") == sample_graph().number_of_nodes()
    assert page.evaluate("() => network.body.data.edges.length") == sample_graph().number_of_edges()
    assert page.evaluate(_CANVAS_INK) > 0.005, "the canvas is blank"
    assert page.inner_text("#geokg-header h1") == HOSTILE_TITLE
    assert page.title() == HOSTILE_TITLE
    assert page.locator("img").count() == 0
    # settled: physics is off and nothing moves any more
    before = page.evaluate("() => network.getPositions()")
    page.wait_for_timeout(400)
    assert page.evaluate("() => network.getPositions()") == before
    # the Japan node is drawn in the Country colour where it stands
    x, y = visit.at("node", "JPN")
    pixel = page.evaluate("""([x, y]) => {
        const c = document.querySelector("#mynetwork canvas"), r = c.getBoundingClientRect();
        const k = window.devicePixelRatio;
        return Array.from(c.getContext("2d").getImageData((x - r.left) * k, (y - r.top) * k, 1, 1).data);
    }""", [x, y])
    assert pixel[:3] == [0x00, 0x72, 0xB2]
    page.screenshot(path=str(SCREENSHOT))
    visit.assert_clean()


@pytest.mark.browser
def test_japanese_labels_are_glyphs_not_boxes(sample_visit: Visit) -> None:
    sample_visit.open()
    assert sample_visit.page.evaluate(_GLYPHS_DIFFER_FROM_TOFU, maps.FONT_STACK), (
        "Japanese text draws as empty boxes: install a CJK font (apt-get install fonts-noto-cjk)")


@pytest.mark.browser
def test_tooltips_and_details_show_hostile_text_as_text(sample_visit: Visit) -> None:
    visit = sample_visit
    visit.open()
    page = visit.page
    # node tooltip on hover
    page.mouse.move(*visit.at("node", "org:hostile"), steps=4)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "\"悪意\" & '<b>株式会社</b>'" in tooltip.inner_text()
    assert "</script><script>window.__pwned=2</script>" in tooltip.inner_text()
    assert page.locator("div.vis-tooltip *:not(br)").count() == 0
    # edge details on click: evidence with a script tag, shown as text, no link without a URL
    edge_ids = page.evaluate("""() => Object.fromEntries(edges.get().map(e => [e.etype + " " + e.from, e.id]))""")
    page.mouse.click(*visit.at("edge", edge_ids["MET_WITH person:片山さつき"]))
    details = page.locator("#geokg-details-body")
    assert "<script>window.__pwned=1</script> \"為替\" & '市場'" in details.inner_text()
    assert details.locator("script, a").count() == 0
    # the article link: its hostile title as text, its URL as given
    page.mouse.click(*visit.at("edge", edge_ids["MET_WITH person:ルビオ"]))
    link = details.locator("a")
    assert link.inner_text() == HOSTILE_TITLE
    assert link.get_attribute("href") == "https://example.jp/news/0001?a=1&b=2"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert details.locator("img").count() == 0
    # a javascript: URL never becomes a link
    page.mouse.click(*visit.at("edge", edge_ids["REQUESTED person:片山さつき"]))
    assert "片山財務相はG7に重要鉱物での連携を求めた。" in details.inner_text()
    assert details.locator("a").count() == 0
    visit.assert_clean()


# --- the filters: legend, dates and search combined --------------------------------------------
def expected_shown(graph: nx.MultiDiGraph, *, types: set[str] = frozenset(), labels: set[str] = frozenset(),
                   since: str | None = None, until: str | None = None, undated: bool = True,
                   query: str = "") -> tuple[list[tuple[str, str, str]], list[str]]:
    """The oracle: which edges and nodes the page must show (see graph/map_page.py's docstring)."""
    q = query.lower()
    hit = {n for n, d in graph.nodes(data=True)
           if q and any(q in str(x).lower() for x in (n, d.get("name"), d.get("name_en"), d.get("iso3"),
                                                         *(d.get("aliases") or [])) if x)}
    shown_edges, alive = [], set()
    for u, v, d in graph.edges(data=True):
        span = period(d.get("date"), d.get("date_precision"))
        on = d["type"] not in types and graph.nodes[u]["label"] not in labels and graph.nodes[v]["label"] not in labels
        on = on and (undated if span is None else not ((since and span[1] < since) or (until and span[0] > until)))
        on = on and (not q or u in hit or v in hit)
        if on:
            shown_edges.append((u, v, d["type"]))
            alive |= {u, v}
    nodes = [n for n in alive if graph.nodes[n]["label"] not in labels]
    return sorted(shown_edges), sorted(nodes)


_SHOWN = """() => [
  Object.values(network.body.edges).filter(e => !e.options.hidden)
    .map(e => [e.fromId, e.toId, edges.get(e.id).etype]).sort(),
  Object.values(network.body.nodes).filter(n => !n.options.hidden).map(n => n.id).sort(),
  document.getElementById("geokg-shown").textContent]"""


def shown(page: Any) -> tuple[list[tuple[str, str, str]], list[str], str]:
    edges, nodes, text = page.evaluate(_SHOWN)
    return sorted(tuple(e) for e in edges), sorted(nodes), text


def set_dates(page: Any, since: str, until: str) -> None:
    page.fill("#geokg-since", since)  # fill fires input and change, as a person's typing does
    page.fill("#geokg-until", until)


def test_edges_carry_their_period_and_nodes_their_search_text(page: str) -> None:
    nodes, edges, _ = vis_data(page)
    by_type = {e["etype"]: e for e in edges}
    assert (by_type["SUPPORTED"]["d0"], by_type["SUPPORTED"]["d1"]) == ("2026-02-01", "2026-02-28")
    assert (by_type["INVESTED_IN"]["d0"], by_type["INVESTED_IN"]["d1"]) == ("2026-01-01", "2026-12-31")
    assert (by_type["COOPERATED"]["d0"], by_type["COOPERATED"]["d1"]) == (None, None)
    jpn = next(n for n in nodes if n["id"] == "JPN")
    assert "JPN" in jpn["search"].split("\n")
    parser = parse(page)
    attrs = {a.get("id"): a for t, a in parser.tags if t == "input" and a.get("id")}
    assert (attrs["geokg-since"]["value"], attrs["geokg-until"]["value"]) == ("2025-11-20", "2026-12-31")
    assert attrs["geokg-to"]["max"] == str((date(2026, 12, 31) - date(2025, 11, 20)).days)
    assert [a["data-first-date"] for t, a in parser.tags if t == "body"] == ["2025-11-20"]
    assert "(1)" in page[page.index('id="geokg-undated"'):][:200]  # one undated event (COOPERATED)


def test_a_graph_without_dates_has_no_date_control() -> None:
    parser = parse(maps.map_html(one_edge("MET_WITH")))
    assert not [a for t, a in parser.tags if t == "input" and a.get("type") in ("date", "range")]
    assert [a for t, a in parser.tags if t == "body"] == [{}]


@pytest.mark.browser
def test_legend_checkboxes_hide_edge_types_and_labels(sample_visit: Visit) -> None:
    visit = sample_visit
    visit.open()
    page = visit.page
    graph = sample_graph()
    edges, nodes, text = shown(page)
    assert (edges, nodes) == expected_shown(graph)
    assert text == "表示中 16 / 16 ノード · 15 / 15 エッジ"
    page.locator("input[data-edge-type='MET_WITH']").uncheck()
    page.locator("input[data-node-label='Agreement']").uncheck()
    expected = expected_shown(graph, types={"MET_WITH"}, labels={"Agreement"})
    assert shown(page)[:2] == expected
    assert "person:ルビオ" not in expected[1] and "agreement:和平協定" not in expected[1]  # left without events
    assert "person:片山さつき" in expected[1]  # still has other events
    page.locator("input[data-edge-type='MET_WITH']").check()
    page.locator("input[data-node-label='Agreement']").check()
    assert shown(page)[:2] == expected_shown(graph)
    visit.assert_clean()


@pytest.mark.browser
def test_date_range_legend_and_search_combine(sample_visit: Visit) -> None:
    visit = sample_visit
    visit.open()
    page = visit.page
    graph = sample_graph()
    set_dates(page, "2026-01-10", "2026-01-31")
    expected = expected_shown(graph, since="2026-01-10", until="2026-01-31")
    assert shown(page)[:2] == expected
    # month and year dates overlap the window; undated COOPERATED stays until its box is cleared
    assert ("JPN", "CHN", "REDUCES_DEPENDENCE_ON") in expected[0] and ("JPN", "IND", "INVESTED_IN") in expected[0]
    assert ("COD", "agreement:和平協定", "SIGNED") not in expected[0]
    assert ("JPN", "USA", "COOPERATED") in expected[0]
    page.locator("#geokg-undated").uncheck()
    assert shown(page)[:2] == expected_shown(graph, since="2026-01-10", until="2026-01-31", undated=False)
    # the sliders followed the dates
    assert page.input_value("#geokg-from") == str((date(2026, 1, 10) - date(2025, 11, 20)).days)
    # and the legend and the search box on top
    page.locator("input[data-edge-type='CRITICIZED']").uncheck()
    page.fill("#geokg-search", "jpn")
    page.wait_for_selector("#geokg-hits:has-text('1 件')", timeout=5_000)
    page.locator("#geokg-search").dispatch_event("change")
    expected = expected_shown(graph, since="2026-01-10", until="2026-01-31", undated=False, types={"CRITICIZED"},
                              query="jpn")
    assert shown(page)[:2] == expected
    assert expected == ([("JPN", "CHN", "REDUCES_DEPENDENCE_ON"), ("JPN", "IND", "INVESTED_IN")], ["CHN", "IND", "JPN"])
    assert shown(page)[2] == "表示中 3 / 16 ノード · 2 / 15 エッジ"
    # a slider moved by keyboard narrows the window again, one day a key
    page.fill("#geokg-search", "")
    page.locator("#geokg-search").dispatch_event("change")
    page.focus("#geokg-to")
    page.keyboard.press("End")
    assert page.input_value("#geokg-until") == "2026-12-31"
    visit.assert_clean()


@pytest.mark.browser
def test_search_finds_by_name_alias_and_code(sample_visit: Visit) -> None:
    visit = sample_visit
    visit.open()
    page = visit.page
    graph = sample_graph()
    for query in ("ルビオ", "片山", "ukr"):
        page.fill("#geokg-search", query)
        page.locator("#geokg-search").dispatch_event("change")
        assert shown(page)[:2] == expected_shown(graph, query=query), query
    assert expected_shown(graph, query="ukr")[1] == ["RUS", "UKR", "org:G7"]
    visit.assert_clean()


# --- at scale ---------------------------------------------------------------------------------------
def test_large_maps_come_laid_out_without_physics() -> None:
    graph = event_graph(600, 1200)
    nodes, edges, options = vis_data(maps.map_html(graph))
    assert options["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == graph.number_of_nodes()  # no two nodes on one spot
    assert not any("label" in e or e.get("dashes") for e in edges)  # the tooltip keeps type, date, evidence
    assert maps.map_html(graph) == maps.map_html(event_graph(600, 1200))


@pytest.mark.browser
def test_5000_entities_open_within_10_seconds_and_filter_at_once(browser: Any, tmp_path: Path) -> None:
    graph = event_graph(5000, 10_000)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (5000, 10_000)
    visit = Visit(browser, maps.write_map(graph, tmp_path / "5000.html", title="5000"))
    try:
        visit.open(timeout_ms=10_000)  # the bar: opened and settled within 10 s
        page = visit.page
        assert page.evaluate("() => network.physics.physicsEnabled") is False
        assert page.evaluate(_CANVAS_INK) > 0.002, "the canvas is blank"
        set_dates(page, "2025-04-01", "2025-06-30")
        page.locator("input[data-edge-type='MET_WITH']").uncheck()
        edges, nodes, _ = shown(page)
        expected = expected_shown(graph, since="2025-04-01", until="2025-06-30", types={"MET_WITH"})
        assert (len(edges), len(nodes)) == (len(expected[0]), len(expected[1]))
        assert (edges, nodes) == expected
        # responsive: each filter applied in well under a second (measured in the page)
        assert int(page.get_attribute("body", "data-filter-ms") or "99999") < 1000
        before = page.evaluate("() => network.getPositions()")
        page.wait_for_timeout(300)
        assert page.evaluate("() => network.getPositions()") == before  # frozen: nothing drifts
        visit.assert_clean()
    finally:
        visit.page.close()


@pytest.mark.browser
def test_a_few_hundred_nodes_settle(browser: Any, tmp_path: Path) -> None:
    graph = large_graph(250, 520)
    visit = Visit(browser, maps.write_map(graph, tmp_path / "large.html", title="大きな地図"))
    try:
        visit.open(timeout_ms=120_000)
        page = visit.page
        assert page.evaluate("() => network.body.data.nodes.length") == graph.number_of_nodes()
        assert page.evaluate(_CANVAS_INK) > 0.005
        xs = [p["x"] for p in page.evaluate("() => network.getPositions()").values()]
        assert max(xs) - min(xs) > 500, "the layout did not spread the nodes"
        page.screenshot(path=str(SCREENSHOT.with_name("map_large.png")))
        visit.assert_clean()
    finally:
        visit.page.close()
