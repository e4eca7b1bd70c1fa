"""Generated graphs and extractions for scale tests, benchmarks and screenshots: deterministic
for a seed, heavy-tailed like news (a few actors in most events), dated over a window.

Nothing here is real news: names are made up (国0001 …, 人物0001 …) except the countries, which
come from the gazetteer so that canned queries by ISO3 code work on a generated archive.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import networkx as nx

from geokg import vocab

# how often each event type occurs (news are mostly meetings and agreements)
TYPE_WEIGHTS = {vocab.MET_WITH: 30, vocab.AGREED: 12, vocab.SIGNED: 8, vocab.COOPERATED: 10, vocab.REQUESTED: 8,
                vocab.SUPPORTED: 6, vocab.INVESTED_IN: 5, vocab.PROPOSED: 5, vocab.CRITICIZED: 6,
                vocab.RESTRICTED: 5, vocab.FOUGHT: 3, vocab.REDUCES_DEPENDENCE_ON: 2}
_LABELS = ((vocab.COUNTRY, 0.15), (vocab.PERSON, 0.45), (vocab.ORGANIZATION, 0.3), (vocab.AGREEMENT, 0.1))
_WORD = {vocab.PERSON: "人物", vocab.ORGANIZATION: "機構", vocab.AGREEMENT: "協定"}


def _entities(n: int, rng: random.Random) -> list[dict[str, Any]]:
    from loaders.gazetteer import load

    countries = sorted(load().countries.values(), key=lambda c: c.iso3)
    rng.shuffle(countries)
    out = []
    for i in range(n):
        label = rng.choices([lab for lab, _ in _LABELS], [w for _, w in _LABELS])[0]
        if label == vocab.COUNTRY and countries:
            c = countries.pop()
            out.append({"id": c.iso3, "label": label, "name": c.name_ja, "iso3": c.iso3, "name_en": c.name_en})
            continue
        if label == vocab.COUNTRY:
            label = vocab.PERSON
        word = _WORD[label]
        entity: dict[str, Any] = {"id": f"{label.lower()}:{word}{i:05d}", "label": label, "name": f"{word}{i:05d}"}
        if label == vocab.ORGANIZATION:
            entity["kind"] = rng.choice(vocab.ORG_KINDS)
        out.append(entity)
    return out


def _pick(n: int, rng: random.Random) -> int:
    """An index in range(n), heavy-tailed: index 0 is the busiest."""
    return min(int(rng.paretovariate(1.1)) - 1, n - 1) if rng.random() < 0.6 else rng.randrange(n)


def _when(rng: random.Random, start: date, days: int) -> tuple[str | None, str | None]:
    day = start + timedelta(days=rng.randrange(days))
    r = rng.random()
    if r < 0.75:
        return day.isoformat(), "day"
    if r < 0.9:
        return day.isoformat()[:7], "month"
    if r < 0.95:
        return day.isoformat()[:4], "year"
    return None, None


def event_graph(n_nodes: int = 5000, n_edges: int = 10_000, *, seed: int = 0, start: date = date(2025, 1, 1),
                days: int = 365) -> nx.MultiDiGraph:
    """A map-sized graph: every node has at least one event.

    >>> g = event_graph(50, 120)
    >>> g.number_of_nodes(), g.number_of_edges()
    (50, 120)
    """
    rng = random.Random(seed)
    ents = _entities(n_nodes, rng)
    g = nx.MultiDiGraph()
    for e in ents:
        g.add_node(e["id"], **{k: v for k, v in e.items() if k != "id"}, articles=rng.randint(1, 20))
    ids = [e["id"] for e in ents]
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    for j in range(n_edges):
        # the first edges reach every node once, the rest lean on the hubs
        u = ids[j] if j < n_nodes else ids[_pick(n_nodes, rng)]
        v = ids[_pick(n_nodes, rng)]
        if v == u:
            v = ids[(ids.index(u) + 1) % n_nodes]
        etype = rng.choices(types, weights)[0]
        when, precision = _when(rng, start, days)
        g.add_edge(u, v, key=f"{etype}|a-{j:06d}", type=etype, date=when, date_precision=precision,
                   mode="planned" if rng.random() < 0.1 else "actual", article_id=f"a-{j:06d}",
                   article_title=f"記事{j:06d}", article_url=None,
                   evidence=f"{g.nodes[u]['name']}は{g.nodes[v]['name']}と{vocab.TYPE_JA[etype]}した。")
    return g


def extraction_records(n_articles: int, *, n_entities: int = 2000, seed: int = 0, start: date = date(2025, 1, 1),
                       days: int = 365) -> Iterator[dict[str, Any]]:
    """Extraction records (the contract ``geokg extract`` writes) for a generated archive: one to
    three events an article, articles published on their events' day.

    >>> recs = list(extraction_records(3, n_entities=10))
    >>> [len(r["events"]) > 0 for r in recs], recs[0]["article_id"]
    ([True, True, True], 'gen:000000')
    """
    rng = random.Random(seed)
    ents = _entities(n_entities, rng)
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    for i in range(n_articles):
        published = start + timedelta(days=rng.randrange(days))
        events: list[dict[str, Any]] = []
        used: dict[str, dict[str, Any]] = {}
        for _ in range(rng.randint(1, 3)):
            a, b = ents[_pick(n_entities, rng)], ents[_pick(n_entities, rng)]
            if a["id"] == b["id"]:
                continue
            etype = rng.choices(types, weights)[0]
            if any((e["type"], e["source"], e["target"]) == (etype, a["id"], b["id"]) for e in events):
                continue  # one edge per event per article, as the extractor gives
            used[a["id"]], used[b["id"]] = a, b
            when = published - timedelta(days=rng.randrange(3))
            events.append({"type": etype, "source": a["id"], "target": b["id"], "date": when.isoformat(),
                           "date_precision": "day", "date_inferred": False,
                           "mode": "planned" if rng.random() < 0.1 else "actual", "plover": vocab.PLOVER[etype],
                           "trigger": vocab.TYPE_JA[etype],
                           "evidence": f"{a['name']}は{b['name']}と{vocab.TYPE_JA[etype]}した。", "start": 0, "end": 0})
        text = "".join(e["evidence"] for e in events) or "特になし。"
        yield {"article_id": f"gen:{i:06d}", "title": f"生成記事{i:06d}", "published": published.isoformat(),
               "reference_date": None, "date_inferred": False, "source": "synthetic", "url": None, "text": text,
               "entities": [{**e, "aliases": [], "surfaces": [e["name"]], "count": 1} for e in used.values()],
               "events": events}
