"""Sentences, phrases and clauses: the segmentation the event frames read.

A sentence is cut into *phrases*, each ending at a case particle (は, が, と, に, を, で, へ, も,
から, より) or a comma; の stays inside a phrase (日本の大手企業と is one phrase). What follows a
particle tags its phrase (``Phrase.extra``): Xに対し, Xへの, Xとの, Xからの, a quotative と
(…と述べた), and Xに向けた / Xをめぐる, which mark no argument. Phrases are numbered by clause:
a comma after a verb or a verbal noun, or a conjunctive particle, starts the next one.
``modifies_noun`` tells whether a position sits in a clause that modifies a noun
(日本が11月に強化した輸出管理).

>>> split_sentences("日本は抗議した。米国も。")
[(0, 8), (8, 12)]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Container
from dataclasses import dataclass, field
from typing import ClassVar

from loaders.mentions import Mention
from loaders.phrasing import LOOKAHEAD, Words, particle_tags
from loaders.tokenizer import Token

SENTENCE_END = re.compile(r"[。！？!?\n]")

CASE_PARTICLES = Words("case_particle")
FORMAL_NOUNS = Words("formal_noun")  # …する予定: not a clause that modifies a noun


@dataclass
class Phrase:
    """A stretch of a sentence ending at a particle or comma, and the mentions starting in it."""

    start: int
    end: int  # end of the phrase including its particle
    particle: str  # は, が, と, に, を, で, へ, も, の (only with と: との), 、, or ""
    mentions: list[Mention] = field(default_factory=list)
    quoted: bool = False
    clause: int = 0
    extra: str = ""  # に対し, に対する, への, との, として ...


class _Starts:
    """Token start offsets of one token list, kept beside it so spans are found by bisection."""

    cache: ClassVar[dict[int, tuple[list[Token], list[int]]]] = {}


def span(tokens: list[Token], start: int, end: int | None, limit: int | None = None) -> list[Token]:
    """The tokens starting in [start, end) (or the first ``limit`` from start), found by
    bisection: per-call scans of the whole token list made extraction quadratic in length."""
    key = id(tokens)
    hit = _Starts.cache.get(key)
    if hit is None or hit[0] is not tokens:
        _Starts.cache.clear()  # one article at a time
        hit = (tokens, [t.start for t in tokens])
        _Starts.cache[key] = hit
    starts = hit[1]
    i = bisect_left(starts, start)
    if end is None:
        return tokens[i : i + (limit or len(tokens))]
    return tokens[i : bisect_left(starts, end, i)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, each ending after its 。 (or at the end of the text)."""
    spans, s = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[s : m.end()].strip():
            spans.append((s, m.end()))
        s = m.end()
    if text[s:].strip():
        spans.append((s, len(text)))
    return spans


def cut_phrases(text: str, tokens: list[Token], mentions: list[Mention], s0: int, s1: int) -> list[Phrase]:
    """The phrases of the sentence text[s0:s1], each holding the mentions that start in it."""
    toks = span(tokens, s0, s1)
    tags = particle_tags()
    case_particles = CASE_PARTICLES.frozen()
    out: list[Phrase] = []
    cur = s0
    clause = 0
    depth = 0
    for i, t in enumerate(toks):
        if t.surface in ("「", "『", "("):
            depth += 1
        elif t.surface in ("」", "』", ")"):
            depth = max(0, depth - 1)
        particle = ""
        if t.pos1 == "助詞" and t.surface in case_particles and t.pos2 in ("格助詞", "係助詞"):
            particle = t.surface
        elif t.surface == "、":
            particle = "、"
        if not particle:
            continue
        ph = Phrase(cur, t.end, particle, quoted=depth > 0, clause=clause)
        # Xに対し, Xへの, Xとの, …と述べ (quote), Xに向けた / Xをめぐる (other): particle_tags.tsv
        for pattern, tag in tags.get(particle, ()):
            if pattern.match(text, t.end, t.end + LOOKAHEAD):
                ph.extra = tag
                break
        out.append(ph)
        cur = t.end
        # a comma after a verb, an auxiliary, a conjunctive particle or a verbal noun ends a clause
        if particle == "、" and i > 0:
            if _ends_clause(toks[i - 1]):
                clause += 1
        elif t.pos2 == "接続助詞":
            clause += 1
    if cur < s1:
        out.append(Phrase(cur, s1, "", clause=clause))
    for m in mentions:
        for ph in out:
            if ph.start <= m.start < ph.end:
                ph.mentions.append(m)
                break
    return out


def _ends_clause(t: Token) -> bool:
    """Whether a comma after this token ends a clause."""
    return t.pos1 in ("動詞", "助動詞") or t.pos2 in ("接続助詞", "サ変可能")


def clause_of(phrases: list[Phrase], pos: int) -> int:
    """The clause of the phrase holding ``pos``."""
    for ph in phrases:
        if ph.start <= pos < ph.end:
            return ph.clause
    return phrases[-1].clause if phrases else 0


def phrase_at(phrases: list[Phrase], pos: int) -> int:
    """The index of the phrase holding ``pos`` (the last phrase when none does)."""
    for i, ph in enumerate(phrases):
        if ph.start <= pos < ph.end:
            return i
    return len(phrases) - 1


def after_particles(phrases: list[Phrase], k: int, kinds: Container[str], clause_only: bool = True) -> list[int]:
    """Phrases before phrase k (nearest first) ending in one of ``kinds``."""
    out = []
    for i in range(k - 1, -1, -1):
        ph = phrases[i]
        if clause_only and ph.clause != phrases[k].clause:
            break
        if ph.quoted and not phrases[k].quoted:
            continue
        tag = ph.extra or ph.particle
        if tag in kinds or (ph.particle in kinds and not ph.extra):
            out.append(i)
    return out


def modified_noun(tokens: list[Token], start: int) -> int | None:
    """Where the noun starts that a clause starting at ``start`` modifies (5月に予定する来日), or None."""
    toks = span(tokens, start, None, 12)
    for a, b in itertools.pairwise(toks):
        if a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞"):
            return b.start
    return None


def modifies_noun(tokens: list[Token], start: int) -> bool:
    """日本が11月に強化した輸出管理: what starts at ``start`` sits in a clause modifying a noun
    (a verb in attributive form followed by a noun before any comma or topic)."""
    toks = span(tokens, start, None, 12)
    for a, b in itertools.pairwise(toks):
        if a.surface in ("、", "。") or (a.pos1 == "助詞" and a.surface in ("は", "が")):
            return False
        if (a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞")
                and b.pos2 != "数詞" and b.surface not in FORMAL_NOUNS):
            return True
    return False
