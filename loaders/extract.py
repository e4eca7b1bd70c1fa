"""``extract(article) -> Extraction``: the whole pipeline for one article.

normalise -> tokenize -> mentions -> one entity per real-world thing -> events -> dedupe.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from geokg import vocab
from loaders import dates as dates_mod
from loaders import gazetteer, ranker
from loaders.credits import parties
from loaders.diversify import diversify_events
from loaders.event_dates import date_retold
from loaders.events import Dater, RawEvent, Site, extract_events
from loaders.mentions import Mention, find_mentions
from loaders.models import Article, Entity, Event, Extraction
from loaders.nominal import nominal_events
from loaders.normalize import normalize
from loaders.tokenizer import Token, tokenize

# acts whose target is a country rather than its leader: a measure or an attack aimed at a
# named leader is aimed at the country he acts for
AT_THE_COUNTRY = {vocab.RESTRICTED, vocab.FOUGHT}
GENERIC_AGREEMENT = re.compile(r"(?:枠組み|停戦合意)$")
# Japan and the placeholders of 政府 and 政府軍 before they are resolved
NOT_FOREIGN = ("JPN", "?forces", "?government")
JAPANESE_MINISTER = re.compile(r"(?:相|大臣|官房長官)$")


@dataclass(frozen=True)
class Analysis:
    """What the pipeline knows of one article before events are chosen."""

    text: str
    tokens: list[Token]
    mentions: list[Mention]
    sites: list[Site]
    frames: list[RawEvent]  # the events the frames of loaders.events read
    reference: date | None
    dater: Dater  # dates an act at a position of a sentence, as the frames do


def analyse(article: Article) -> Analysis:
    """Normalise, tokenize, find and resolve mentions, and read the frames' events."""
    gaz = gazetteer.load()
    text = normalize(article.text)
    tokens = tokenize(text)
    mentions = _resolve(find_mentions(text, tokens, gaz), gaz)
    reference = dates_mod.parse_iso(article.reference_date or article.published)
    sites: list[Site] = []
    daters: list[Dater] = []
    frames = extract_events(text, tokens, parties(text, mentions), gaz, reference, sites, daters)
    known = {(r.type, r.source, r.target, r.start) for r in frames}
    frames += [r for r in (*nominal_events(text, sites, daters[0]), *diversify_events(text, sites, daters[0]))
               if (r.type, r.source, r.target, r.start) not in known]
    frames.sort(key=lambda r: r.start)
    return Analysis(text, tokens, mentions, sites, frames, reference, daters[0])


def extract(article: Article, model: ranker.Model | Literal["shipped"] | None = "shipped") -> Extraction:
    """Entities and dated events of one article.

    ``model`` is the candidate ranker (``loaders.ranker``): the one shipped with the package
    by default, another one, or None for the frames alone.

    >>> a = Article(id="x", text="日本とインドは27日、東京で首脳会談を開いた。", published="2026-01-28")
    >>> ex = extract(a)
    >>> sorted(e.id for e in ex.entities), [(v.type, v.date) for v in ex.events]
    (['IND', 'JPN'], [('MET_WITH', '2026-01-27')])
    """
    gaz = gazetteer.load()
    an = analyse(article)
    mentions = an.mentions
    raw = an.frames
    chosen = ranker.load() if model == "shipped" else model
    if isinstance(chosen, ranker.Model):
        raw = ranker.rerank(an.text, an.sites, raw, chosen, an.dater)
    entities = _entities(mentions, gaz)
    ids = {e_key: ent.id for e_key, ent in entities.items()}
    acts_for = {e.id: side for e in entities.values()
                if (side := e.affiliation or (e.iso3 if e.kind in ("government", "agency") else None))}
    people = {e.id for e in entities.values() if e.label == vocab.PERSON}
    told: list[tuple[tuple[str, str, str], Event]] = []
    for r in raw:
        src, tgt = ids.get(r.source), ids.get(r.target)
        if tgt in people and r.type in AT_THE_COUNTRY and tgt in acts_for:
            tgt = acts_for[tgt]  # トランプ氏の関税への対抗関税: measures and attacks hit his country
        if not src or not tgt or src == tgt or acts_for.get(src) == tgt or acts_for.get(tgt) == src:
            continue  # 李首相 and 中国 are one side of the act, not its two parties
        a, b = sorted((src, tgt)) if r.type in vocab.SYMMETRIC else (src, tgt)
        told.append(((r.type, a, b), Event(
            type=r.type,
            source=src,
            target=tgt,
            date=r.date.iso if r.date else None,
            date_precision=r.date.precision if r.date else None,
            evidence=article.text[r.sentence[0] : r.sentence[1]].strip(),
            start=r.sentence[0],
            end=r.sentence[1],
            trigger=r.trigger,
            mode=r.mode,
            date_inferred=article.date_inferred and r.date is not None,
        )))
    dated = date_retold([ev for _, ev in told], acts_for)
    events: list[Event] = []
    seen: dict[tuple[str, str, str], int] = {}
    for (key, _), ev in zip(told, dated, strict=True):
        if key in seen:
            old = events[seen[key]]
            if old.date is None and ev.date is not None:
                events[seen[key]] = ev
            continue
        seen[key] = len(events)
        events.append(ev)
    # a framework or a ceasefire named by its kind alone (協力枠組み, 停戦合意) is an agreement
    # only as what someone signs; otherwise it is the topic, not a document
    in_events = {x for ev in events for x in (ev.source, ev.target)}
    kept = [e for e in entities.values() if e.label != vocab.AGREEMENT or e.id in in_events
            or not GENERIC_AGREEMENT.search(e.name)]
    return Extraction(article, tuple(kept), tuple(events))


def _resolve(mentions: list[Mention], gaz: gazetteer.Gazetteer) -> list[Mention]:
    """Give every mention its entity key within the article.

    政府 alone is Japan's government in an article that names Japan, a Japanese person or
    body, or no other country before it, else the government of the first country named (a
    Korean paper's 政府 is Korea's); 政府軍 becomes the first foreign country of the article; a
    person's surname alone (片山) or family name after a dot (トランプ for ドナルド・トランプ)
    joins the full name;
    X政権 stands for X's country.
    """
    foreign = next((m.key for m in mentions if m.label == vocab.COUNTRY and m.key not in NOT_FOREIGN), None)
    japan = any(m.key == "JPN" or m.affiliation == "JPN" for m in mentions)
    out: list[Mention] = []
    before: str | None = None  # the first foreign country named so far (mentions are in text order)
    for m in mentions:
        if before is None and m.label == vocab.COUNTRY and m.key not in NOT_FOREIGN:
            before = m.key
        if m.key == "?government":
            home = "JPN" if japan or before is None else before
            m = replace(m, key=home, name=gaz.countries[home].name_ja)
        if m.key == "?forces":
            if foreign is None:
                continue
            m = replace(m, key=foreign, name=gaz.countries[foreign].name_ja)
        out.append(m)
    return _join_agreements(_join_surnames(out))


# abbreviations that stand for a longer agreement named earlier in the same article
AGREEMENT_ABBREVIATIONS = {"FTA": "自由貿易協定", "EPA": "経済連携協定"}


def _join_agreements(mentions: list[Mention]) -> list[Mention]:
    """A later, shorter name of an agreement (協定, 貿易協定, FTA after 日英自由貿易協定) joins the
    nearest agreement named before it whose name ends the same way: one agreement, one entity.

    >>> def a(start, key):
    ...     return Mention(start, start + len(key), key, vocab.AGREEMENT, key, key)
    >>> [m.key for m in _join_agreements([a(0, "日英自由貿易協定"), a(20, "原子力協定"), a(40, "協定"), a(50, "FTA")])]
    ['日英自由貿易協定', '原子力協定', '原子力協定', '日英自由貿易協定']
    """
    out: list[Mention] = []
    named: list[str] = []  # agreement keys so far, latest last
    for m in mentions:
        if m.label == vocab.AGREEMENT:
            tail = AGREEMENT_ABBREVIATIONS.get(m.key, m.key)
            q = next((q for q in reversed(named) if q != m.key and q.endswith(tail)), None)
            if q is not None:
                m = replace(m, key=q, name=q, alias=m.alias or m.surface)
            named.append(m.key)
        out.append(m)
    return out


def _compatible(short: str, full: str) -> bool:
    """Whether ``short`` (片山, トランプ) can be a shortened form of ``full`` (片山さつき)."""
    if len(full) <= len(short):
        return False
    return (full.startswith(short) or full.endswith("・" + short) or full.endswith("=" + short)
            or (full.endswith(short) and len(short) >= 3))


def _join_surnames(mentions: list[Mention]) -> list[Mention]:
    """Each short person mention joins the compatible full name mentioned nearest before it.

    When no full name comes before it, it joins the only compatible full name of the
    article, and stays unmerged when there are several (李 beside 李在明 and 李強). The
    decision depends only on the order of the text, never on hashing.

    >>> def p(start, key):
    ...     return Mention(start, start + len(key), key, vocab.PERSON, key, key)
    >>> [m.key for m in _join_surnames([p(0, "李在明"), p(10, "李強"), p(20, "李")])]
    ['李在明', '李強', '李強']
    >>> [m.key for m in _join_surnames([p(0, "李"), p(10, "李在明"), p(20, "李強")])]
    ['李', '李在明', '李強']
    """
    keys = list(dict.fromkeys(m.key for m in mentions if m.label == vocab.PERSON))
    fulls = {k: [q for q in keys if _compatible(k, q)] for k in keys}
    # a full name that is itself short for a longer one (ドナルド・トランプ in a longer form)
    def final(k: str) -> str:
        seen = {k}
        while len(fulls.get(k, [])) == 1 and fulls[k][0] not in seen:
            k = fulls[k][0]
            seen.add(k)
        return k

    out: list[Mention] = []
    last_at: dict[str, int] = {}  # person key -> start of its latest mention so far
    for m in mentions:
        if m.label != vocab.PERSON or not fulls.get(m.key):
            if m.label == vocab.PERSON:
                last_at[m.key] = m.start
            out.append(m)
            continue
        cands = fulls[m.key]
        earlier = sorted((last_at[q], q) for q in cands if q in last_at)
        if earlier:
            key = final(earlier[-1][1])
        elif len(cands) == 1:
            key = final(cands[0])
        else:
            key = m.key
        last_at[m.key] = m.start
        out.append(replace(m, key=key) if key != m.key else m)
    return out


def _entities(mentions: list[Mention], gaz: gazetteer.Gazetteer) -> dict[str, Entity]:
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.label, m.key)].append(m)
    out: dict[str, Entity] = {}
    for (label, key), ms in groups.items():
        surfaces = tuple(dict.fromkeys(m.surface for m in ms))
        aliases = tuple(dict.fromkeys(a for m in ms for a in (m.alias, m.surface) if a and a != ms[0].name))
        if label == vocab.COUNTRY:
            c = gaz.countries[key]
            ent = Entity(key, label, c.name_ja, iso3=key, name_en=c.name_en, aliases=aliases,
                         surfaces=surfaces, count=len(ms))
        elif label == vocab.ORGANIZATION:
            o = gaz.orgs.get(key)
            ent = Entity(key, label, o.name if o else ms[0].name, kind=(o.kind if o else ms[0].kind) or "other",
                         iso3=(o.country if o else ms[0].affiliation), aliases=aliases, surfaces=surfaces,
                         count=len(ms))
        elif label == vocab.PERSON:
            role = next((m.role for m in ms if m.role), None)
            aff = next((m.affiliation for m in ms if m.affiliation), None)
            known = gaz.persons.get(key)
            if known:
                role = role or known.role
                aff = aff or known.affiliation
            if aff is None and role and JAPANESE_MINISTER.search(role) and re.match(r"[一-龥]", key):
                aff = "JPN"
            ent = Entity(f"person:{key}", label, key, role=role, affiliation=aff,
                         aliases=tuple(a for a in aliases if a != key), surfaces=surfaces, count=len(ms))
        else:
            ent = Entity(f"agreement:{key}", label, key, aliases=aliases, surfaces=surfaces, count=len(ms))
        out[key] = ent
    return out
