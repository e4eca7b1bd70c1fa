"""Dates of events, and whether they are planned.

Every date expression of an article is resolved once (``resolve_all``) against the
publication date: as a future date when its sentence says the act is planned (13日に開く予定)
or still to come (8月1日から課すと, 14日に開くと), and not as a date of the story's acts when it
sits in a clause that modifies a noun (日本が11月に強化した輸出管理). An act takes
(``date_for``), in this order: when a measure applies (10日から課す, for RESTRICTED); the date of
the noun a dated clause modifies (5月に予定する来日); a date given right after it
(会合を12日に開く); the date of the meeting it is done at (先月28日の会談で); the nearest date
before it in its sentence, or one after it in the same clause; else the lead's date. A deadline
or a start long past (2027年末までに, 2018年以来) dates no act, except a measure, which applies in
full by its deadline (2027年末までに輸入を停止). ``date_retold`` then gives an act told undated the
date the article gives the same act elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from geokg import vocab
from loaders import dates as dates_mod
from loaders.models import Event
from loaders.phrases import SENTENCE_END, Phrase, modified_noun, modifies_noun
from loaders.phrasing import Cues
from loaders.story import Story
from loaders.tokenizer import Token

PLANNED = Cues(r"(?:%(planned)s)")  # 会談する予定, 署名へ

# 8月1日から…関税を課すと表明, 14日に開くと: a date told with a verb of what is to come
STARTS_LATER = Cues(r"^(?:%(start_from)s)[^。]*?[うくすつぬむるぐぶ](?:%(announced)s)"
                    r"|^に[^、。]{0,10}?(?:%(future_verb)s)(?:%(announced)s)")
APPLIES_FROM = Cues(r"^(?:%(applies_from)s)")  # 10日から課す: when a measure applies
# 2027年末までに停止: a phase-out applies in full by its deadline
APPLIES_BY = Cues(r"^(?:%(date_part)s)?まで(?:に|には)")
# a date that bounds or precedes the act rather than dating it: 2027年末までに, 2018年以来, 7年ぶり
NOT_ACT_DATE = Cues(r"^(?:%(date_part)s)?(?:%(date_bound)s)")
# the rest of a noun phrase before its head: タイとカンボジアの|会談
OF_PHRASE = re.compile(r"^[^、。をがはでにへ「」()]{1,24}の$")
AT_MEETING = Cues(r"^[^、。]{0,10}?(?:%(dated_occasion)s)(?:の場)?で")  # 先月28日の会談で


def resolve_all(
    text: str, dm: list[dates_mod.DateMention], reference: date | None, tokens: list[Token],
    attributive: dict[int, tuple[dates_mod.ResolvedDate, int]],
) -> dict[int, dates_mod.ResolvedDate | None]:
    """Every date expression of the article resolved once, by start; those inside a clause
    that modifies a noun are kept apart in ``attributive`` with the noun's start."""
    out: dict[int, dates_mod.ResolvedDate | None] = {}
    last: dates_mod.ResolvedDate | None = None
    for d in dm:
        if modifies_noun(tokens, d.end):
            out[d.start] = None  # 日本が11月に強化した輸出管理: not a date of this story's acts
            r = dates_mod.resolve(d, reference, future=bool(PLANNED.search(text[d.end : d.end + 12])), last=last)
            noun = modified_noun(tokens, d.end)
            if r is not None and noun is not None:
                attributive[d.start] = (r, noun)
            continue
        s_end = SENTENCE_END.search(text, d.end)
        tail = text[d.end : s_end.start() if s_end else len(text)]
        future = bool(PLANNED.search(tail)) or bool(STARTS_LATER.search(tail))
        r = dates_mod.resolve(d, reference, future=False, last=last)
        if future and d.kind in ("day", "month_day", "month") and reference is not None:
            f = dates_mod.resolve(d, reference, future=True, last=last)
            if f is not None and (r is None or abs((f.value - reference).days) < abs((r.value - reference).days)):
                r = f
        out[d.start] = r
        if r is not None and (reference is None or r.value <= reference or d.kind == "same"):
            last = r  # 同日 means a day already told, not a planned one
    return out


def date_for(ctx: Story, phrases: list[Phrase] | None, pos: int,
              sentence: tuple[int, int], typ: str = "") -> dates_mod.ResolvedDate | None:
    """Nearest date in the same clause (before the trigger first), else the lead's date.
    A measure (RESTRICTED) is dated by when it applies when the sentence says so (10日から,
    2027年末までに)."""
    s0, s1 = sentence
    if typ == vocab.RESTRICTED:
        applies = [d for d in ctx.dates if s0 <= d.start < s1 and ctx.resolved.get(d.start)
                   and (APPLIES_FROM.match(ctx.text[d.end : d.end + 3])
                        or (d.end <= pos and APPLIES_BY.match(ctx.text[d.end : d.end + 5])))
                   and "、" not in ctx.text[min(d.end, pos) : max(d.start, pos)].strip("、")]
        if applies:
            return ctx.resolved[applies[-1].start]
    for r, noun in ctx.attributive.values():
        if s0 <= noun <= pos and (pos <= noun + 4 or OF_PHRASE.match(ctx.text[noun:pos])):
            return r  # 5月に予定する来日, 28日に開かれたタイとカンボジアの会談: the noun the trigger heads
    in_sentence = [d for d in ctx.dates if s0 <= d.start < s1 and ctx.resolved.get(d.start)
                   and not NOT_ACT_DATE.match(ctx.text[d.end : d.end + 4])]
    before = [d for d in in_sentence if d.end <= pos]
    after = [d for d in in_sentence if d.start >= pos]
    if after and re.match(r"^[^、。]{1,8}?(?:を|は)$", ctx.text[pos : after[0].start]) \
            and ctx.text.startswith("に", after[0].end):
        return ctx.resolved[after[0].start]  # 会合を12日に開く: the date the act itself is given
    if not before:
        # 先月28日に行われた首脳会談で(…署名した): what is done at a dated meeting takes its date
        at = [r for r, noun in ctx.attributive.values()
              if s0 <= noun < pos and AT_MEETING.match(ctx.text[noun : min(pos, noun + 16)])]
        if at:
            return at[-1]
    # a comma-separated clause boundary between date and trigger weakens it, but within a
    # sentence the nearest date still wins over older ones
    if before:
        return ctx.resolved[before[-1].start]
    if after:
        # only a date in the same clause after the trigger (会談を13日に行った)
        d = after[0]
        between = ctx.text[pos : d.start]
        if "、" not in between and len(between) <= 15:
            return ctx.resolved[d.start]
    # an act told without a date in a later sentence belongs to the story the lead dates, not
    # to whatever background date (昨年, 2018年) was mentioned last
    older = [d for d in ctx.dates if d.end <= s0 and ctx.resolved.get(d.start)]
    return ctx.resolved[older[0].start] if older else None


# what is said or settled at talks (一致, 合意, 要請) takes the talks' date
AT_TALKS = frozenset({vocab.AGREED, vocab.COOPERATED, vocab.PROPOSED, vocab.REQUESTED, vocab.SUPPORTED,
                      vocab.CRITICIZED, vocab.SIGNED})


def date_retold(events: list[Event], acts_for: dict[str, str]) -> list[Event]:
    """Dates for acts the text tells undated and dates where it tells them again.

    A lead often tells an act without its date (習主席がミシュスチン首相と会談し…) and a later
    sentence tells it again with one (習主席は4日、…と会談しました), perhaps naming a country
    where the lead named its leader. The undated telling takes the first dated one of the same
    type whose parties are the same or act for each other (``acts_for``: person to country),
    and what was agreed or asked at undated talks in its sentence takes the talks' date then.
    Looked up by key, so a long article costs time in proportion to its events.
    """
    members: dict[str, list[str]] = {}
    for who, side in acts_for.items():
        members.setdefault(side, []).append(who)

    def sides(x: str) -> list[str]:
        return [x, *([acts_for[x]] if x in acts_for else []), *members.get(x, [])]

    Key = tuple[object, str, str]

    def first_dated(scope: object, e: Event, symmetric: bool, index: dict[Key, Event]) -> Event | None:
        pairs = [(a, b) for a in sides(e.source) for b in sides(e.target)]
        if symmetric:
            pairs += [(b, a) for a, b in pairs]
        found = [index[(scope, a, b)] for a, b in pairs if (scope, a, b) in index]
        return min(found, key=lambda f: f.start) if found else None

    dated: dict[Key, Event] = {}
    for f in events:
        if f.date is not None:
            dated.setdefault((f.type, f.source, f.target), f)
    out = list(events)
    for i, e in enumerate(out):
        if e.date is None:
            told = first_dated(e.type, e, e.type in vocab.SYMMETRIC, dated)
            if told is not None:
                out[i] = replace(e, date=told.date, date_precision=told.date_precision)
    talks: dict[Key, Event] = {}  # dated talks by the sentence they are told in
    for f in out:
        if f.type == vocab.MET_WITH and f.date is not None:
            talks.setdefault((f.start, f.source, f.target), f)
    for i, e in enumerate(out):
        if e.date is None and e.type in AT_TALKS:
            met = first_dated(e.start, e, True, talks)
            if met is not None:
                out[i] = replace(e, date=met.date, date_precision=met.date_precision)
    return out
