"""Frames: how each trigger takes its parties, by its ``role`` in ``data/triggers.tsv``.

``FRAMES`` maps each role to a function of the ``Slot`` that ``loaders.arguments`` fills for
the trigger (its actor, the genitive before it, a name glued to it, embedded subjects). The
particles that mark each party of a frame are data, ``data/frame_roles.tsv`` (``address`` /
``addressee``: に, に対し or へ), and so are the words that change what a trigger means,
``data/cues.tsv`` (war nouns, relocation, equity, venues). ``host`` lives in
``loaders.meetings``; what ``dependence`` is on, in ``loaders.dependence``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from geokg import vocab
from loaders.acts import RawEvent, make
from loaders.anaphora import anaphor_pair, counterpart, sides_of
from loaders.arguments import Slot, agreement_before, aimed_at, next_mention, slot_for
from loaders.coordination import group_of, head_of, pair_up
from loaders.dependence import REDUCING, dependence_targets
from loaders.gazetteer import Trigger
from loaders.meetings import host_frame
from loaders.mentions import Mention
from loaders.phrases import Phrase
from loaders.phrasing import Cues, Marks, Words
from loaders.story import Story
from loaders.war import named_only, war_parties

WAR_NOUNS = Words("war_noun")  # ロシアのウクライナ侵攻
RELOCATION = Words("relocation")  # 中国からタイに移管
IMPORT_STOP = Words("import_stop")  # ロシア産ガスの輸入を停止: also less dependence on Russia
EQUITY = Words("equity")  # 出資: in a country an investment, in a company support
# buildings visited are venues, not parties (首相官邸を訪れ)
VENUE = Cues(r"(?:%(venue)s)")
MUTUAL = Cues(r"(?:%(mutual)s)")  # 互いに非難
BACKING = Cues(r"(?:%(backing)s)")  # ロシア支援とされる武装勢力
VISITOR_FOLLOWS = Cues(r"(?:%(visitor_follows)s)")  # 訪日中のX

# the particles that mark each party, by frame (frame_roles.tsv)
PARTNER = Marks("pair", "partner")
ADDRESSEE = Marks("address", "addressee")
OBJECT = Marks("object", "object")
OBJECT_ADDRESSEE = Marks("object", "addressee")
COSIGNER = Marks("sign", "cosigner")
SUPPORTED = Marks("support", "supported")
INVESTED = Marks("invest", "invested")
INVEST_PLACE = Marks("invest", "place")
ORIGIN = Marks("invest", "origin")
RESTRICTED = Marks("restrict", "target")
VISITED = Marks("visit", "visited")
STOP = Marks("visit", "stop")


@dataclass
class Parties:
    """What a frame found: actors and targets (each actor with each target), or pairs."""

    actors: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    pairs: list[tuple[Mention, Mention]] = field(default_factory=list)


# a frame gives the parties of one trigger, or the events themselves when it makes more than one kind
Frame = Callable[[Slot], "Parties | list[RawEvent]"]


def events_for(ctx: Story, phrases: list[Phrase], m: re.Match[str], trig: Trigger,
               sentence: tuple[int, int]) -> list[RawEvent]:
    """The events of one trigger taken as an act, read by its frame."""
    if trig.type == vocab.FOUGHT and trig.pattern in WAR_NOUNS:
        in_sentence = [x for p2 in phrases for x in p2.mentions]
        sides = war_parties(ctx.text, in_sentence, m.start(), m.end())
        if sides is not None:
            attacker, attacked, nominal = sides
            return make(ctx, trig, m, sentence, [attacker], [attacked], [], undated=nominal)
        if named_only(ctx.text, in_sentence, m.start()):
            return []
    s = slot_for(ctx, phrases, m, trig, sentence)
    frame = FRAMES.get(trig.role)
    found = frame(s) if frame is not None else Parties()
    if not isinstance(found, Parties):
        return found
    actors, targets, pairs = found.actors, found.targets, found.pairs
    if trig.pattern in EQUITY and targets and all(t.label == vocab.COUNTRY for t in targets):
        # equity in a project abroad is an investment; in a company it is support
        trig = Trigger(trig.pattern, vocab.INVESTED_IN, trig.role)
    events = make(ctx, trig, m, sentence, actors, targets, pairs)
    if events:
        if ctx.first_event is None and trig.type not in vocab.SYMMETRIC and targets:
            ctx.first_event = (actors, targets)  # the first directed act: what others react to
        if trig.type in (vocab.MET_WITH, vocab.AGREED) and (targets or pairs):
            ctx.last_pair = (actors, targets) if targets else ([pairs[0][0]], [pairs[0][1]])
    return events


def pair_frame(s: Slot) -> Parties:
    """Symmetric acts (会談, 合意, 協力, 戦闘): the actor with its partner marked by と, or
    the two named together (AとBが, 両者の戦闘)."""
    ctx, phrases, k, ph, gen, subjects = s.ctx, s.phrases, s.k, s.ph, s.gen, s.subjects
    partners = s.heads(s.marked(PARTNER))
    if gen and partners:
        return Parties(partners, gen)  # AとBの戦闘
    if partners:
        return Parties(subjects, partners)
    if len(gen) >= 2:
        return Parties(pairs=pair_up(gen))  # 両者の戦闘
    if len(subjects) >= 2:
        return Parties(pairs=pair_up(subjects))
    if not subjects:
        near = [x for i in range(k - 1, -1, -1) if phrases[i].clause == ph.clause
                for x in anaphor_pair(ctx, phrases[i])]
        return Parties(pairs=pair_up(near) if len(near) >= 2 else [])  # 両国軍の間で…戦闘
    return Parties(subjects, counterpart(ctx, subjects))


def address_frame(s: Slot) -> Parties:
    """Requests, proposals, protests, warnings: the addressee marked by に / に対し / へ."""
    if s.passive and s.gen:
        return Parties(s.gen, s.subjects)
    actors = s.subjects or s.gen
    targets = s.before(ADDRESSEE) or s.requested or counterpart(s.ctx, actors)
    if not targets and s.trig.type == vocab.PROPOSED:
        targets = agreement_before(s.phrases, s.k, s.pos)
    return Parties(actors, targets)


def object_frame(s: Slot) -> Parties:
    """Criticism, condemnation, sanctions: the object marked by を / に対し, or glued to the
    trigger, or the genitive; a reaction with no object answers the article's first act."""
    ctx, text, pos, sentence = s.ctx, s.text, s.pos, s.sentence
    actors = s.subjects
    targets = (s.comp or s.before(OBJECT) or s.gen or s.embedded or s.before(OBJECT_ADDRESSEE)
               or counterpart(ctx, actors))
    if len(actors) == 2 and not targets and MUTUAL.search(text[sentence[0] : pos]):
        return Parties(pairs=[(actors[0], actors[1]), (actors[1], actors[0])])  # 互いに非難
    if not targets and s.trig.type == vocab.CRITICIZED and ctx.first_event is not None:
        # a reaction with no object named: against the article's first actor, or, from
        # that actor's own side, against the same target
        first_actors, first_targets = ctx.first_event
        same_side = sides_of(actors) & sides_of(first_actors)
        targets = list(first_targets) if same_side else list(first_actors)
    return Parties(actors, targets)


def sign_frame(s: Slot) -> Parties:
    """Signing: the signers (the subject, and whoever is named with と) sign the Agreement
    named nearest before the trigger."""
    met = s.heads(s.marked(COSIGNER, False))
    actors = s.subjects + [x for x in met if x.key not in {a.key for a in s.subjects}]
    return Parties(actors, agreement_before(s.phrases, s.k, s.pos))


def support_frame(s: Slot) -> Parties:
    """Support: the supported party glued to the trigger (ウクライナ支援), marked by を / への /
    に, or the purpose (Xに向け); X支援とされるY: X supports Y."""
    ctx, phrases, k, m, text = s.ctx, s.phrases, s.k, s.m, s.text
    follower = BACKING.match(text, m.end())
    if s.passive and s.gen:
        return Parties(s.gen, s.subjects)
    if s.comp and follower and next_mention(phrases, k, m.end()):
        return Parties(s.comp, next_mention(phrases, k, m.end()))  # ロシア支援とされる武装勢力
    actors = s.subjects
    purpose = [x for i in range(k) if phrases[i].particle == "に"
               and text.startswith("向け", phrases[i].end) for x in head_of(phrases[i], text)]
    targets = (s.comp or s.before(SUPPORTED) or purpose or s.embedded
               or counterpart(ctx, actors))
    return Parties(actors, targets)


def invest_frame(s: Slot) -> Parties | list[RawEvent]:
    """Investment: the place or company glued to the trigger (対米投資), in the genitive, or
    marked by に / への, else a country marked by で; moving production out of X (中国から
    タイに移管) also reduces dependence on X."""
    ctx, m, trig, sentence = s.ctx, s.m, s.trig, s.sentence
    if s.passive and s.gen:
        return Parties(s.gen, s.subjects)
    actors = s.subjects
    places = [x for x in s.before(INVEST_PLACE) if x.label == vocab.COUNTRY]
    targets = s.comp or s.gen or s.before(INVESTED) or places or s.embedded
    if trig.pattern in RELOCATION:
        origin = s.heads(s.marked(ORIGIN))
        extra = Trigger(trig.pattern, vocab.REDUCES_DEPENDENCE_ON, "dependence")
        moved = make(ctx, extra, m, sentence, actors, origin, [])  # 中国からタイに移管
        return moved + make(ctx, trig, m, sentence, actors, targets, [])
    return Parties(actors, targets)


def restrict_frame(s: Slot) -> Parties | list[RawEvent]:
    """Restrictions: the target glued (対中規制), X向け, X産, or marked by に対し / への /
    からの / に / を; with no subject, the genitive restricts (中国の輸出規制). Stopping
    imports from X also reduces dependence on X."""
    comp = s.comp or aimed_at(s.ctx, s.phrases, s.k, s.pos)
    actors = s.subjects or ([] if comp else s.gen)
    targets = comp or s.before(RESTRICTED)
    if s.gen and not s.subjects and not comp:
        actors = s.gen
    if s.trig.pattern in IMPORT_STOP:
        less = Trigger(s.trig.pattern, vocab.REDUCES_DEPENDENCE_ON, "dependence")
        return (make(s.ctx, less, s.m, s.sentence, actors, targets, [])
                + make(s.ctx, s.trig, s.m, s.sentence, actors, targets, []))
    return Parties(actors, targets)


def concentration_frame(s: Slot) -> Parties:
    """中国に偏る供給網の分散, 中国に集中する調達を見直す: dependence named by where it lies,
    with a reducing word later in the sentence."""
    phrases, k, pos, text = s.phrases, s.k, s.pos, s.text
    if k > 0 and phrases[k - 1].particle == "に" and REDUCING.search(text[s.m.end() : s.sentence[1]]):
        target_ph = phrases[k - 1]
        tgt = [x for x in target_ph.mentions if x.label == vocab.COUNTRY][-1:]
        if tgt and target_ph.end == pos:
            return Parties(s.subjects, tgt)
    return Parties()


def dependence_frame(s: Slot) -> Parties:
    """Reducing dependence (``loaders.dependence`` finds on whom)."""
    in_sentence = [x for p2 in s.phrases for x in p2.mentions]
    found = dependence_targets(s.text, in_sentence, s.trig.pattern, s.pos, s.m.end())
    if found:
        # whoever the article follows, when the sentence names no one (…への依存を減らす好機だ)
        return Parties(s.subjects or list(s.ctx.prev_subjects), found)
    return Parties()


def visit_frame(s: Slot) -> Parties:
    """Visits: the visitor meets the country visited (訪X, X訪問, Xを訪問, a list of stops
    …も訪問); buildings visited are venues, not parties."""
    phrases, ph, m, trig, text, pos = s.phrases, s.ph, s.m, s.trig, s.text, s.pos
    gen, comp, subjects = s.gen, s.comp, s.subjects
    if trig.pattern in ("訪", "来日"):
        targets = [x for x in ph.mentions if x.start >= pos and x.label == vocab.COUNTRY][:1]
        after = [x for x in ph.mentions if x.start > m.end() + 1 and x.label != vocab.COUNTRY]
        visiting = VISITOR_FOLLOWS.match(text, m.end() + (1 if trig.pattern == "訪" else 0))
        return Parties(after[:1] if visiting and after else (gen or subjects), targets)
    if comp and comp[0].label == vocab.COUNTRY:
        return Parties(subjects, comp)  # (岸田首相による)フィリピン訪問: the country glued before is visited
    actors = subjects
    # Xを訪問, or a list of stops: イスラエル、カタール、フィリピンも訪問する
    visited = s.heads(s.marked(VISITED))
    if not visited:
        visited = s.heads(s.marked(STOP)[:1])
        if {a.key for a in actors} & {x.key for x in visited}:  # the stops are not the visitor
            topic = next((i for i, p2 in enumerate(phrases) if p2.particle in ("は", "が")), None)
            actors = group_of(phrases, topic, text) if topic is not None else []
    return Parties(actors, [x for x in visited if not VENUE.search(x.name) and x.key not in {a.key for a in actors}])


# the frame of each role of triggers.tsv
FRAMES: dict[str, Frame] = {
    "pair": pair_frame,
    "address": address_frame,
    "object": object_frame,
    "sign": sign_frame,
    "support": support_frame,
    "invest": invest_frame,
    "restrict": restrict_frame,
    "concentration": concentration_frame,
    "dependence": dependence_frame,
    "host": host_frame,
    "visit": visit_frame,
}
