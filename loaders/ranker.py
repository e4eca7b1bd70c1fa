"""A learned second opinion on the frames: rank every (trigger, party, party) candidate.

The frames of ``loaders.events`` read one argument structure per trigger and miss what
they were not written for (long lists, relative clauses, a party named a sentence earlier).
Here every trigger of a sentence is paired with the parties around it; each candidate is
described by a few dozen features (its type, where each party stands, the particle that
marks it, whether the frames chose it) and scored by a logistic model trained on annotated
real news (``eval/train_ranker.py``, ``make train``). The events kept are the candidates
scoring at or above the model's threshold, so the model also drops frame output it has
learned to distrust.

The model is data: ``loaders/data/ranker.json`` holds the bias, the threshold and one weight
per feature, so scoring needs no library. Without that file, extraction is the frames' alone.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from geokg import vocab
from loaders import gazetteer
from loaders.events import PLANNED, Dater, RawEvent, Site
from loaders.mentions import Mention

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ranker.json"
WINDOW = 90  # characters around a trigger where its parties are looked for
PARTICLE = re.compile(
    r"^[^はがとにをのでへも、。「」()]{0,8}?(による|に対し|に対する|への|との|向け|から|は|が|と|に|を|の|で|へ|も|、)"
)


@dataclass(frozen=True)
class Model:
    """``threshold``: a candidate the frames did not find is added at or above it (or at
    ``by_type``'s threshold for its event type, when the training chose one);
    ``keep``: one they found is kept at or above it (or at ``keep_by_type``'s)."""

    bias: float
    threshold: float
    weights: dict[str, float]
    keep: float = 0.0
    by_type: dict[str, float] = field(default_factory=dict)
    keep_by_type: dict[str, float] = field(default_factory=dict)
    _recurring: dict[tuple[str, ...], float] = field(default_factory=dict, compare=False, repr=False)

    def add_at(self, event_type: str) -> float:
        return self.by_type.get(event_type, self.threshold)

    def keep_at(self, event_type: str) -> float:
        return self.keep_by_type.get(event_type, self.keep)

    def probability(self, features: Iterable[str]) -> float:
        return self._sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in features))

    def probability_of(self, c: Candidate, sums: dict[int, float]) -> float:
        """The same as ``probability(c.features)``, with the weight sums of feature groups that
        candidates share (a trigger's, a party's) kept in ``sums`` by identity, and those that
        recur across articles (a party's description) in the model's own table by value."""
        z = self.bias
        for g in c.groups:
            part = sums.get(id(g))
            if part is None:
                part = self._recurring.get(g)
                if part is None:
                    part = sum(self.weights.get(f, 0.0) for f in g)
                    if len(self._recurring) < 200_000:
                        self._recurring[g] = part
                sums[id(g)] = part
            z += part
        return self._sigmoid(z)

    @staticmethod
    def _sigmoid(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, or None when there is none (frames only)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    by_type = {str(k): float(v) for k, v in data.get("threshold_by_type", {}).items()}
    keep_by_type = {str(k): float(v) for k, v in data.get("keep_by_type", {}).items()}
    return Model(float(data["bias"]), float(data["threshold"]), weights, float(data.get("keep", 0.0)), by_type,
                 keep_by_type)


@dataclass(frozen=True)
class Candidate:
    type: str
    source: Mention
    target: Mention
    trigger: str
    start: int
    sentence: tuple[int, int]
    rule: bool
    groups: tuple[tuple[str, ...], ...]  # the trigger's, the pair's, the source's, the target's features

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(f for g in self.groups for f in g)


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (3, "1-3"), (10, "4-10"), (25, "11-25"), (60, "26-60")):
        if n <= limit:
            return name
    return "60+"


def _phrase_index(site: Site, pos: int) -> int:
    for i, ph in enumerate(site.phrases):
        if ph.start <= pos < ph.end:
            return i
    return -1


def _describe(text: str, site: Site, m: Mention, pos: int, end: int, carried: bool) -> list[str]:
    """What a party's place says: its label, the particle after it, which side of the trigger
    and how far, the phrases and subjects between them, whether the frames saw it as a subject.
    Names without the role prefix (``s.`` or ``t.``), which the caller adds."""
    p = PARTICLE.match(text[m.end : m.end + 12])
    part = p.group(1) if p else "none"
    side = "carried" if carried else ("before" if m.end <= pos else "after")
    dist = pos - m.end if m.end <= pos else m.start - end
    between = text[m.end : pos] if m.end <= pos else text[end : m.start]
    k, i = _phrase_index(site, pos), _phrase_index(site, m.start)
    ph = site.phrases[i] if i >= 0 and not carried else None
    tag = ((ph.extra or ph.particle or "none") + ("/q" if ph.quoted else "")) if ph else "outside"
    out = [f"label={m.label}", f"kind={m.kind}", f"part={part}", f"side={side}",
           f"dist={_bucket(max(0, dist))}", f"phrase={tag}", f"part.side={part}.{side}"]
    if ph is not None and k >= 0:
        lo, hi = sorted((i, k))
        inner = site.phrases[lo + 1 : hi]
        out.append(f"phrases={_bucket(len(inner))}")
        out.append(f"same_clause={int(ph.clause == site.phrases[k].clause)}")
        if any(x.particle.lstrip("+") in ("は", "が") and x.mentions for x in inner):
            out.append("subject_between")
        same_tag = [x for x in inner if (x.extra or x.particle) == (ph.extra or ph.particle) and x.mentions]
        out.append(f"nearest_of_its_kind={int(not same_tag)}")
    if m.end == pos or m.start == end:
        out.append("glued")
    if "、" in between:
        out.append("comma")
    if "。" in between:
        out.append("stop")
    if site.subjects and m.key == site.subjects[0].key:
        out.append("subject")
    if any(x.key == m.key for x in site.subjects):
        out.append("in_subjects")
    return out


@cache
def _role_features(role: str, suffixes: tuple[str, ...], typ: str, frame: str) -> tuple[str, ...]:
    """A party's features under its role, and their conjunctions with the event type and frame
    (the same few descriptions recur in every article, so each is built once)."""
    named = [f"{role}.{f}" for f in suffixes]
    out = list(named)
    out += [f"{typ}|{f}" for f in named if ".part.side=" in f or ".phrase=" in f]
    out += [f"{frame}|{f}" for f in named if ".subject" in f or ".glued" in f or "nearest" in f or "same_clause" in f]
    return tuple(out)


@cache
def _pair_features(rule: bool, typ: str, frame: str, named_a: int, named_b: int, crossed: int, label_a: str,
                   label_b: str, elsewhere: bool, in_order: bool, ps: str, pt: str) -> tuple[str, ...]:
    """What a pair says: whether the frames chose it (here or elsewhere), how often the story
    names each side, acts between them, labels, order, the two phrase tags. The same few
    combinations recur, so each tuple is built once (and its weight sum kept by the model)."""
    salient = f"named={named_a}{named_b}"
    return (f"rule={int(rule)}", f"rule.type={int(rule)}.{typ}", salient, f"{typ}|{salient}",
            f"acts_between={crossed}", f"{typ}|labels={label_a}>{label_b}", f"pair.rule_elsewhere={int(elsewhere)}",
            f"order={'st' if in_order else 'ts'}", f"labels={label_a}>{label_b}", f"{typ}|{ps}|{pt}",
            f"{frame}|{ps}|{pt}")


TAIL = re.compile(r"^(?:し|する|した|して|され|を|の|に|で|は|が|へ|も|、|。|と)")


def candidates(text: str, sites: list[Site], rule_events: list[RawEvent]) -> list[Candidate]:
    """Every typed pair of parties around every trigger taken as an act, with its features."""
    chosen = {(r.type, r.source, r.target, r.start) for r in rule_events}
    chosen_pairs = {(r.type, r.source, r.target) for r in rule_events}
    # how often the story names each party: its main actors are named again and again
    named = Counter(x.key for site in sites for ph in site.phrases for x in ph.mentions)
    out: list[Candidate] = []
    for n_site, site in enumerate(sites):
        act_starts = sorted(mt.start() for mt, _, act2 in site.triggers if act2)
        s0, s1 = site.sentence
        here = [x for ph in site.phrases for x in ph.mentions]
        for match, trig, act in site.triggers:
            if not act:
                continue
            pos, end = match.start(), match.end()
            near: dict[str, tuple[Mention, bool]] = {}
            for x in here:
                dist = x.start - end if x.start >= end else pos - x.end
                old = near.get(x.key)
                closer = old is not None and abs(x.start - pos) < abs(old[0].start - pos)
                if (old is None and dist <= WINDOW) or closer:
                    near[x.key] = (x, False)
            for x in site.carried:
                near.setdefault(x.key, (x, True))
            people = list(near.values())
            if len(people) < 2:
                continue  # no pair to describe
            tail_m = TAIL.match(text[end : end + 3])
            tail = tail_m.group(0) if tail_m else "other"
            lead = "lead" if n_site == 0 else ("early" if n_site <= 2 else "later")
            common = (f"type={trig.type}", f"trig={trig.pattern}", f"frame={trig.role}", f"n={_bucket(len(people))}",
                      f"tail={tail}", f"{trig.type}|tail={tail}", f"sentence={lead}", f"{trig.type}|sentence={lead}")
            described = {x.key: tuple(_describe(text, site, x, pos, end, c)) for x, c in people}
            roles = {(r, key): _role_features(r, suffixes, trig.type, trig.role)
                     for key, suffixes in described.items() for r in ("s", "t")}
            tags = {key: next(f for f in fs if f.startswith("phrase="))[7:] for key, fs in described.items()}

            for i, (a, _) in enumerate(people):
                for j, (b, _) in enumerate(people):
                    if i == j or a.key == b.key or a.label == vocab.AGREEMENT:
                        continue
                    if (b.label == vocab.AGREEMENT) != (trig.type == vocab.SIGNED):
                        continue
                    if trig.type in vocab.SYMMETRIC and (a.start, a.key) > (b.start, b.key):
                        continue
                    if a.affiliation == b.key or b.affiliation == a.key:
                        continue
                    rule = ((trig.type, a.key, b.key, pos) in chosen
                            or (trig.type in vocab.SYMMETRIC and (trig.type, b.key, a.key, pos) in chosen))
                    anywhere = ((trig.type, a.key, b.key) in chosen_pairs
                                or (trig.type in vocab.SYMMETRIC and (trig.type, b.key, a.key) in chosen_pairs))
                    lo, hi = min(a.start, b.start, pos), max(a.end, b.end, end)
                    crossed = bisect_left(act_starts, hi) - bisect_left(act_starts, lo) - 1
                    pair = _pair_features(rule, trig.type, trig.role, min(named[a.key], 3), min(named[b.key], 3),
                                          min(crossed, 2), a.label, b.label, anywhere and not rule,
                                          a.start <= b.start, tags[a.key], tags[b.key])
                    out.append(Candidate(trig.type, a, b, trig.pattern, pos, (s0, s1), rule,
                                         (common, pair, roles[("s", a.key)], roles[("t", b.key)])))
    return out


def rerank(text: str, sites: list[Site], rule_events: list[RawEvent], model: Model,
           dater: Dater) -> list[RawEvent]:
    """The events the model keeps, in text order: the frames' events it does not reject, and
    the candidates it adds.
    A kept candidate the frames also found keeps the frames' date and mode."""
    by_rule = {(r.type, r.source, r.target, r.start): r for r in rule_events}
    cands = candidates(text, sites, rule_events)
    seen = {(c.type, c.source.key, c.target.key, c.start) for c in cands}
    seen |= {(c.type, c.target.key, c.source.key, c.start) for c in cands if c.type in vocab.SYMMETRIC}
    # what the frames found beyond the candidates' reach (a counterpart named sentences before) stands
    kept: list[RawEvent] = [r for k, r in by_rule.items() if k not in seen]
    acts_for = {x.key: x.affiliation for site in sites for ph in site.phrases for x in ph.mentions if x.affiliation}
    known = gazetteer.load().persons

    def covers(fine: str, coarse: str) -> bool:
        person = known.get(fine)
        return fine == coarse or acts_for.get(fine) == coarse or (person is not None and person.affiliation == coarse)

    def finer(r: RawEvent, c: RawEvent) -> bool:
        """r tells the act c tells, with a person where c has the country they act for
        (ジャイシャンカル→ルビオ and インド→ルビオ at the same trigger)."""
        return r is not c and r.type == c.type and r.start == c.start and (r.source, r.target) != (
            c.source, c.target) and ((covers(r.source, c.source) and covers(r.target, c.target))
                                     or (c.type in vocab.SYMMETRIC and covers(r.source, c.target)
                                         and covers(r.target, c.source)))

    sums: dict[int, float] = {}
    added: list[RawEvent] = []
    for c in cands:
        if model.probability_of(c, sums) < (model.keep_at(c.type) if c.rule else model.add_at(c.type)):
            continue
        r = by_rule.get((c.type, c.source.key, c.target.key, c.start)) or by_rule.get(
            (c.type, c.target.key, c.source.key, c.start))
        if r is not None:
            kept.append(r)
            continue
        tail = text[c.start : c.sentence[1]]
        mode = "planned" if PLANNED.search(tail) else "actual"
        added.append(RawEvent(c.type, c.source.key, c.target.key, c.trigger, c.start, c.sentence,
                              dater(c.start, c.sentence, c.type), mode))
    # one act, one edge: what the model adds never repeats an act at a coarser level
    kept += [c for c in added if not any(finer(r, c) for r in (*kept, *added))]
    kept.sort(key=lambda r: r.start)
    return kept
