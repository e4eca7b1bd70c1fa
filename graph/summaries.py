"""The summaries the loader keeps next to the per-article event edges, in the same transaction.

The per-article edges stay the evidence; the canned queries read these instead, so that they
cost what their answer costs, not what the corpus costs (``graph/ties.py`` has the arithmetic):

* ``(s)-[:TIE {type, count, undated, first_*, last_*}]->(t)``, one per (source, target, event
  type): how many events of that type from s to t, the first and the last.
* ``(a)-[:COSIGNED]-(b)``: two actors that signed the same agreement (in any article); counts
  both sides' signings of the agreements they share, by date.
* ``(a)-[:CONTACT {direct, types, count, dated, first_*}]-(b)``, one per pair of entities with
  an event between them or a co-signed agreement: ``new_ties`` and ``connection`` read these.
* ``(ca:Country)-[:COUNTRY_TIE {type, ...}]->(cb:Country)``: the events between those acting
  for two countries (a person's HOLDS_ROLE country, an organization's BASED_IN country; every
  country each side acts for), symmetric types once with ca < cb, co-signing as SIGNED.
* ``(a)-[:ACTIVITY {type, ...}]->(a)``, per actor and event type, and ``a.event_count``.
* ``e.countries``: the countries an entity acts for, sorted.

Each summary has a unique ``key`` (type and ids) so it is found by an index, not by expanding
a busy node. ``update`` applies the edge changes of one batch as deltas: it reads the
summaries they touch, changes them in Python and writes them back; co-signing moves by the
signings of the agreements the batch changed. Only a tie (or a co-signing pair) whose first or
last event was changed or removed (a reload) is recounted from its edges (from the edges into
the pair's shared agreements). Callers hold the writers' lock (``graph/turns.py``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import neo4j

from geokg import vocab
from graph.ties import DateCounts, EdgeChange, Tie, apply_changes, contact, country_keys, update_contact

# A person renamed to a longer name (graph/resolve.py) takes its summaries' keys along.
RENAME_KEYS = """
WITH p
CALL (p) { MATCH (p)-[x:TIE]-() SET x.key = x.type + '|' + startNode(x).id + '|' + endNode(x).id }
CALL (p) { MATCH (p)-[x:ACTIVITY]->(p) SET x.key = x.type + '|' + p.id }
CALL (p) { MATCH (p)-[x:CONTACT|COSIGNED]-(o)
           SET x.key = CASE WHEN p.id < o.id THEN p.id + '|' + o.id ELSE o.id + '|' + p.id END }
"""

_COUNTRIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.countries AS old, e:Agreement AS agreement,
       COLLECT { MATCH (e)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) WITH DISTINCT c.iso3 AS c RETURN c ORDER BY c }
       AS new
"""
_SET_COUNTRIES = "UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e.countries = row.countries"
_ENTITY_INFO = "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.countries AS c, e:Agreement AS ag"
_HOLDERS = "UNWIND $ids AS id MATCH (p:Person)-[:HOLDS_ROLE]->(:Organization {id: id}) RETURN DISTINCT p.id AS id"
_EVENT_TYPES = "|".join(vocab.safe_identifier(t) for t in vocab.EVENT_TYPES)

_READ = "UNWIND $keys AS k MATCH ()-[x:%s {key: k}]->() RETURN k AS key, properties(x) AS props"
_EDGES = """
UNWIND $keys AS k
MATCH (s:Entity {id: k.s})
MATCH (t:Entity {id: k.t})
MATCH (s)-[r:%s]->(t)
RETURN k.key AS key, r.date AS date, r.article_id AS article, r.evidence AS evidence
"""
# Write by key: a stored summary is found through its key's index; a new one is created
# between its two nodes.
_UPDATE = "UNWIND $rows AS row MATCH ()-[x:%s {key: row.key}]->() SET x += row.props"
_CREATE = """
UNWIND $rows AS row
MATCH (a:%(label)s {%(id)s: row.a})
MATCH (b:%(label)s {%(id)s: row.b})
CREATE (a)-[x:%(type)s {key: row.key}]->(b)
SET x += row.props
"""
_DELETE = "UNWIND $keys AS k MATCH ()-[x:%s {key: k}]->() DELETE x"
# Every signing of these agreements (each has few: its own article's, or a named one's).
_SIGNINGS = """
UNWIND $ids AS id
MATCH (x:Entity)-[r:SIGNED]->(:Agreement {id: id})
RETURN id AS ag, x.id AS x, r.article_id AS article, r.date AS date, r.evidence AS evidence
"""
# The signings of both sides of a pair of the agreements they share.
_SHARED = """
UNWIND $pairs AS p
MATCH (a:Entity {id: p.a})-[ta:TIE]->(ag:Agreement)
WHERE ta.type = $signed
MATCH (ag)<-[:TIE {key: $signed + '|' + p.b + '|' + ag.id}]-()
MATCH (x:Entity)-[r:SIGNED]->(ag)
WHERE x.id IN [p.a, p.b]
RETURN p.key AS key, r.date AS date, r.article_id AS article, r.evidence AS evidence
"""
_ACTIVITY_TOTALS = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.event_count = coalesce(e.event_count, 0) + row.delta
"""
_EDGES_OF = f"""
UNWIND $ids AS id
MATCH (e:Entity {{id: id}})-[r:{_EVENT_TYPES}]-(:Entity)
RETURN DISTINCT type(r) AS type, startNode(r).id AS s, endNode(r).id AS t, r.article_id AS article, r.date AS date
"""
_COSIGNED_OF = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[x:COSIGNED]-(:Entity)
RETURN DISTINCT x.key AS key, startNode(x).id AS a, endNode(x).id AS b, properties(x) AS props
"""

Info = dict[str, tuple[list[str], bool]]  # entity id -> (countries it acts for, is an agreement)


def tie_key(etype: str, source: str, target: str) -> str:
    return f"{etype}|{source}|{target}"


def pair_key(a: str, b: str) -> str:
    return f"{a}|{b}" if a < b else f"{b}|{a}"


@dataclass
class SummaryReport:
    """What one batch changed in the summaries."""

    ties: int = 0
    cosigned: int = 0
    contacts: int = 0
    country_ties: int = 0
    activities: int = 0
    remapped: int = 0


def _read(tx: neo4j.ManagedTransaction, rel: str, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    keys = sorted(set(keys))
    if not keys:
        return {}
    return {r["key"]: r["props"] for r in tx.run(_READ % vocab.safe_identifier(rel), keys=keys)}


def _write(tx: neo4j.ManagedTransaction, rel: str, rows: list[dict[str, Any]], deletes: Iterable[str],
           stored: Iterable[str], label: str = vocab.ENTITY, id_prop: str = "id") -> None:
    """Write ``rows`` (key, a, b, props) of ``rel``: update the ``stored`` keys, create the others;
    delete ``deletes``."""
    ident = vocab.safe_identifier(rel)
    stored = set(stored)
    update = [r for r in rows if r["key"] in stored]
    create = [r for r in rows if r["key"] not in stored]
    if update:
        tx.run(_UPDATE % ident, rows=update).consume()
    if create:
        tx.run(_CREATE % {"type": ident, "label": vocab.safe_identifier(label), "id": id_prop}, rows=create).consume()
    deletes = sorted(set(deletes))
    if deletes:
        tx.run(_DELETE % ident, keys=deletes).consume()


def _entities(tx: neo4j.ManagedTransaction, ids: Iterable[str]) -> Info:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {r["id"]: (list(r["c"] or []), bool(r["ag"])) for r in tx.run(_ENTITY_INFO, ids=ids)}


def remap_countries(tx: neo4j.ManagedTransaction, ids: Iterable[str], orgs: Iterable[str] = ()
                    ) -> dict[str, tuple[list[str], list[str]]]:
    """Recompute ``countries`` of these entities (and of the people holding roles at these
    organizations); return the ones that changed: id -> (before, after)."""
    ids = set(ids)
    orgs = sorted(set(orgs))
    if orgs:
        ids |= {r["id"] for r in tx.run(_HOLDERS, ids=orgs)}
    changed = {}
    for r in tx.run(_COUNTRIES, ids=sorted(ids)):
        old = list(r["old"]) if r["old"] is not None else None
        if old != r["new"]:
            changed[r["id"]] = (old or [], list(r["new"]))
    if changed:
        tx.run(_SET_COUNTRIES, rows=[{"id": k, "countries": v[1]} for k, v in changed.items()]).consume()
    return changed


class _Deltas:
    """Date-count deltas of summaries with date lists (ACTIVITY, COUNTRY_TIE), by key."""

    def __init__(self) -> None:
        self.counts: dict[str, DateCounts] = defaultdict(DateCounts)
        self.ends: dict[str, tuple[str, str]] = {}
        self.types: dict[str, str] = {}

    def add(self, key: str, a: str, b: str, etype: str, date: str | None, n: int) -> None:
        self.counts[key].add(date, n)
        self.ends[key] = (a, b)
        self.types[key] = etype

    def add_counts(self, key: str, a: str, b: str, etype: str, counts: DateCounts, sign: int) -> None:
        self.counts[key].merge(counts, sign)
        self.ends[key] = (a, b)
        self.types[key] = etype

    def apply(self, tx: neo4j.ManagedTransaction, rel: str, label: str = vocab.ENTITY, id_prop: str = "id") -> int:
        live = {k: d for k, d in self.counts.items() if d.by_date or d.undated}
        stored = _read(tx, rel, live)
        rows, deletes = [], []
        for k, d in live.items():
            counts = DateCounts.from_props(stored.get(k))
            counts.merge(d)
            if counts.negative():
                raise AssertionError(f"summary {rel} {k} would count below zero: the summaries are out of step")
            if counts.total == 0:
                deletes.append(k)
            else:
                rows.append({"key": k, "a": self.ends[k][0], "b": self.ends[k][1],
                             "props": {**counts.props(), "type": self.types[k]}})
        _write(tx, rel, rows, deletes, stored, label, id_prop)
        return len(live)


def _country(deltas: _Deltas, etype: str, s: list[str], t: list[str], date: str | None, n: int) -> None:
    for a, b, ty in country_keys(etype, s, t):
        deltas.add(tie_key(ty, a, b), a, b, ty, date, n)


def update(tx: neo4j.ManagedTransaction, changes: list[EdgeChange],
           remapped: dict[str, tuple[list[str], list[str]]] | None = None) -> SummaryReport:
    """Bring every summary in line with the edge changes of one batch (and with the entities
    whose countries changed, from ``remap_countries``)."""
    report = SummaryReport(remapped=len(remapped or {}))
    remapped = remapped or {}
    changes = [ch for ch in changes if ch.old != ch.new]
    by_key: dict[str, list[EdgeChange]] = defaultdict(list)
    for ch in changes:
        by_key[tie_key(*ch.key)].append(ch)
    info = _entities(tx, {x for ch in changes for x in (ch.source, ch.target)} | set(remapped))
    old_c = {e: before for e, (before, _after) in remapped.items()}

    def countries(e: str, old: bool) -> list[str]:
        return old_c[e] if old and e in old_c else info.get(e, ([], False))[0]

    def agreement(e: str) -> bool:
        return info.get(e, ([], False))[1]

    # 1. ties: counts, first and last
    old_ties = {k: Tie.from_props(p) for k, p in _read(tx, vocab.TIE, by_key).items()}
    new_ties: dict[str, Tie] = {}
    redo: dict[str, list[str]] = defaultdict(list)
    for k, chs in by_key.items():
        tie = apply_changes(old_ties.get(k, Tie()), chs)
        if tie is None:
            redo[chs[0].type].append(k)
        else:
            new_ties[k] = tie
    for etype, keys in redo.items():
        fresh = {k: Tie() for k in keys}
        rows = [{"key": k, "s": by_key[k][0].source, "t": by_key[k][0].target} for k in keys]
        for r in tx.run(_EDGES % vocab.safe_identifier(etype), keys=rows):
            fresh[r["key"]].add_edge(r["date"], r["article"], r["evidence"] or "")
        new_ties.update(fresh)
    meta = {k: by_key[k][0] for k in by_key}
    _write(tx, vocab.TIE, [{"key": k, "a": meta[k].source, "b": meta[k].target,
                           "props": {**t.props(), "type": meta[k].type}}
                           for k, t in new_ties.items() if not t.empty],
           [k for k, t in new_ties.items() if t.empty and k in old_ties], old_ties)
    report.ties = len(new_ties)

    # 2. activity per actor and type, and country ties, from the edges that changed
    activity, country = _Deltas(), _Deltas()
    totals: dict[str, int] = defaultdict(int)
    for ch in changes:
        for e in {ch.source, ch.target} - {x for x in (ch.source, ch.target) if agreement(x)}:
            k = f"{ch.type}|{e}"
            for state, n in ((ch.old, -1), (ch.new, 1)):
                if state is not None:
                    activity.add(k, e, e, ch.type, state[0], n)
                    totals[e] += n
        if ch.type != vocab.SIGNED and not agreement(ch.source) and not agreement(ch.target):
            if ch.old is not None:
                _country(country, ch.type, countries(ch.source, True), countries(ch.target, True), ch.old[0], -1)
            if ch.new is not None:
                _country(country, ch.type, countries(ch.source, False), countries(ch.target, False), ch.new[0], 1)
    report.activities = activity.apply(tx, vocab.ACTIVITY)
    moved: list[dict[str, Any]] = [{"id": e, "delta": n} for e, n in totals.items() if n]
    if moved:
        tx.run(_ACTIVITY_TOTALS, rows=moved).consume()

    # 3. co-signing of every pair with a signer whose signing of an agreement changed
    cos_old, cos_new, cos_pairs = _cosigning(tx, [ch for ch in changes
                                                   if ch.type == vocab.SIGNED and agreement(ch.target)])
    report.cosigned = len(cos_new)
    info.update(_entities(tx, {x for k in cos_new for x in cos_pairs[k]} - set(info)))
    for k, (before, after) in ((k, (cos_old[k][1], cos_new[k][1])) for k in cos_new):
        a, b = cos_pairs[k]
        for ca, cb, ty in country_keys(vocab.SIGNED, countries(a, True), countries(b, True)):
            country.add_counts(tie_key(ty, ca, cb), ca, cb, ty, before, -1)
        for ca, cb, ty in country_keys(vocab.SIGNED, countries(a, False), countries(b, False)):
            country.add_counts(tie_key(ty, ca, cb), ca, cb, ty, after, 1)

    # 4. an entity acting for other countries now moves all its other events and co-signings
    if remapped:
        _remap(tx, country, remapped, changes, set(cos_new), info)
    report.country_ties = country.apply(tx, vocab.COUNTRY_TIE, vocab.COUNTRY, "iso3")

    # 5. contacts of every pair whose ties or co-signing changed
    report.contacts = _contacts(tx, {k: (old_ties.get(k, Tie()), t) for k, t in new_ties.items()}, meta,
                                {k: (cos_old[k][0], cos_new[k][0]) for k in cos_new}, cos_pairs)
    return report


def _remap(tx: neo4j.ManagedTransaction, country: _Deltas, remapped: dict[str, tuple[list[str], list[str]]],
           changes: list[EdgeChange], cosigned_done: set[str], info: Info) -> None:
    done = {(ch.type, ch.article_id, ch.source, ch.target) for ch in changes}
    edges = [r for r in tx.run(_EDGES_OF, ids=sorted(remapped))
             if (r["type"], r["article"], r["s"], r["t"]) not in done]
    cosigned = [r for r in tx.run(_COSIGNED_OF, ids=sorted(remapped)) if r["key"] not in cosigned_done]
    info.update(_entities(tx, {x for r in edges for x in (r["s"], r["t"])} |
                          {x for r in cosigned for x in (r["a"], r["b"])}))

    def old(e: str) -> list[str]:
        return remapped[e][0] if e in remapped else info.get(e, ([], False))[0]

    def new(e: str) -> list[str]:
        return info.get(e, ([], False))[0]

    for r in edges:
        if r["type"] == vocab.SIGNED or info[r["s"]][1] or info[r["t"]][1]:
            continue
        _country(country, r["type"], old(r["s"]), old(r["t"]), r["date"], -1)
        _country(country, r["type"], new(r["s"]), new(r["t"]), r["date"], 1)
    for r in cosigned:
        counts = DateCounts.from_props(r["props"])
        for ca, cb, ty in country_keys(vocab.SIGNED, old(r["a"]), old(r["b"])):
            country.add_counts(tie_key(ty, ca, cb), ca, cb, ty, counts, -1)
        for ca, cb, ty in country_keys(vocab.SIGNED, new(r["a"]), new(r["b"])):
            country.add_counts(tie_key(ty, ca, cb), ca, cb, ty, counts, 1)


Signing = tuple[Tie, DateCounts]
SignEdges = dict[tuple[str, str], tuple[str | None, str]]  # (signer, article) -> (date, evidence)


def _cosigning(tx: neo4j.ManagedTransaction, changes: list[EdgeChange]
               ) -> tuple[dict[str, Signing], dict[str, Signing], dict[str, tuple[str, str]]]:
    """Bring the co-signing of every pair of a signer whose signing of an agreement changed
    (``changes``: the batch's SIGNED edge changes into agreements) with another signer of it
    in line; return the pairs whose co-signing changed, before and after.

    Only the agreements that changed are read: their signing edges now, and before (undoing
    the changes), give each pair's change, applied to its stored co-signing. A pair whose
    first or last co-signed event was changed or removed is recounted from all the agreements
    it shares (as a tie is)."""
    if not changes:
        return {}, {}, {}
    now: dict[str, SignEdges] = defaultdict(dict)
    for r in tx.run(_SIGNINGS, ids=sorted({ch.target for ch in changes})):
        now[r["ag"]][(r["x"], r["article"])] = (r["date"], r["evidence"] or "")
    before: dict[str, SignEdges] = {ag: dict(edges) for ag, edges in now.items()}
    for ch in reversed(changes):  # an edge written twice in one batch: undone to its first state
        edges = before.setdefault(ch.target, {})
        if ch.old is None:
            edges.pop((ch.source, ch.article_id), None)
        else:
            edges[(ch.source, ch.article_id)] = ch.old
    moved = {(ch.target, ch.source) for ch in changes}
    pairs: dict[str, tuple[str, str]] = {}
    deltas: dict[str, list[EdgeChange]] = defaultdict(list)
    for ag in sorted(before.keys() | now.keys()):
        old_e, new_e = before.get(ag, {}), now.get(ag, {})
        old_s, new_s = {x for x, _ in old_e}, {x for x, _ in new_e}
        here = {(min(a, b), max(a, b)) for a in {x for g, x in moved if g == ag} for b in (old_s | new_s) - {a}}
        for a, b in sorted(here):  # once per pair and agreement, when both signers moved too
            k = pair_key(a, b)
            pairs[k] = (a, b)
            was = {e: v for e, v in old_e.items() if e[0] in (a, b)} if {a, b} <= old_s else {}
            is_ = {e: v for e, v in new_e.items() if e[0] in (a, b)} if {a, b} <= new_s else {}
            for e in sorted(was.keys() | is_.keys()):
                if was.get(e) != is_.get(e):
                    deltas[k].append(EdgeChange(vocab.SIGNED, e[0], ag, e[1], was.get(e), is_.get(e)))
    stored = _read(tx, vocab.COSIGNED, pairs)
    old = {k: (Tie.from_props(stored.get(k)), DateCounts.from_props(stored.get(k))) for k in pairs}
    new: dict[str, Signing] = {}
    redo = []
    for k in pairs:
        tie = apply_changes(old[k][0], deltas.get(k, []))
        if tie is None:
            redo.append(k)
            continue
        counts = DateCounts(Counter(old[k][1].by_date), old[k][1].undated)
        for ch in deltas.get(k, []):
            if ch.old is not None:
                counts.add(ch.old[0], -1)
            if ch.new is not None:
                counts.add(ch.new[0], 1)
        new[k] = (tie, counts)
    if redo:
        new.update({k: (Tie(), DateCounts()) for k in redo})
        rows = [{"key": k, "a": pairs[k][0], "b": pairs[k][1]} for k in redo]
        for r in tx.run(_SHARED, pairs=rows, signed=vocab.SIGNED):
            tie, counts = new[r["key"]]
            tie.add_edge(r["date"], r["article"], r["evidence"] or "")
            counts.add(r["date"])
    diff = {k: v for k, v in new.items() if v[0] != old[k][0] or v[1] != old[k][1]}
    _write(tx, vocab.COSIGNED, [{"key": k, "a": pairs[k][0], "b": pairs[k][1],
                                 "props": {**counts.props(), **tie.props()}}
                                for k, (tie, counts) in diff.items() if not tie.empty],
           [k for k, (tie, _) in diff.items() if tie.empty and k in stored], stored)
    return old, diff, pairs


def _contacts(tx: neo4j.ManagedTransaction, ties: dict[str, tuple[Tie, Tie]], meta: dict[str, EdgeChange],
              cosigned: dict[str, tuple[Tie, Tie]], cos_pairs: dict[str, tuple[str, str]]) -> int:
    """Update the CONTACT of every pair whose ties or co-signing changed."""
    direct: dict[str, list[tuple[str, Tie, Tie]]] = defaultdict(list)
    ends: dict[str, tuple[str, str]] = {}
    for k, (before, after) in ties.items():
        m = meta[k]
        pk = pair_key(m.source, m.target)
        direct[pk].append((m.type, before, after))
        ends[pk] = (min(m.source, m.target), max(m.source, m.target))
    for k in cosigned:
        ends[k] = cos_pairs[k]
    stored = _read(tx, vocab.CONTACT, ends)
    out: dict[str, dict[str, Any] | None] = {}
    redo = []
    for k in ends:
        props = update_contact(stored.get(k), direct.get(k, []), cosigned.get(k))
        if props is False:
            redo.append(k)
        else:
            out[k] = props  # type: ignore[assignment]
    if redo:
        keys = [tie_key(t, *ends[k]) for k in redo for t in vocab.EVENT_TYPES] + \
               [tie_key(t, *reversed(ends[k])) for k in redo for t in vocab.EVENT_TYPES]
        found = _read(tx, vocab.TIE, keys)
        cos = _read(tx, vocab.COSIGNED, redo)
        for k in redo:
            a, b = ends[k]
            pair_ties = [(t, Tie.from_props(found[key])) for t in vocab.EVENT_TYPES
                         for key in (tie_key(t, a, b), tie_key(t, b, a)) if key in found]
            out[k] = contact(pair_ties, Tie.from_props(cos[k]) if k in cos else None)
    rows = [{"key": k, "a": ends[k][0], "b": ends[k][1], "props": p} for k, p in out.items()
            if p is not None and _differs(stored.get(k), p)]
    _write(tx, vocab.CONTACT, rows, [k for k, p in out.items() if p is None and k in stored], stored)
    return len(rows)


def _differs(stored: dict[str, Any] | None, props: dict[str, Any]) -> bool:
    if stored is None:
        return True
    return any(stored.get(k) != v for k, v in props.items())
