"""Anaphora: 両氏, 両首脳, 両国, 双方, 4カ国, and the party met before.

両氏は / 両国が / 双方に refer to the two sides of the last meeting or agreement, or to the
last pair named together (タイとカンボジアの国境 … 両国は); 4カ国の防衛相は to the host and the
guests of the last meeting. After 「AはBと会談し」, what A does next with nobody else named is
done with B (``counterpart``).
"""

from __future__ import annotations

import itertools

from geokg import vocab
from loaders.mentions import Mention
from loaders.phrases import Phrase
from loaders.phrasing import Cues
from loaders.story import Story

# 両首脳, 双方, 両国政府 (what follows 両 never mattered: the match is all that is asked)
ANAPHOR_PAIR = Cues(r"^(?:%(pair_anaphor)s)")
ANAPHOR_GROUP = Cues(r"^(?:[2-9２-９二三四五六七八九]|1[0-9])(?:%(country_counter)s)")  # 4カ国
PAIR_OF = Cues(r"(?:%(pair_anaphor_of)s)の?$")  # 両者の (戦闘)


def anaphor_pair(ctx: Story, ph: Phrase) -> list[Mention]:
    """両氏は / 両首脳が / 両国は / 双方に: the two sides of the last meeting or agreement (or the
    last pair named together); 4カ国の防衛相は: the host and guests of the last meeting."""
    if ph.mentions:
        return []
    head = ctx.text[ph.start : ph.end].lstrip("、 ")
    if ANAPHOR_GROUP.match(head) and ctx.hosts:
        host, _ = ctx.hosts[-1]
        return [*host, *ctx.guests]
    if not ANAPHOR_PAIR.match(head) or ctx.last_pair is None:
        return []
    a, b = ctx.last_pair
    return [*a, *b]


def anaphor_in(ctx: Story, ph: Phrase, pos: int) -> list[Mention]:
    """両者の戦闘: 両者 inside the trigger's phrase."""
    seg = ctx.text[ph.start : pos]
    if ctx.last_pair and PAIR_OF.search(seg):
        a, b = ctx.last_pair
        return [*a, *b]
    return []


def note_pairs(ctx: Story, phrases: list[Phrase]) -> None:
    """タイとカンボジアの国境: a pair named together is what a later 両国 refers to."""
    if ctx.last_pair is not None:
        return
    for a, b in itertools.pairwise(phrases):
        joined = a.particle in ("と", "+は", "+が", "+に", "+を", "+も") and a.mentions and b.mentions
        if joined and b.mentions[0].start == b.start and a.mentions[-1].label == b.mentions[0].label:
            ctx.last_pair = ([a.mentions[-1]], [b.mentions[0]])
            return


def sides_of(ms: list[Mention]) -> set[str]:
    """The countries (or bodies) mentions speak for: a country itself, a person's affiliation."""
    return {m.key if m.label == vocab.COUNTRY else (m.affiliation or m.key) for m in ms}


def counterpart(ctx: Story, actors: list[Mention]) -> list[Mention]:
    """After 「AはBと会談し」, what A does next with no other party named is done with B."""
    if ctx.last_pair is None or not actors:
        return []
    a, b = ctx.last_pair
    keys = {x.key for x in actors}
    if keys & {x.key for x in a} and keys & {x.key for x in b}:
        return []  # 両首脳は…: both sides act together
    if keys & {x.key for x in a}:
        return list(b)
    if keys & {x.key for x in b}:
        return list(a)
    return []
