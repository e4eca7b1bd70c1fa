"""Positions for large maps, computed once in Python so that the page needs no physics.

In-browser physics does not scale: vis-network's Barnes-Hut takes about a quarter of a second
an iteration on 5,000 nodes in headless Chromium. Here the busiest nodes (the hubs) get a
force-directed layout (networkx's Fruchterman-Reingold, dense numpy, fast at a few hundred
nodes) and every other node is set around the hub it has most events with, in a sunflower
pattern (golden angle, radius growing with the square root of the rank) so that a hub's
satellites never overlap; a node without a hub neighbour joins the neighbour placed before
it. Same graph, same positions.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from typing import Any, Final

import networkx as nx

HUBS: Final = 300
SPACING: Final = 22.0  # canvas units between two satellites of one hub
_GOLDEN: Final = math.pi * (3 - math.sqrt(5))


def _weights(graph: nx.MultiDiGraph) -> dict[Any, Counter[Any]]:
    """Per node, its neighbours with the number of events between them (either way)."""
    out: dict[Any, Counter[Any]] = defaultdict(Counter)
    for u, v in graph.edges():
        if u != v:
            out[u][v] += 1
            out[v][u] += 1
    return out


def positions(graph: nx.MultiDiGraph, *, hubs: int = HUBS, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Canvas coordinates for every node of ``graph``.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("e", "d")])
    >>> pos = positions(g, hubs=2)
    >>> sorted(pos) == ["a", "b", "c", "d", "e"], pos == positions(g, hubs=2)
    (True, True)
    """
    if graph.number_of_nodes() == 0:
        return {}
    weights = _weights(graph)
    order = sorted(graph.nodes, key=lambda n: (-sum(weights[n].values()), str(n)))
    centre = order[: max(1, min(hubs, len(order)))]
    skeleton = nx.Graph()
    skeleton.add_nodes_from(centre)
    chosen = set(centre)
    for u in centre:
        for v, w in weights[u].items():
            if v in chosen:
                skeleton.add_edge(u, v, weight=w)
    if skeleton.number_of_edges():  # one connected skeleton: other parts would be flung to the edges
        biggest = max(nx.connected_components(skeleton), key=lambda c: (len(c), sorted(map(str, c))))
        skeleton = skeleton.subgraph(biggest).copy()
        centre = [n for n in centre if n in biggest]
        chosen = set(centre)
    # room for the satellites: the skeleton spans about sqrt(n) satellite spacings per hub
    scale = SPACING * math.sqrt(graph.number_of_nodes()) * 10
    raw = nx.spring_layout(skeleton, seed=seed, weight="weight", iterations=80, scale=scale)
    pos: dict[Any, tuple[float, float]] = {n: (float(p[0]), float(p[1])) for n, p in raw.items()}
    placed_around: Counter[Any] = Counter()

    def place(node: Any, anchor: Any) -> None:
        placed_around[anchor] += 1
        k = placed_around[anchor]
        r = SPACING * math.sqrt(k) + SPACING
        ax, ay = pos[anchor]
        pos[node] = (ax + r * math.cos(k * _GOLDEN), ay + r * math.sin(k * _GOLDEN))

    def spread(queue: deque[Any]) -> None:
        """Breadth-first: each node goes round its heaviest already placed neighbour."""
        while queue:
            u = queue.popleft()
            for v, _w in sorted(weights[u].items(), key=lambda x: (-x[1], str(x[0]))):
                if v in pos:
                    continue
                anchor = max((n for n in weights[v] if n in pos), key=lambda n: (weights[v][n], n in chosen, str(n)))
                place(v, anchor)
                queue.append(v)

    spread(deque(centre))
    # parts the skeleton does not reach: each around its busiest node, on a ring outside
    rest = [n for n in order if n not in pos]
    radius = max((math.hypot(x, y) for x, y in pos.values()), default=0.0) + 8 * SPACING
    slots = max(1, len(rest))
    for i, n in enumerate(rest):
        if n in pos:
            continue
        angle = 2 * math.pi * i / slots
        pos[n] = (radius * math.cos(angle), radius * math.sin(angle))
        spread(deque([n]))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}
