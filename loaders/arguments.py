"""Argument finding: the actor of a trigger, and the parties that sit in its own phrase.

The actor is the subject phrase (は/が/も) nearest before the trigger (a は-topic reaches
across clauses), or Xによる right before a nominal trigger (ロシアによるウクライナ侵攻), or the
subject that follows in the same clause (電話会談でAとBが…), or the previous sentence's
subject. Subjects of clauses that modify a noun (日本が強化した輸出管理) or of a request's
content (Xが…するよう要請) are not the actor: they are kept in ``Story.embedded`` and
``Story.requested`` as candidates for the other party. Inside the trigger's own phrase: a
genitive (茂木外相の訪印), a name glued to it (ウクライナ支援, 対中依存), X向け (中国向けの輸出規制).
``slot_for`` gathers all of these for one trigger into a ``Slot``; the frames
(``loaders.frames``) decide which of them each trigger takes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from geokg import vocab
from loaders.anaphora import anaphor_in, anaphor_pair
from loaders.coordination import group_of, head_of
from loaders.gazetteer import Trigger
from loaders.mentions import Mention
from loaders.phrases import Phrase, after_particles, modifies_noun, phrase_at, span
from loaders.phrasing import Cues, Marks, Words
from loaders.story import Story
from loaders.tokenizer import Token

PASSIVE_RECEIVE = Cues(r"^(?:を|も)?(?:%(passive)s)")  # …の攻撃を受けた
REQUEST_CONTENT = Words("request_content")  # Xが…するよう要請


@dataclass(slots=True)
class Slot:
    """One trigger taken as an act, with every argument a frame may choose from."""

    ctx: Story
    phrases: list[Phrase]
    m: re.Match[str]  # the trigger
    trig: Trigger
    sentence: tuple[int, int]
    k: int  # the phrase the trigger is in
    subjects: list[Mention]  # the actor, as the subjects before it (or Xによる) say
    gen: list[Mention]  # named before the trigger in its own phrase (茂木外相の訪印), or 両者の
    comp: list[Mention]  # glued to the trigger (ウクライナ支援, 対中依存)
    embedded: list[Mention]  # subjects of noun-modifying clauses: not the actor, maybe the other party
    requested: list[Mention]  # who is asked (Xが…するよう要請)
    passive: bool  # …を受け: the subject undergoes the act

    @property
    def text(self) -> str:
        return self.ctx.text

    @property
    def pos(self) -> int:
        return self.m.start()

    @property
    def ph(self) -> Phrase:
        return self.phrases[self.k]

    def marked(self, kinds: Marks, clause_only: bool = True) -> list[int]:
        """Phrases before the trigger (nearest first) marked by one of ``kinds``."""
        return after_particles(self.phrases, self.k, kinds.frozen(), clause_only)

    def heads(self, idxs: list[int]) -> list[Mention]:
        """Who the nearest of these phrases names (or refers to: 両国), passing over phrases
        inside a clause that modifies a noun."""
        for i in idxs:  # the nearest such phrase that names someone
            if inside_modifier(self.ctx, self.phrases, i, self.pos):
                continue  # 決議に違反する行為: inside a clause that modifies a noun
            g = group_of(self.phrases, i, self.text) or anaphor_pair(self.ctx, self.phrases[i])
            if g:
                return g
        return []

    def before(self, kinds: Marks) -> list[Mention]:
        """The nearest party marked so in the clause, else earlier in the sentence."""
        return self.heads(self.marked(kinds)) or self.heads(self.marked(kinds, False))


def slot_for(ctx: Story, phrases: list[Phrase], m: re.Match[str], trig: Trigger, sentence: tuple[int, int]) -> Slot:
    """The arguments around the trigger ``m`` of a sentence cut into ``phrases``."""
    text = ctx.text
    pos = m.start()
    k = phrase_at(phrases, pos)
    ph = phrases[k]
    passive = bool(PASSIVE_RECEIVE.match(text[m.end() : m.end() + 4]))
    subjects = agent(ctx, phrases, k, pos) or subjects_before(ctx, phrases, k, pos)
    embedded_before(ctx, phrases, k, subjects)
    gen = genitive(ctx, ph, pos) or anaphor_in(ctx, ph, pos)
    comp = compound_before(ctx, ph, pos)
    embedded = [x for x in ctx.embedded if x.key not in {s.key for s in subjects}]
    requested = [x for x in ctx.requested if x.key not in {s.key for s in subjects}]
    return Slot(ctx, phrases, m, trig, sentence, k, subjects, gen, comp, embedded, requested, passive)


def sentence_subjects(phrases: list[Phrase], text: str, tokens: list[Token]) -> list[Mention] | None:
    """Subjects of a sentence: None if it has no subject phrase at all."""
    found = None
    for i, ph in enumerate(phrases):
        if ph.quoted or ph.particle.lstrip("+") not in ("は", "が"):
            continue
        if ph.particle.startswith("+"):
            continue
        if ph.particle == "が" and modifies_noun(tokens, ph.end):
            continue  # ライナスがマレーシアで増強する設備: the subject of a noun-modifying clause
        return group_of(phrases, i, text)
    return found


def subjects_before(ctx: Story, phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    """The actor of the trigger at ``pos`` in phrase k. Subjects of embedded clauses met on
    the way are kept in ``ctx.embedded`` (they are often the other party)."""
    ctx.embedded, ctx.requested = [], []
    best: list[Mention] | None = None
    first_topic = next((i for i, p in enumerate(phrases) if p.particle.lstrip("+") in ("は", "が")), -1)
    # nearest subject phrase before (or at) the trigger; a は-topic reaches across clauses
    for i in range(k, -1, -1):
        ph = phrases[i]
        p = ph.particle.lstrip("+")
        if (ph.quoted and not phrases[k].quoted) or p not in ("は", "が", "も") or ph.particle.startswith("+"):
            continue
        if i == k:
            continue
        if p == "も" and not any(x.label != vocab.AGREEMENT for x in ph.mentions):
            continue
        if p == "は" and ctx.text[ph.start : ph.end].strip("、 ") == "は":
            continue  # 会合後には: a topicalised adverbial, not a subject
        if p == "が":
            ctx.embedded_request = False
            noun = _relative_subject(ctx, phrases, i, k)
            if noun is not None:
                group = group_of(phrases, i, ctx.text)
                if 0 <= pos - noun <= 4 and group:
                    return group  # 米国が課している追加関税: the clause's subject acts
                (ctx.requested if ctx.embedded_request else ctx.embedded).extend(group)
                continue
        group = group_of(phrases, i, ctx.text) or anaphor_pair(ctx, ph)
        if i != first_topic and _quoted_before(phrases, i, k) and (p == "が" or not group):
            ctx.embedded.extend(group)
            continue  # …が急務だとの認識, 責任は…にあると反論: a subject inside reported speech
        best = group
        break
    if best is None:
        clause = phrases[k].clause
        later = [i for i in range(k + 1, len(phrases)) if phrases[i].particle.lstrip("+") in ("は", "が")
                 and not phrases[i].quoted and phrases[i].clause == clause]
        if later:
            # 1月13日の電話会談でAとBが…: the subject that follows in the same clause
            return group_of(phrases, later[0], ctx.text) or anaphor_pair(ctx, phrases[later[0]])
        return list(ctx.prev_subjects)
    return best


def agent(ctx: Story, phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    """ロシアによるウクライナ侵攻: Xによる right before a nominal trigger is its agent."""
    if k == 0:
        return []
    prev = phrases[k - 1]
    by = prev.particle == "に" and ctx.text.startswith("よる", prev.end) and prev.mentions
    if by and pos - prev.end <= 12 and "、" not in ctx.text[prev.end : pos]:
        return head_of(prev, ctx.text)
    return []


def _quoted_before(phrases: list[Phrase], i: int, k: int) -> bool:
    """Whether reported speech (…と述べた, …との認識) closes between phrases i and k."""
    return any(p.particle == "と" and p.extra in ("quote", "との") for p in phrases[i + 1 : k])


def _relative_subject(ctx: Story, phrases: list[Phrase], i: int, k: int) -> int | None:
    """日本が強化した輸出管理, ロシアが握る濃縮ウラン, 日本企業が参画するよう: a が inside a
    clause that modifies a noun (or is the content of a request). Returns where the modified
    noun starts, or None when the が-phrase is a subject of the main clause."""
    ph = phrases[i]
    toks = span(ctx.tokens, ph.end, phrases[k].end)
    prev: Token | None = None
    for a, b in itertools.pairwise(toks):
        if a.surface == "。" or (a.surface == "、" and (prev is None or prev.pos1 not in ("名詞", "接尾辞"))):
            return None  # a comma ends the clause, except after a time word (北朝鮮が同日朝、…)
        prev = a
        if a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞"):
            return b.start
        if a.pos1 in ("動詞", "助動詞") and b.surface in REQUEST_CONTENT:
            ctx.embedded_request = True
            return -1  # Xが…するよう要請: X is asked, it does not act
    return None


def genitive(ctx: Story, ph: Phrase, pos: int) -> list[Mention]:
    """Mentions before the trigger inside its own phrase (茂木外相の訪印, 中国の輸出規制)."""
    return head_of(ph, ctx.text, upto=pos)


def compound_before(ctx: Story, ph: Phrase, pos: int) -> list[Mention]:
    """A mention glued to the trigger (ウクライナ支援, 対中依存, 中国依存, 対伊投資)."""
    text = ctx.text
    for m in reversed(ph.mentions):
        if m.end == pos:
            return [m]
        if m.end == pos - 1 and text[m.end] in "産":
            return [m]
    return []


def inside_modifier(ctx: Story, phrases: list[Phrase], i: int, pos: int) -> bool:
    """Whether phrase i is an argument of a verb that modifies a noun (決議に｜違反する行為):
    the next phrase holds that verb in attributive form followed by a noun."""
    if i + 1 >= len(phrases):
        return False
    nxt = phrases[i + 1]
    if nxt.start <= pos < nxt.end:
        return False  # …威圧行為を非難する共同声明: the modifying verb is the trigger itself
    toks = span(ctx.tokens, nxt.start, nxt.end)
    for a, b in itertools.pairwise(toks):
        if a.cform.startswith("連体形") and a.pos1 in ("動詞", "助動詞") and b.pos1 in ("名詞", "接頭辞"):
            return not (b.start <= pos <= b.start + 4)  # unless the modified noun is the trigger
    return False


def embedded_before(ctx: Story, phrases: list[Phrase], k: int, subjects: list[Mention]) -> None:
    """北朝鮮が…発射したことを受け、両首脳は…非難: subjects of noun-modifying clauses anywhere
    earlier in the sentence are candidates for the other party."""
    keys = {x.key for x in subjects} | {x.key for x in ctx.embedded}
    for i in range(k):
        ph = phrases[i]
        if ph.particle == "が" and not ph.quoted and _relative_subject(ctx, phrases, i, k) is not None:
            ctx.embedded.extend(x for x in group_of(phrases, i, ctx.text) if x.key not in keys)


def next_mention(phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    """The first party named after ``pos`` in phrase k, or just after it (ロシア支援とされる武装勢力)."""
    nxt = [x for x in phrases[k].mentions if x.start >= pos]
    if not nxt and k + 1 < len(phrases):
        nxt = [x for x in phrases[k + 1].mentions if x.start - pos < 12]
    return nxt[:1]


def agreement_before(phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    """The Agreement named nearest before the trigger, up to its phrase."""
    agreements = [x for p2 in phrases[: k + 1] for x in p2.mentions if x.label == vocab.AGREEMENT and x.end <= pos]
    return agreements[-1:]


def aimed_at(ctx: Story, phrases: list[Phrase], k: int, pos: int) -> list[Mention]:
    """Whom a restriction of goods is aimed at: X向け inside the trigger's phrase (中国向けの
    輸出規制), else the country of X産 or X向け there or in the の phrases right before it
    (ロシア産ガスの輸入停止, 欧州向けの磁石の輸出を制限)."""
    for x in reversed(phrases[k].mentions):
        if x.end <= pos and ctx.text.startswith("向け", x.end):
            return [x]
    for j in (k, k - 1, k - 2):
        if j < 0 or (j < k and phrases[j].particle != "の"):
            break
        for x in reversed(phrases[j].mentions):
            if x.end <= pos and x.label == vocab.COUNTRY and ctx.text.startswith(("産", "向け"), x.end):
                return [x]
    return []
