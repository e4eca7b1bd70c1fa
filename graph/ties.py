"""Events counted by date, the arithmetic behind the summaries: pure functions, no database.

A summary (a tie between two entities, an actor's activity, a tie between two countries)
holds how many events it stands for on each event date. ``DateCounts.props()`` stores that as
parallel lists with year and month buckets, so that a query sums a date window by year, looks
at months only in the (at most two) years the window cuts, and at single dates only in the
(at most two) months it cuts::

    dates        ['2025', '2025-03', '2025-03-05', '2025-03-09', '2025-04-01', '2026-01-02']
    counts       [1,       1,         2,            1,            4,            1]
    months       ['2025', '2025-03', '2025-04', '2026-01']   (a year-only date is its own bucket)
    month_counts [1,       4,         4,         1]
    month_start  [0,       1,         4,         5,   6]      (where each month starts in dates; then the end)
    month_first  ['2025', '2025-03', '2025-04-01', '2026-01-02']   (each month's first and last date)
    month_last   ['2025', '2025-03-09', '2025-04-01', '2026-01-02']
    years        ['2025', '2026']
    year_counts  [9,       1]
    year_start   [0,       3,   4]                           (where each year starts in months; then the end)

A tie also keeps its first and last dated event (date, then article id) for evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from geokg import vocab

# First and last events: (date, article id, evidence); ordered by date, then article id.
Edge = tuple[str, str, str]


@dataclass
class DateCounts:
    """How many events on each date, and how many without a date."""

    by_date: Counter[str] = field(default_factory=Counter)
    undated: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_date.values()) + self.undated

    def add(self, date: str | None, n: int = 1) -> None:
        if date is None:
            self.undated += n
            return
        self.by_date[date] += n
        if self.by_date[date] == 0:
            del self.by_date[date]

    def merge(self, other: DateCounts, sign: int = 1) -> None:
        for date, n in other.by_date.items():
            self.add(date, sign * n)
        self.undated += sign * other.undated

    def negative(self) -> bool:
        return self.undated < 0 or any(n < 0 for n in self.by_date.values())

    def props(self) -> dict[str, Any]:
        """The stored form (see the module docstring).

        >>> dc = DateCounts(Counter({"2025-03-05": 2, "2025": 1, "2025-03": 1}), undated=3)
        >>> p = dc.props()
        >>> p["count"], p["months"], p["month_counts"], p["month_start"], p["first_date"], p["last_date"]
        (7, ['2025', '2025-03'], [1, 3], [0, 1, 3], '2025', '2025-03-05')
        >>> p["years"], p["year_counts"], p["year_start"]
        (['2025'], [4], [0, 2])
        """
        dates = sorted(self.by_date)
        months: list[str] = []
        month_counts: list[int] = []
        month_start: list[int] = []
        for i, d in enumerate(dates):
            key = d[:7]
            if not months or months[-1] != key:
                months.append(key)
                month_counts.append(0)
                month_start.append(i)
            month_counts[-1] += self.by_date[d]
        years: list[str] = []
        year_counts: list[int] = []
        year_start: list[int] = []
        for i, m in enumerate(months):
            if not years or years[-1] != m[:4]:
                years.append(m[:4])
                year_counts.append(0)
                year_start.append(i)
            year_counts[-1] += month_counts[i]
        return {
            "count": self.total,
            "undated": self.undated,
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "dates": dates,
            "counts": [self.by_date[d] for d in dates],
            "months": months,
            "month_counts": month_counts,
            "month_start": [*month_start, len(dates)],
            "month_first": [dates[i] for i in month_start],
            "month_last": [dates[j - 1] for j in [*month_start[1:], len(dates)][: len(month_start)]],
            "years": years,
            "year_counts": year_counts,
            "year_start": [*year_start, len(months)],
        }

    @classmethod
    def from_props(cls, props: Mapping[str, Any] | None) -> DateCounts:
        if not props:
            return cls()
        return cls(Counter(dict(zip(props.get("dates") or [], props.get("counts") or [], strict=True))),
                   int(props.get("undated") or 0))


@dataclass
class Tie:
    """Events of one kind between two entities: how many (and how many undated), and the first
    and last dated one (by date, then article id) for evidence."""

    total: int = 0
    undated: int = 0
    first: Edge | None = None
    last: Edge | None = None

    def add_edge(self, date: str | None, article: str, evidence: str) -> None:
        self.total += 1
        if date is None:
            self.undated += 1
            return
        edge = (date, article, evidence)  # the evidence breaks a tie (two sides signing in one article)
        if self.first is None or edge < self.first:
            self.first = edge
        if self.last is None or edge > self.last:
            self.last = edge

    @property
    def dated(self) -> int:
        return self.total - self.undated

    @property
    def empty(self) -> bool:
        return self.total == 0

    def props(self) -> dict[str, Any]:
        return {
            "count": self.total,
            "undated": self.undated,
            "first_date": self.first[0] if self.first else None,
            "first_article": self.first[1] if self.first else None,
            "first_evidence": self.first[2] if self.first else None,
            "last_date": self.last[0] if self.last else None,
            "last_article": self.last[1] if self.last else None,
            "last_evidence": self.last[2] if self.last else None,
        }

    @classmethod
    def from_props(cls, props: Mapping[str, Any] | None) -> Tie:
        if not props:
            return cls()
        first = last = None
        if props.get("first_date") is not None:
            first = (props["first_date"], props["first_article"], props.get("first_evidence") or "")
            last = (props["last_date"], props["last_article"], props.get("last_evidence") or "")
        return cls(int(props.get("count") or 0), int(props.get("undated") or 0), first, last)


@dataclass(frozen=True)
class EdgeChange:
    """One per-article event edge written or removed: its date and evidence before and after
    (``None`` when it did not exist before, or does not exist after)."""

    type: str
    source: str
    target: str
    article_id: str
    old: tuple[str | None, str] | None
    new: tuple[str | None, str] | None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.type, self.source, self.target


def apply_changes(tie: Tie, changes: Iterable[EdgeChange]) -> Tie | None:
    """The tie after its edges changed; None when its first or last event was changed or
    removed (then only the edges themselves can say which event is first now).

    >>> t = apply_changes(Tie(), [EdgeChange("MET_WITH", "JPN", "USA", "a1", None, ("2025-03-05", "会談した"))])
    >>> t.total, t.first
    (1, ('2025-03-05', 'a1', '会談した'))
    >>> apply_changes(t, [EdgeChange("MET_WITH", "JPN", "USA", "a1", ("2025-03-05", "会談した"), None)]) is None
    True
    """
    out = Tie(tie.total, tie.undated, tie.first, tie.last)
    for ch in changes:
        if ch.old is not None:
            if ch.old[0] is not None and any(e is not None and e[1] == ch.article_id for e in (out.first, out.last)):
                return None
            out.total -= 1
            out.undated -= ch.old[0] is None
        if ch.new is not None:
            out.add_edge(ch.new[0], ch.article_id, ch.new[1])
    return None if out.total < 0 or out.undated < 0 else out


# --- what each summary is made of -------------------------------------------------------------
def contact(direct: Iterable[tuple[str, Tie]], cosigned: Tie | None) -> dict[str, Any] | None:
    """The CONTACT of a pair from its ties (either direction, with their types) and its
    co-signing; None when there is neither.

    ``first_*`` is the earliest dated event of the pair by (date, article id, type), over the
    direct events and the co-signed agreements; ``dated`` counts the dated ones; ``direct``
    says whether an event links the two themselves (``connection`` follows only those);
    ``types``, ``type_counts`` and ``count`` describe the direct events, ``cosigned`` counts
    the signings of shared agreements; ``last_*`` is the latest direct event.
    """
    by_type: Counter[str] = Counter()
    dated = 0
    first: tuple[str, str, str, str] | None = None  # date, article, type, evidence
    last: Edge | None = None
    for etype, tie in direct:
        by_type[etype] += tie.total
        dated += tie.dated
        if tie.first is not None:
            cand = (tie.first[0], tie.first[1], etype, tie.first[2])
            first = cand if first is None or cand < first else first
        if tie.last is not None and (last is None or tie.last > last):
            last = tie.last
    cos = cosigned.total if cosigned is not None else 0
    if cosigned is not None:
        dated += cosigned.dated
        if cosigned.first is not None:
            cand = (cosigned.first[0], cosigned.first[1], vocab.SIGNED, cosigned.first[2])
            first = cand if first is None or cand < first else first
    return _contact_props(+by_type, cos, dated, first, last)


def _contact_props(by_type: Counter[str], cosigned: int, dated: int, first: tuple[str, str, str, str] | None,
                   last: Edge | None) -> dict[str, Any] | None:
    if not by_type and not cosigned:
        return None
    types = sorted(by_type)
    return {
        "direct": bool(types),
        "types": types,
        "type_counts": [by_type[t] for t in types],
        "count": sum(by_type.values()),
        "cosigned": cosigned,
        "dated": dated,
        "first_date": first[0] if first else None,
        "first_article": first[1] if first else None,
        "first_type": first[2] if first else None,
        "first_evidence": first[3] if first else None,
        "last_date": last[0] if last else None,
        "last_article": last[1] if last else None,
    }


def update_contact(props: Mapping[str, Any] | None, direct: Iterable[tuple[str, Tie, Tie]],
                   cosigned: tuple[Tie, Tie] | None) -> dict[str, Any] | bool | None:
    """A stored CONTACT after some of its ties (type, before, after) and its co-signing
    (before, after) changed: the new properties, None when nothing links the pair any more,
    or False when its first or last event went (then ``contact`` must recompute it)."""
    props = props or {}
    by_type = Counter(dict(zip(props.get("types") or [], props.get("type_counts") or [], strict=True)))
    dated = int(props.get("dated") or 0)
    cos = int(props.get("cosigned") or 0)
    first = None
    if props.get("first_date") is not None:
        first = (props["first_date"], props["first_article"], props["first_type"], props.get("first_evidence") or "")
    last = (props["last_date"], props["last_article"], "") if props.get("last_date") is not None else None
    changes = [(etype, before, after) for etype, before, after in direct]
    if cosigned is not None:
        changes.append((vocab.SIGNED + "+", *cosigned))
    for etype, before, after in changes:
        kind = etype.rstrip("+")
        if before.first is not None and before.first != after.first and first is not None \
                and (before.first[0], before.first[1], kind) == first[:3]:
            return False
        if etype == kind and before.last is not None and before.last != after.last and last is not None \
                and before.last[:2] == last[:2]:
            return False  # (the stored last event keeps no evidence: compared by date and article)
        if etype == kind:
            by_type[kind] += after.total - before.total
        else:
            cos += after.total - before.total
        dated += after.dated - before.dated
        if after.first is not None:
            cand = (after.first[0], after.first[1], kind, after.first[2])
            first = cand if first is None or cand < first else first
        if etype == kind and after.last is not None and (last is None or after.last > last):
            last = after.last
    if any(n < 0 for n in by_type.values()) or cos < 0:
        return False
    return _contact_props(+by_type, cos, dated, first, last)


def country_keys(etype: str, source_countries: Iterable[str], target_countries: Iterable[str]
                 ) -> set[tuple[str, str, str]]:
    """The (country_a, country_b, type) a tie or co-signing counts for: every country each side
    acts for, not a country with itself; symmetric types (and co-signing, as SIGNED) with
    country_a < country_b.

    >>> sorted(country_keys("MET_WITH", ["USA"], ["JPN", "USA"]))
    [('JPN', 'USA', 'MET_WITH')]
    >>> sorted(country_keys("REQUESTED", ["USA"], ["JPN"]))
    [('USA', 'JPN', 'REQUESTED')]
    """
    symmetric = etype in vocab.SYMMETRIC or etype == vocab.SIGNED
    out = set()
    for a in source_countries:
        for b in target_countries:
            if a == b:
                continue
            out.add((min(a, b), max(a, b), etype) if symmetric else (a, b, etype))
    return out


def counts_in(props: Mapping[str, Any], since: str | None, until: str | None) -> int:
    """What a stored summary counts in a window, as the queries compute it (for tests).

    >>> p = DateCounts(Counter({"2025-03": 1, "2025-03-05": 2, "2025-03-20": 4})).props()
    >>> counts_in(p, "2025-03-10", None), counts_in(p, None, "2025-03-05"), counts_in(p, "2025", "2025")
    (5, 3, 7)
    """
    return sum(n for d, n in zip(props["dates"], props["counts"], strict=True) if in_window(d, since, until))


def in_window(date: str | None, since: str | None, until: str | None) -> bool:
    """The canned queries' window test: a month or year date is in when it overlaps.

    >>> in_window("2025-03", "2025-03-10", "2025-04-01"), in_window("2025-03-05", "2025-03-10", None)
    (True, False)
    """
    if date is None:
        return since is None and until is None
    return (since is None or date + "~" >= since) and (until is None or date <= until + "~")
