"""Which trigger matches are acts, and the events a frame's parties make.

A trigger is not an act when it is negated or shelved (見送り, しない), when it modifies a noun
(協力分野, 資源協力などの協定), when it is the content of a request (協力を求める), when signing
is only the aim (締結に向けた), or when it names a place or a body (中国の工場から, 協議会).
``make`` turns a frame's actors and targets into ``RawEvent``s, with their mode (actual or
planned) and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geokg import vocab
from loaders import dates as dates_mod
from loaders.event_dates import PLANNED, date_for
from loaders.gazetteer import Trigger
from loaders.mentions import Mention
from loaders.phrases import Phrase, clause_of
from loaders.phrasing import Cues, Words
from loaders.story import Story
from loaders.war import not_armed

# what follows a trigger that is no act: 会談を当面見送る, 協力しない
NEGATED = Cues(r"^[一-龥]{0,4}(?:を|の|は|も)?(?:%(negation_adverb)s)?(?:%(negation)s)|^(?:%(negative_ending)s)")
HEAD_NOUN = Cues(r"^(?:など|等)?の?(?:%(head_noun)s)")  # 協力分野, 資源協力などの協定
AIM = Cues(r"^(?:%(aim)s)")  # 締結に向けた
# a plant or a base is an investment when it is being built or opened
BUILDING = Cues(r"^(?:の|を)?(?:%(building)s)")
PLACE_TRIGGERS = Words("place_trigger")  # 工場, 拠点
BODY_TRIGGERS = Words("body_trigger")  # 協議 in 協議会

TARIFF_NOT_RAISED = Cues(r"^(?:の|を|が|は)?(?:相互)?(?:%(tariff_not_raised)s)")  # 関税の引き下げ, 関税交渉
RULE_BROKEN = Cues(r"^(?:%(rule_broken)s)")  # 決議に違反して輸送
REACTION_DRAWN = Cues(r"^(?:を|も|が)(?:%(reaction_drawn)s)")  # 反発を招く, 批判を浴びた

HIRAGANA = re.compile(r"[ぁ-ゖ]")
AGREEMENT_TARGETS = {vocab.SIGNED, vocab.PROPOSED}


@dataclass(frozen=True)
class RawEvent:
    """An event as the frames read it: entity keys, the trigger and its sentence."""

    type: str
    source: str
    target: str
    trigger: str
    start: int
    sentence: tuple[int, int]
    date: dates_mod.ResolvedDate | None
    mode: str


def is_event(text: str, m: re.Match[str], trig: Trigger, later: list, phrases: list[Phrase]) -> bool:
    """Whether the trigger ``m`` is told as an act (see the module docstring)."""
    after = text[m.end() : m.end() + 12]
    if trig.role == "dependence":
        return True  # 依存しない: for dependence, the negation is the reduction
    if NEGATED.match(after):
        return False
    if any(x.label == vocab.AGREEMENT and x.start <= m.start() and m.end() < x.end
           and not HIRAGANA.search(x.surface) for ph in phrases for x in ph.mentions):
        return False  # 訪問部隊間協力円滑化協定: a word inside an agreement's name (貿易合意 ends in its act)
    if trig.pattern == "一致" and not (text[m.start() - 1 : m.start()] == "で" or re.match(r"^し", after)):
        return False
    if trig.pattern in PLACE_TRIGGERS and not BUILDING.match(after):
        return False  # 中国の工場から, Xに拠点を置く: a place, not an investment
    if trig.pattern in BODY_TRIGGERS and after.startswith("会"):
        return False  # 協議会: a body, not talks
    if HEAD_NOUN.match(after):
        return False  # 資源協力などの協定, 協力分野: a modifier, not an act
    if trig.type == vocab.FOUGHT and not_armed(text, m.start(), m.end()):
        return False
    if trig.type == vocab.RESTRICTED and "関税" in trig.pattern and (
            TARIFF_NOT_RAISED.match(after) or text[m.start() - 1 : m.start()] == "無"):
        return False  # 関税の引き下げ, 関税交渉, 無関税: trade opened or talked about, not restricted
    if trig.pattern == "違反" and RULE_BROKEN.match(after):
        return False  # 決議に違反して輸送, 違反があった: a rule broken, not someone judged for it
    if trig.type == vocab.CRITICIZED and REACTION_DRAWN.match(after):
        return False  # 反発を招く, 批判を浴びた: the subject draws the criticism, it does not voice it
    if trig.type == vocab.SIGNED and AIM.match(after):
        return False  # 協定締結に向けた議論: signing is the aim, not the act
    # the content of a request or proposal (協力強化を要請, 連携を求める) is not an event itself
    clause = clause_of(phrases, m.start())
    for m2, t2 in later:
        if clause_of(phrases, m2.start()) != clause:
            break
        if t2.type in (vocab.REQUESTED, vocab.PROPOSED) and trig.type not in (vocab.REQUESTED, vocab.PROPOSED):
            between = text[m.end() : m2.start()]
            if "は" not in between and "が" not in between:
                return False
    return True


def make(
    ctx: Story,
    trig: Trigger,
    m: re.Match[str],
    sentence: tuple[int, int],
    actors: list[Mention],
    targets: list[Mention],
    pairs: list[tuple[Mention, Mention]],
    forced_date: dates_mod.ResolvedDate | None = None,
    undated: bool = False,
) -> list[RawEvent]:
    """Events from each actor to each target and from each pair, with mode and date; a pair
    of one side (a minister and their country) or an Agreement out of place makes none."""
    text = ctx.text
    pairs = list(pairs) + [(a, t) for a in actors for t in targets]
    if not pairs:
        return []
    tail = text[m.end() : sentence[1]]
    mode = "planned" if PLANNED.search(tail) or PLANNED.search(text[m.end() : m.end() + 2]) else "actual"
    d = forced_date if forced_date is not None else date_for(ctx, None, m.start(), sentence, trig.type)
    if undated:
        # a war named in passing: the sentence's date is not its date, unless the phrase
        # carries one (2022年のロシアによるウクライナ侵攻)
        first = min((x.start for x in (*actors, *targets)), default=m.start())
        glued = [x for x in ctx.dates if x.end <= first and ctx.text[x.end : first] == "の"]
        d = (ctx.resolved.get(glued[-1].start) or ctx.attributive.get(glued[-1].start, (None, 0))[0]) if glued else None
    out = []
    if trig.type == vocab.COOPERATED:
        pairs = [(_as_country(ctx, a), _as_country(ctx, t)) for a, t in pairs]
    for a, t in pairs:
        if a.key == t.key or a.affiliation == t.key or t.affiliation == a.key:
            continue  # 小泉防衛相 -> 日本, a commissioner -> the EU: not an act between two parties
        if trig.type == vocab.SIGNED and t.label != vocab.AGREEMENT:
            continue
        if a.label == vocab.AGREEMENT or (t.label == vocab.AGREEMENT and trig.type not in AGREEMENT_TARGETS):
            continue
        out.append(RawEvent(trig.type, a.key, t.key, m.group(0), m.start(), sentence, d, mode))
    return out


def _as_country(ctx: Story, m: Mention) -> Mention:
    """The country a person acts for, when the article names that country."""
    if m.label != vocab.PERSON or not m.affiliation:
        return m
    return ctx.countries.get(m.affiliation, m)
