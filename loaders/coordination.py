"""Coordination: who is named together with whom.

A phrase's *head* is its most specific mention (person, then organization, then country)
together with whatever is coordinated with it: 日本・韓国, 日米, オランダや英国、イスラエル, and
the items of a list spread over comma phrases (EUのコスタ大統領、フォンデアライエン欧州委員長と).
AとBが / AとB両首脳が / AとBに joins the と-phrase to the phrase after it, so that A is not taken
for B's partner.
"""

from __future__ import annotations

import re

from geokg import vocab
from loaders.credits import CREDIT
from loaders.mentions import Mention
from loaders.phrases import Phrase
from loaders.phrasing import Cues

COORDINATORS = Cues(r"^(?:%(coordinator)s)$")
LIST_GAP = Cues(r"(?:%(list_closer)s)?[・、や]")  # 日本などや韓国, 首相ら、

LABEL_RANK = {vocab.PERSON: 3, vocab.ORGANIZATION: 2, vocab.COUNTRY: 1, vocab.AGREEMENT: 0}

# what may stand between the items of a list besides the names: punctuation, and a title with
# the の that ties a person to a body (EUのコスタ大統領、フォンデアライエン欧州委員長と)
LIST_FILLER = Cues(r"^(?:%(list_filler)s|[一-龥ァ-ヺー]{0,6}(?:%(list_title)s))*$")


def head_of(ph: Phrase, text: str, upto: int | None = None) -> list[Mention]:
    """The head mention of a phrase and those coordinated with it."""
    ms = [m for m in ph.mentions if m.label != vocab.AGREEMENT and (upto is None or m.end <= upto)]
    if not ms:
        return []
    best = max(range(len(ms)), key=lambda i: (LABEL_RANK[ms[i].label], i))
    group = [ms[best]]
    # coordinated to the left: 日本・韓国, 日米, オランダや英国、イスラエル
    i = best
    while i > 0:
        gap = text[ms[i - 1].end : ms[i].start]
        coordinated = gap == "" or COORDINATORS.match(gap) or LIST_GAP.fullmatch(gap)
        if coordinated and (ms[i - 1].label == ms[i].label or gap):
            group.insert(0, ms[i - 1])
            i -= 1
            continue
        break
    i = best
    while i + 1 < len(ms):
        gap = text[ms[i].end : ms[i + 1].start]
        if (gap == "" and ms[i + 1].label == ms[i].label) or COORDINATORS.match(gap):
            group.append(ms[i + 1])
            i += 1
            continue
        break
    return group


def _list_prefix(phrases: list[Phrase], i: int, text: str) -> list[Mention]:
    """Mentions of the comma-separated list items right before phrase i (オランダや英国、…)."""
    out: list[Mention] = []
    j = i - 1
    while j >= 0 and phrases[j].particle == "、" and phrases[j].mentions:
        ph = phrases[j]
        rest = text[ph.start : ph.end]
        for m in sorted(ph.mentions, key=lambda m: -m.start):
            rest = rest[: m.start - ph.start] + rest[m.end - ph.start :]
        rest = CREDIT.sub("", rest)  # 【ワシントン共同】日本、米国…: a dateline is not part of the list
        if not LIST_FILLER.match(rest):
            break
        out = ph.mentions + out
        j -= 1
    return out


def merge_coordinated_subjects(phrases: list[Phrase], text: str) -> None:
    """AとBが / AとB両首脳が / AとBに: a と-phrase joins the phrase after it when that one is
    a subject, or starts with a mention itself (coordination, not a partner)."""
    for i in range(len(phrases) - 1, 0, -1):
        a, b = phrases[i - 1], phrases[i]
        if a.particle != "と" or a.extra or not a.mentions:
            continue
        # a party and an agreement are not coordinated (インドと協定を結ぶ: India is the partner)
        same_kind = (b.mentions[0].label == vocab.AGREEMENT) == (a.mentions[-1].label == vocab.AGREEMENT) \
            if b.mentions else False
        starts_with_mention = same_kind and b.mentions[0].start == b.start
        # AとB、Cは: a list after the と-phrase that ends in the subject
        j = i
        while (j < len(phrases) - 1 and phrases[j].particle == "、" and phrases[j].mentions
               and phrases[j].mentions[0].start == phrases[j].start):
            j += 1
        listed = j > i and phrases[j].mentions and phrases[j].mentions[0].start == phrases[j].start \
            and phrases[j].particle.lstrip("+") in ("は", "が")
        if listed and starts_with_mention:
            a.particle = "+" + phrases[j].particle.lstrip("+")
        elif b.particle in ("は", "が", "も") or (starts_with_mention and b.particle in ("に", "を", "へ")):
            a.particle = "+" + b.particle
        elif starts_with_mention and re.match(r"^(?:の|[でにへ]$)", text[b.mentions[0].end : b.end]):
            a.extra = "coord"  # タイとカンボジアの国境で: two nouns joined, not a partner


def group_of(phrases: list[Phrase], i: int, text: str, upto: int | None = None) -> list[Mention]:
    """Head of phrase i with what is coordinated with it, across と and list commas."""
    group = head_of(phrases[i], text, upto)
    if not group and upto is None and i > 0:
        # 日本・オランダなど…を抱える同盟国に / 中国海警局による放水を: a noun whose modifier names it
        prev = phrases[i - 1]
        body = text[phrases[i].start : phrases[i].end]
        if prev.mentions and ((prev.particle == "を" and re.match(r"^[ぁ-ん一-龥]{1,4}る", body))
                              or (prev.particle == "に" and text.startswith("よる", prev.end))
                              or (prev.particle == "と" and not prev.extra and not phrases[i].mentions
                                  and re.match(r"^[ァ-ヺー一-龥・]+[にをへ]$", body))):
            group = head_of(prev, text)
    if i > 0 and phrases[i - 1].particle.startswith("+"):
        group = head_of(phrases[i - 1], text) + group
    elif group and phrases[i].mentions and group[0] is phrases[i].mentions[0]:
        listed = _list_prefix(phrases, i, text)
        group = listed + group
        j = i - 1
        while listed and j >= 0 and phrases[j].particle == "、" and phrases[j].mentions:
            j -= 1
        if listed and j >= 0 and phrases[j].particle.startswith("+"):
            group = head_of(phrases[j], text) + group  # AとB、Cは: the と-phrase before the list
    return group


def pair_up(group: list[Mention]) -> list[tuple[Mention, Mention]]:
    """AとBが: the pair; four or more named together: the first with each of the others."""
    if len(group) <= 3:
        return [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
    return [(group[0], y) for y in group[1:]]
