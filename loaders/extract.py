"""``extract(article) -> Extraction``: the whole pipeline for one article.

normalise -> tokenize -> mentions -> one entity per real-world thing -> events -> dedupe.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from geokg import vocab
from loaders import dates as dates_mod
from loaders import gazetteer
from loaders.events import extract_events
from loaders.mentions import Mention, find_mentions
from loaders.models import Article, Entity, Event, Extraction
from loaders.normalize import normalize
from loaders.tokenizer import tokenize

JAPANESE_MINISTER = re.compile(r"(?:相|大臣|官房長官)$")


def extract(article: Article) -> Extraction:
    """Entities and dated events of one article.

    >>> a = Article(id="x", text="日本とインドは27日、東京で首脳会談を開いた。", published="2026-01-28")
    >>> ex = extract(a)
    >>> sorted(e.id for e in ex.entities), [(v.type, v.date) for v in ex.events]
    (['IND', 'JPN'], [('MET_WITH', '2026-01-27')])
    """
    gaz = gazetteer.load()
    text = normalize(article.text)
    tokens = tokenize(text)
    mentions = _resolve(find_mentions(text, tokens, gaz), gaz)
    reference = dates_mod.parse_iso(article.reference_date or article.published)
    raw = extract_events(text, tokens, mentions, gaz, reference)
    entities = _entities(mentions, gaz)
    ids = {e_key: ent.id for e_key, ent in entities.items()}
    events: list[Event] = []
    seen: dict[tuple[str, str, str], int] = {}
    for r in raw:
        src, tgt = ids.get(r.source), ids.get(r.target)
        if not src or not tgt or src == tgt:
            continue
        a, b = sorted((src, tgt)) if r.type in vocab.SYMMETRIC else (src, tgt)
        key = (r.type, a, b)
        ev = Event(
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
        )
        if key in seen:
            old = events[seen[key]]
            if old.date is None and ev.date is not None:
                events[seen[key]] = ev
            continue
        seen[key] = len(events)
        events.append(ev)
    return Extraction(article, tuple(entities.values()), tuple(events))


def _resolve(mentions: list[Mention], gaz: gazetteer.Gazetteer) -> list[Mention]:
    """Give every mention its entity key within the article.

    政府軍 becomes the first foreign country of the article; a person's surname alone
    (片山) or family name after a dot (トランプ for ドナルド・トランプ) joins the full name;
    X政権 stands for X's country.
    """
    foreign = next((m.key for m in mentions if m.label == vocab.COUNTRY and m.key not in ("JPN", "?forces")), None)
    out: list[Mention] = []
    for m in mentions:
        if m.key == "?forces":
            if foreign is None:
                continue
            m = replace(m, key=foreign, name=gaz.countries[foreign].name_ja)
        out.append(m)
    persons = sorted({m.key for m in out if m.label == vocab.PERSON}, key=len, reverse=True)
    canon: dict[str, str] = {}
    for p in persons:
        for q in persons:
            if q == p or len(q) <= len(p) or q in canon:
                continue
            if q.startswith(p) or q.endswith("・" + p) or q.endswith("=" + p) or (q.endswith(p) and len(p) >= 3):
                canon[p] = canon.get(q, q)
                break
    return [replace(m, key=canon[m.key]) if m.label == vocab.PERSON and m.key in canon else m for m in out]


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
