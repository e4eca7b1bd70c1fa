"""What the notebooks need to stay readable on a real archive: a date window, the top N, and
what changed between a window and the one before it.

Dates are event dates (when it happened); an event dated to a month or a year is in a window
when that period overlaps it, as in the canned queries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import networkx as nx
import pandas as pd

from geokg import vocab
from graph.periods import period


def overlaps(value: str | None, since: str | None, until: str | None, precision: str | None = None) -> bool:
    """Whether the date ``value`` (day, month or year) overlaps the window; undated: only an
    open window.

    >>> overlaps("2026-01", "2026-01-15", "2026-02-01"), overlaps("2025-12-31", "2026-01-01", None)
    (True, False)
    """
    span = period(value, precision)
    if span is None:
        return since is None and until is None
    lo, hi = (period(since) or (None, None))[0], (period(until) or (None, None))[1]
    return not ((lo and span[1] < lo) or (hi and span[0] > hi))


def any_in_window(values: Iterable[str | None], since: str | None, until: str | None) -> bool:
    """Whether any of the dates overlaps the window (for list cells such as ``dates``)."""
    return any(overlaps(v, since, until) for v in values)


def previous_window(since: str, until: str) -> tuple[str, str]:
    """The window of the same length just before ``since`` – ``until`` (inclusive days).

    >>> previous_window("2026-01-15", "2026-01-28")
    ('2026-01-01', '2026-01-14')
    """
    first, last = date.fromisoformat(since), date.fromisoformat(until)
    days = (last - first).days + 1
    return (first - timedelta(days=days)).isoformat(), (first - timedelta(days=1)).isoformat()


def top_subgraph(graph: nx.MultiDiGraph, top: int, *, per_pair: int = 3) -> nx.MultiDiGraph:
    """The ``top`` actors with the most events, the agreements two of them signed, and between
    any two of these the ``per_pair`` latest events (a map an analyst can read: on a year of news
    the busiest actors share thousands of events).

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")])
    >>> sorted(top_subgraph(g, 3).nodes)
    ['a', 'b', 'c']
    >>> _ = g.add_edges_from([("a", "b", {"date": f"2026-01-{d:02d}"}) for d in range(1, 10)])
    >>> sorted(d["date"] for _, _, d in top_subgraph(g, 3, per_pair=2).in_edges("b", data=True) if "date" in d)
    ['2026-01-08', '2026-01-09']
    """
    actors = [n for n, d in graph.nodes(data=True) if d.get("label") != vocab.AGREEMENT]
    chosen = set(sorted(actors, key=lambda n: (-graph.degree(n), str(n)))[:top])
    shared = {n for n, d in graph.nodes(data=True)
              if d.get("label") == vocab.AGREEMENT and len(set(graph.predecessors(n)) & chosen) >= 2}
    view = graph.subgraph(chosen | shared)
    by_pair: dict[tuple[str, str], list[tuple[Any, Any, Any, dict[str, Any]]]] = {}
    for u, v, k, d in view.edges(keys=True, data=True):
        by_pair.setdefault(_pair(u, v), []).append((u, v, k, d))
    out = nx.MultiDiGraph()
    out.add_nodes_from(view.nodes(data=True))
    for edges in by_pair.values():
        latest = sorted(edges, key=lambda e: (str(e[3].get("date") or ""), str(e[2])), reverse=True)[:per_pair]
        for u, v, k, d in latest:
            out.add_edge(u, v, key=k, **d)
    return out


def week_of(value: str | None, precision: str | None = None) -> str | None:
    """The Monday of the week a day-precise date falls in (``None`` for months, years, undated).

    >>> week_of("2026-01-15"), week_of("2026-01")
    ('2026-01-12', None)
    """
    if not value or (precision and precision != "day") or len(value) < 10:
        return None
    day = date.fromisoformat(value[:10])
    return (day - timedelta(days=day.weekday())).isoformat()


def weekly_counts(graph: nx.MultiDiGraph, since: str | None = None, until: str | None = None) -> pd.DataFrame:
    """Events per week (rows, by Monday) and type (columns), day-precise events only; with a
    window, every week of it has a row, quiet ones too.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("JPN", "IND", type="MET_WITH", date="2026-01-13", date_precision="day")
    >>> weekly_counts(g, "2026-01-01", "2026-01-20")["MET_WITH"].to_dict()
    {'2025-12-29': 0, '2026-01-05': 0, '2026-01-12': 1, '2026-01-19': 0}
    """
    counts: Counter[tuple[str, str]] = Counter()
    for _u, _v, d in graph.edges(data=True):
        week = week_of(d.get("date"), d.get("date_precision"))
        if week and overlaps(week, None, until) and (since is None or week >= (week_of(since) or since)):
            counts[week, str(d.get("type"))] += 1
    weeks = sorted({w for w, _ in counts})
    if since and until:
        first, last = date.fromisoformat(week_of(since) or since), date.fromisoformat(until)
        weeks = [(first + timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)]
    types = [t for t in vocab.EVENT_TYPES if any(t == k for _, k in counts)]
    frame = pd.DataFrame([[counts[w, t] for t in types] for w in weeks], index=pd.Index(weeks, name="week"),
                         columns=pd.Index(types, name="type"))
    return frame


def _pair(u: Any, v: Any) -> tuple[str, str]:
    return (str(u), str(v)) if str(u) <= str(v) else (str(v), str(u))


def largest_changes(now: nx.MultiDiGraph, before: nx.MultiDiGraph, top: int, *, evidence: int = 2) -> pd.DataFrame:
    """The ``top`` pairs of entities whose events grew most from ``before`` to ``now``, with the
    first ``evidence`` sentences behind them in ``now``.

    >>> a, b = nx.MultiDiGraph(), nx.MultiDiGraph()
    >>> _ = a.add_edge("JPN", "IND", type="MET_WITH", evidence="日印が会談した。", date="2026-01-13")
    >>> largest_changes(a, b, 5)[["a", "b", "now", "before", "change"]].values.tolist()
    [['IND', 'JPN', 1, 0, 1]]
    """
    def count(g: nx.MultiDiGraph) -> Counter[tuple[str, str]]:
        return Counter(_pair(u, v) for u, v in g.edges() if u != v)

    def name(node: str) -> str:
        for g in (now, before):
            if node in g:
                return str(g.nodes[node].get("name") or node)
        return node

    n, b = count(now), count(before)
    growth = sorted(n, key=lambda p: (-(n[p] - b[p]), -n[p], p))[:top]
    rows = []
    for pair in growth:
        if n[pair] - b[pair] <= 0:
            break
        edges = sorted((d for u, v, d in now.edges(data=True) if _pair(u, v) == pair),
                       key=lambda d: (str(d.get("date") or ""), str(d.get("article_id") or "")))
        rows.append({"a": pair[0], "b": pair[1], "a_name": name(pair[0]), "b_name": name(pair[1]),
                     "now": n[pair], "before": b[pair], "change": n[pair] - b[pair],
                     "types": "、".join(sorted({str(d.get("type")) for d in edges})),
                     "evidence": [f"{d.get('date') or '日付なし'} {d.get('type')}: {d.get('evidence') or ''}"
                                  for d in edges[:evidence]]})
    return pd.DataFrame(rows, columns=["a", "b", "a_name", "b_name", "now", "before", "change", "types", "evidence"])


def weekly_plot(counts: pd.DataFrame, *, title: str = "") -> Any:
    """Stacked bars of events per week and type (call ``graph.plots.use_japanese_font`` first)."""
    from matplotlib.figure import Figure  # not pyplot: Jupyter shows the returned figure once

    from graph.maps import EDGE_FAMILY, FAMILY_COLOUR

    fig = Figure(figsize=(10, 4.2), dpi=100)
    ax = fig.add_subplot()
    if counts.empty:
        ax.text(0.5, 0.5, "no day-dated events in the window", ha="center", va="center", transform=ax.transAxes)
    else:
        bottom = pd.Series(0, index=counts.index)
        hatches = ["", "//", "..", "xx"]
        for i, etype in enumerate(counts.columns):
            colour = FAMILY_COLOUR[EDGE_FAMILY.get(etype, "other")]
            ax.bar(range(len(counts)), counts[etype], bottom=bottom, color=colour, hatch=hatches[i % len(hatches)],
                   edgecolor="white", label=f"{etype} {vocab.TYPE_JA.get(etype, '')}")
            bottom += counts[etype]
        ax.set_xticks(range(len(counts)), [w[5:] for w in counts.index], rotation=45, ha="right", fontsize=8)
        ax.legend(fontsize=7, ncols=2, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_ylabel("events / week (週ごとの件数)")
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    return fig
