"""The page around the map: colours and shapes, the header, the side panel (legend filters,
date range, search, details), its CSS and its one script.

The script reads the DataSets pyvis created and never builds HTML from data (textContent only).
Filters combine: an event edge is shown when its type is ticked, both its ends' labels are
ticked, its date overlaps the chosen range (undated events by their own box) and, when the
search box has text, one of its ends matches it; a node is shown when its label is ticked and
at least one of its edges is shown. Only the items whose state changes are updated, so a
filter applies in a fraction of a second on 10,000 edges.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from geokg import vocab

# --- look: one colour and shape per label, one colour per family of event types ---------------
# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
NODE_STYLE: Final[dict[str, tuple[str, str]]] = {  # label -> (colour, vis-network shape)
    vocab.COUNTRY: ("#0072B2", "dot"),
    vocab.PERSON: ("#E69F00", "diamond"),
    vocab.ORGANIZATION: ("#009E73", "square"),
    vocab.AGREEMENT: ("#CC79A7", "star"),
}
OTHER_NODE_STYLE: Final = ("#999999", "triangle")
LABEL_JA: Final = vocab.LABEL_JA

EDGE_FAMILY: Final[dict[str, str]] = {
    vocab.MET_WITH: "meeting",
    vocab.SIGNED: "agreement",
    vocab.AGREED: "agreement",
    vocab.PROPOSED: "request",
    vocab.REQUESTED: "request",
    vocab.SUPPORTED: "cooperation",
    vocab.INVESTED_IN: "cooperation",
    vocab.COOPERATED: "cooperation",
    vocab.RESTRICTED: "pressure",
    vocab.CRITICIZED: "pressure",
    vocab.REDUCES_DEPENDENCE_ON: "pressure",
    vocab.FOUGHT: "conflict",
}
FAMILY_COLOUR: Final = {
    "meeting": "#56B4E9",
    "agreement": "#009E73",
    "request": "#B8860B",
    "cooperation": "#0072B2",
    "pressure": "#D55E00",
    "conflict": "#B2182B",
    "other": "#777777",
}
TYPE_JA: Final = vocab.TYPE_JA
FONT_STACK: Final = (
    "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', "
    "'Yu Gothic', Meiryo, 'Source Han Sans JP', sans-serif"
)
_SIDE_WIDTH: Final = "320px"


def node_style(label: str) -> tuple[str, str]:
    """(colour, vis-network shape) of a node label."""
    return NODE_STYLE.get(label, OTHER_NODE_STYLE)


@dataclass(frozen=True)
class PageFacts:
    """What the side panel counts and offers: node and edge totals, per label and type, and the
    first and last day of the events' dates (``None`` without dated events)."""

    nodes: int
    edges: int
    label_counts: Counter[str]
    type_counts: Counter[str]
    first: str | None
    last: str | None
    undated: int
    edge_labels: bool = True  # large maps draw edges without labels, arrows or dashes

PAGE_CSS: Final = f"""
html, body {{ height: 100%; }}
body {{ margin: 0; display: grid; grid-template-columns: minmax(0, 1fr) {_SIDE_WIDTH};
  grid-template-rows: auto minmax(0, 1fr); font-family: {FONT_STACK}; color: #222; background: #fff; }}
#geokg-header {{ grid-column: 1 / 3; grid-row: 1; padding: 6px 14px; border-bottom: 1px solid #ddd; }}
#geokg-header h1 {{ font-size: 18px; margin: 0; font-weight: 700; }}
#geokg-header p {{ font-size: 12px; margin: 2px 0 0; color: #555; }}
body > .card {{ grid-column: 1; grid-row: 2; min-height: 0; }}
body #mynetwork {{ float: none; width: 100%; height: 100%; border: 0; box-sizing: border-box; }}
body #loadingBar {{ grid-column: 1; grid-row: 2; position: relative; width: auto; height: auto; }}
body #loadingBar div.outerBorder {{ top: 40%; }}
#geokg-side {{ grid-column: 2; grid-row: 2; overflow: auto; border-left: 1px solid #ddd; padding: 8px 12px;
  font-size: 13px; }}
#geokg-side h2 {{ font-size: 14px; margin: 8px 0 4px; }}
#geokg-side h3 {{ font-size: 12px; margin: 8px 0 2px; color: #555; }}
#geokg-side ul {{ list-style: none; margin: 0; padding: 0; }}
#geokg-side li {{ margin: 2px 0; }}
#geokg-side label {{ display: flex; align-items: center; gap: 6px; cursor: pointer; }}
#geokg-side .count {{ color: #777; }}
#geokg-side .note {{ color: #555; font-size: 12px; }}
#geokg-side input[type=range] {{ width: 100%; margin: 2px 0; }}
#geokg-side input[type=date], #geokg-side input[type=search] {{ font: inherit; font-size: 12px; }}
#geokg-side input[type=search] {{ width: 100%; box-sizing: border-box; }}
#geokg-side .dates {{ display: flex; align-items: center; gap: 4px; }}
#geokg-shown {{ font-weight: 700; }}
#geokg-details-body .tip {{ white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }}
#geokg-details-body a {{ overflow-wrap: anywhere; }}
#mynetwork div.vis-tooltip {{ font-family: {FONT_STACK}; font-size: 13px; white-space: pre-wrap;
  max-width: 32em; overflow-wrap: anywhere; }}
"""

# Our only script: readiness flag, physics off once settled, the combined filters, search, details.
PAGE_SCRIPT: Final = r"""
(function () {
  "use strict";
  var body = document.body;
  function ready() {
    var bar = document.getElementById("loadingBar");  // pyvis's progress bar (> 100 nodes)
    if (bar) { bar.style.display = "none"; }
    body.setAttribute("data-map-ready", "1");
  }
  if (typeof network === "undefined" || !network) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var DAY = 86400000;
  // --- the items, read once; only changes are sent to the DataSets afterwards
  var nodeLabel = {}, nodeText = {}, nodeHidden = {}, edgeHidden = {};
  nodes.get().forEach(function (n) {
    nodeLabel[n.id] = n.glabel;
    nodeText[n.id] = ((n.label || "") + "\n" + n.id + "\n" + (n.search || "")).toLowerCase();
    nodeHidden[n.id] = !!n.hidden;
  });
  var nodeCount = Object.keys(nodeLabel).length;
  var edgeList = edges.get({ fields: ["id", "from", "to", "etype", "d0", "d1", "hidden"] });
  edgeList.forEach(function (e) { edgeHidden[e.id] = !!e.hidden; });
  var boxes = document.querySelectorAll("#geokg-legend input[type=checkbox]");
  var slideFrom = $("geokg-from"), slideTo = $("geokg-to"), since = $("geokg-since"), until = $("geokg-until");
  var undated = $("geokg-undated"), search = $("geokg-search"), first = body.getAttribute("data-first-date");

  function dayOf(iso) { return Math.round((Date.parse(iso + "T00:00:00Z") - Date.parse(first + "T00:00:00Z")) / DAY); }
  function isoOf(day) { return new Date(Date.parse(first + "T00:00:00Z") + day * DAY).toISOString().slice(0, 10); }

  // Hiding thousands of items through DataSet.update costs a second or more (every item is re-set),
  // so a large change goes to vis-network's items directly, then one visibility update and redraw.
  var net = network.body;
  var direct = !!(net && net.nodes && net.edges && net.emitter);
  function commit(nodeChanges, edgeChanges) {
    if (!nodeChanges.length && !edgeChanges.length) { return; }
    if (!direct || nodeChanges.length + edgeChanges.length < 200) {
      if (nodeChanges.length) { nodes.update(nodeChanges); }
      if (edgeChanges.length) { edges.update(edgeChanges); }
      return;
    }
    nodeChanges.forEach(function (c) { if (net.nodes[c.id]) { net.nodes[c.id].options.hidden = c.hidden; } });
    edgeChanges.forEach(function (c) { if (net.edges[c.id]) { net.edges[c.id].options.hidden = c.hidden; } });
    net.emitter.emit("_dataUpdated");
  }
  var applied = 0;
  function apply() {
    var t0 = performance.now();
    var hideType = {}, hideLabel = {};
    boxes.forEach(function (b) {
      if (b.checked) { return; }
      if (b.hasAttribute("data-edge-type")) { hideType[b.getAttribute("data-edge-type")] = true; }
      if (b.hasAttribute("data-node-label")) { hideLabel[b.getAttribute("data-node-label")] = true; }
    });
    var lo = since && since.value ? since.value : null, hi = until && until.value ? until.value : null;
    var withUndated = !undated || undated.checked;
    var q = search ? search.value.trim().toLowerCase() : "";
    var hit = null, hits = 0;
    if (q) {
      hit = {};
      Object.keys(nodeText).forEach(function (id) {
        if (nodeText[id].indexOf(q) >= 0) { hit[id] = true; hits++; }
      });
    }
    var alive = {}, edgeChanges = [], nodeChanges = [], shownEdges = 0, shownNodes = 0;
    edgeList.forEach(function (e) {
      var on = !hideType[e.etype] && !hideLabel[nodeLabel[e.from]] && !hideLabel[nodeLabel[e.to]];
      if (on && e.d0 === null) { on = withUndated; }
      else if (on) { on = !(lo && e.d1 < lo) && !(hi && e.d0 > hi); }
      if (on && hit) { on = !!(hit[e.from] || hit[e.to]); }
      if (on) { alive[e.from] = alive[e.to] = true; shownEdges++; }
      if (edgeHidden[e.id] !== !on) { edgeHidden[e.id] = !on; edgeChanges.push({ id: e.id, hidden: !on }); }
    });
    Object.keys(nodeLabel).forEach(function (id) {
      var on = !!alive[id] && !hideLabel[nodeLabel[id]];
      if (on) { shownNodes++; }
      if (nodeHidden[id] !== !on) { nodeHidden[id] = !on; nodeChanges.push({ id: id, hidden: !on }); }
    });
    commit(nodeChanges, edgeChanges);
    var shown = $("geokg-shown");
    if (shown) {
      shown.textContent = "表示中 " + shownNodes + " / " + nodeCount + " ノード · " + shownEdges + " / " +
        edgeList.length + " エッジ";
    }
    var found = $("geokg-hits");
    if (found) { found.textContent = q ? hits + " 件" : ""; }
    if (hit && hits) {
      var ids = Object.keys(hit).filter(function (id) { return !nodeHidden[id]; });
      if (ids.length) { network.fit({ nodes: ids.slice(0, 200), animation: false }); }
    }
    body.setAttribute("data-shown-nodes", String(shownNodes));
    body.setAttribute("data-shown-edges", String(shownEdges));
    body.setAttribute("data-filter-ms", String(Math.round(performance.now() - t0)));
    body.setAttribute("data-filters-applied", String(++applied));
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; apply(); });
  }
  function fromSliders() {
    if (+slideFrom.value > +slideTo.value) { slideTo.value = slideFrom.value; }
    since.value = isoOf(+slideFrom.value);
    until.value = isoOf(+slideTo.value);
    schedule();  // while a slider moves: at most one filter a frame
  }
  function fromDates() {
    if (since.value) { slideFrom.value = String(dayOf(since.value)); }
    if (until.value) { slideTo.value = String(dayOf(until.value)); }
    apply();
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  if (slideFrom && first) {
    slideFrom.addEventListener("input", fromSliders);
    slideTo.addEventListener("input", function () {
      if (+slideTo.value < +slideFrom.value) { slideFrom.value = slideTo.value; }
      fromSliders();
    });
    slideFrom.addEventListener("change", apply);  // released: the final window, at once
    slideTo.addEventListener("change", apply);
    since.addEventListener("change", fromDates);
    until.addEventListener("change", fromDates);
  }
  if (undated) { undated.addEventListener("change", apply); }
  if (search) { search.addEventListener("input", schedule); search.addEventListener("change", apply); }

  // --- details panel
  var details = $("geokg-details-body");
  function show(item, isEdge) {
    details.textContent = "";
    var p = document.createElement("p");
    p.className = "tip";
    p.textContent = item.title || "";
    details.appendChild(p);
    if (isEdge && typeof item.url === "string" && /^https?:\/\//i.test(item.url)) {
      var a = document.createElement("a");
      a.href = item.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = item.article || item.url;
      details.appendChild(a);
    }
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show(nodes.get(params.nodes[0]), false); }
    else if (params.edges.length) { show(edges.get(params.edges[0]), true); }
  });

  // --- settled: physics off for good (a large map stays still and responsive), filters on
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    apply();
    ready();
  }
  if (nodes.length === 0) { settled(); return; }
  if (!(network.physics && network.physics.physicsEnabled)) {  // a large map: laid out in Python
    network.fit({ animation: false });
    settled();
    return;
  }
  network.once("stabilizationIterationsDone", settled);
})();
"""


# --- header and side panel ---------------------------------------------------------------------
def _shape_svg(shape: str, colour: str) -> str:
    c = html.escape(colour, quote=True)
    paths = {
        "dot": f'<circle cx="8" cy="8" r="6" fill="{c}" stroke="#333"/>',
        "square": f'<rect x="2.5" y="2.5" width="11" height="11" fill="{c}" stroke="#333"/>',
        "diamond": f'<polygon points="8,1 15,8 8,15 1,8" fill="{c}" stroke="#333"/>',
        "star": f'<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" '
                f'fill="{c}" stroke="#333"/>',
        "triangle": f'<polygon points="8,1.5 15,14.5 1,14.5" fill="{c}" stroke="#333"/>',
    }
    return f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{paths[shape]}</svg>'


def _line_svg(colour: str, directed: bool) -> str:
    c = html.escape(colour, quote=True)
    head = f'<polygon points="22,5 30,9 22,13" fill="{c}"/>' if directed else ""
    return (f'<svg width="32" height="18" viewBox="0 0 32 18" aria-hidden="true">'
            f'<line x1="2" y1="9" x2="{24 if directed else 30}" y2="9" stroke="{c}" stroke-width="2.5"/>'
            f"{head}</svg>")


def _legend_items(labels: Iterable[str], counts: Counter[str]) -> str:
    rows = []
    for label in labels:
        colour, shape = node_style(label)
        ja = f" {LABEL_JA[label]}" if label in LABEL_JA else ""
        rows.append(
            f'<li><label><input type="checkbox" checked data-node-label="{html.escape(label, quote=True)}">'
            f"{_shape_svg(shape, colour)} {html.escape(label or '(no label)')}{ja}"
            f' <span class="count">({counts[label]})</span></label></li>'
        )
    return "".join(rows)


def _edge_items(counts: Counter[str]) -> str:
    order = {t: i for i, t in enumerate(vocab.EVENT_TYPES)}
    rows = []
    for etype in sorted(counts, key=lambda t: (order.get(t, len(order)), t)):
        directed = etype not in vocab.SYMMETRIC
        ja = f" {TYPE_JA[etype]}" if etype in TYPE_JA else ""
        rows.append(
            f'<li><label><input type="checkbox" checked data-edge-type="{html.escape(etype, quote=True)}">'
            f"{_line_svg(FAMILY_COLOUR[EDGE_FAMILY.get(etype, 'other')], directed)} "
            f"{html.escape(etype)}{ja} {'→' if directed else '↔'}"
            f' <span class="count">({counts[etype]})</span></label></li>'
        )
    return "".join(rows) or "<li>(none)</li>"


def _time_section(facts: PageFacts) -> str:
    """Two sliders and two date fields over the events' days, and a box for undated events."""
    if not facts.first or not facts.last:
        return ('<section id="geokg-time" aria-label="期間"><h2>期間 Dates</h2>'
                '<p class="note">日付のある事象はありません (no dated events).</p></section>')
    first, last = date.fromisoformat(facts.first), date.fromisoformat(facts.last)
    days = (last - first).days
    lo, hi = html.escape(facts.first, quote=True), html.escape(facts.last, quote=True)
    return (
        '<section id="geokg-time" aria-label="期間"><h2>期間 Dates</h2>'
        f'<input type="range" id="geokg-from" min="0" max="{days}" value="0" step="1" aria-label="開始 from">'
        f'<input type="range" id="geokg-to" min="0" max="{days}" value="{days}" step="1" aria-label="終了 until">'
        '<div class="dates">'
        f'<input type="date" id="geokg-since" min="{lo}" max="{hi}" value="{lo}" aria-label="開始日">'
        f' – <input type="date" id="geokg-until" min="{lo}" max="{hi}" value="{hi}" aria-label="終了日"></div>'
        f'<label><input type="checkbox" id="geokg-undated" checked> 日付のない事象 (undated) '
        f'<span class="count">({facts.undated})</span></label>'
        '<p class="note">月・年までの日付は、その期間が範囲に重なれば表示。</p></section>'
    )


_EDGE_NOTE: Final = "破線 = 予定 (planned) · → 有向 · ↔ 対称 · ラベル = 種類 日付"
_EDGE_NOTE_LARGE: Final = ("大きな地図: エッジはラベル・矢印なし、種類と日付はポップアップに "
                           "(large map: type and date on hover)")


def page_chrome(facts: PageFacts, title: str) -> str:
    """The ``<body>`` start tag and everything before the map: header, filters, details panel.

    >>> page = page_chrome(PageFacts(0, 0, Counter(), Counter(), None, None, 0), "<地図>")
    >>> "&lt;地図&gt;" in page and "<地図>" not in page
    True
    """
    first = f' data-first-date="{html.escape(facts.first, quote=True)}"' if facts.first else ""
    labels = [*NODE_STYLE, *sorted(set(facts.label_counts) - set(NODE_STYLE))]
    return (
        f"<body{first}>\n"
        f'<header id="geokg-header"><h1>{html.escape(title)}</h1>'
        f"<p>{facts.nodes} nodes · {facts.edges} edges · "
        "ドラッグで移動、ホイールで拡大、クリックで詳細</p></header>\n"
        '<aside id="geokg-side">'
        '<section id="geokg-find" aria-label="検索"><h2>検索 Search</h2>'
        '<input type="search" id="geokg-search" placeholder="名前・ID (日本, JPN, ルビオ…)" autocomplete="off">'
        ' <span id="geokg-hits" class="count"></span></section>'
        f"{_time_section(facts)}"
        '<p id="geokg-shown" class="note" aria-live="polite"></p>'
        '<section id="geokg-legend" aria-label="凡例">'
        "<h2>凡例 Legend</h2><h3>ノード Nodes (size = degree)</h3>"
        f"<ul>{_legend_items(labels, facts.label_counts)}</ul>"
        f"<h3>エッジ Edges</h3><ul>{_edge_items(facts.type_counts)}</ul>"
        f'<p class="note">{_EDGE_NOTE if facts.edge_labels else _EDGE_NOTE_LARGE}</p></section>'
        '<section id="geokg-details"><h2>詳細 Details</h2><div id="geokg-details-body">'
        '<p class="note">ノードかエッジをクリックすると根拠文と記事が表示されます。</p></div></section>'
        "</aside>\n"
    )
