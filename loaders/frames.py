"""Frames: how each trigger takes its arguments, by its ``role`` in ``data/triggers.tsv``.

The actor comes from ``loaders.arguments``; the other party is found by the particle that
marks it, by frame (``pair``: と; ``address``: に / に対し / へ; ``object``: を / に対し;
``sign``: the Agreement named before; ``support`` and ``invest``: を / への / に, X支援, 対X投資;
``restrict``: X向け, 対X, Xに対する, Xへの, Xからの; ``concentration``: Xに偏る / Xに集中する;
``dependence``: ``loaders.dependence``; ``host``: ``loaders.meetings``; ``visit``: 訪X, Xを訪問).
"""

from __future__ import annotations

import re

from geokg import vocab
from loaders.acts import RawEvent, make
from loaders.anaphora import anaphor_in, anaphor_pair, counterpart, sides_of
from loaders.arguments import (
    agent,
    agreement_before,
    aimed_at,
    compound_before,
    embedded_before,
    genitive,
    inside_modifier,
    next_mention,
    subjects_before,
)
from loaders.coordination import group_of, head_of, pair_up
from loaders.dependence import REDUCING, dependence_targets
from loaders.gazetteer import Trigger
from loaders.meetings import host
from loaders.mentions import Mention
from loaders.phrases import Phrase, after_particles, phrase_at
from loaders.story import Story
from loaders.war import named_only, war_parties

PASSIVE_RECEIVE = re.compile(r"^(?:を|も)?受け")

WAR_NOUNS = {"侵攻", "侵略", "攻撃", "空爆"}

RELOCATION = {"移管", "移転", "生産移管", "生産移転"}

# buildings visited are venues, not parties (首相官邸を訪れ)
VENUE = re.compile(r"官邸|大統領府|宮殿|宮$|ホワイトハウス|本部$|庁舎")


def events_for(ctx: Story, phrases: list[Phrase], m: re.Match[str], trig: Trigger,
                sentence: tuple[int, int]) -> list[RawEvent]:
    text = ctx.text
    pos = m.start()
    k = phrase_at(phrases, pos)
    ph = phrases[k]
    role = trig.role
    actors: list[Mention] = []
    targets: list[Mention] = []
    pairs: list[tuple[Mention, Mention]] = []
    passive = bool(PASSIVE_RECEIVE.match(text[m.end() : m.end() + 4]))

    def heads(idxs: list[int]) -> list[Mention]:
        for i in idxs:  # the nearest such phrase that names someone
            if inside_modifier(ctx, phrases, i, pos):
                continue  # 決議に違反する行為: inside a clause that modifies a noun
            g = group_of(phrases, i, text) or anaphor_pair(ctx, phrases[i])
            if g:
                return g
        return []

    def before(kinds: tuple[str, ...]) -> list[Mention]:
        """The nearest party marked so in the clause, else earlier in the sentence."""
        return heads(after_particles(phrases, k, kinds)) or heads(after_particles(phrases, k, kinds, False))

    if trig.type == vocab.FOUGHT and trig.pattern in WAR_NOUNS:
        in_sentence = [x for p2 in phrases for x in p2.mentions]
        sides = war_parties(text, in_sentence, pos, m.end())
        if sides is not None:
            attacker, attacked, nominal = sides
            return make(ctx, trig, m, sentence, [attacker], [attacked], [], undated=nominal)
        if named_only(text, in_sentence, pos):
            return []
    subjects = agent(ctx, phrases, k, pos) or subjects_before(ctx, phrases, k, pos)
    embedded_before(ctx, phrases, k, subjects)
    gen = genitive(ctx, ph, pos) or anaphor_in(ctx, ph, pos)
    comp = compound_before(ctx, ph, pos)
    embedded = [x for x in ctx.embedded if x.key not in {s.key for s in subjects}]
    requested = [x for x in ctx.requested if x.key not in {s.key for s in subjects}]
    if role == "pair":
        partners = heads(after_particles(phrases, k, ("と", "との")))
        if gen and partners:
            actors, targets = partners, gen  # AとBの戦闘
        elif partners:
            actors, targets = subjects, partners
        elif len(gen) >= 2:
            pairs = pair_up(gen)  # 両者の戦闘
        elif len(subjects) >= 2:
            pairs = pair_up(subjects)
        elif not subjects:
            near = [x for i in range(k - 1, -1, -1) if phrases[i].clause == ph.clause
                    for x in anaphor_pair(ctx, phrases[i])]
            pairs = pair_up(near) if len(near) >= 2 else []  # 両国軍の間で…戦闘
        else:
            actors, targets = subjects, counterpart(ctx, subjects)
    elif role == "address":
        if passive and gen:
            actors, targets = gen, subjects
        else:
            actors = subjects or gen
            targets = before(("に", "に対し", "へ")) or requested or counterpart(ctx, actors)
            if not targets and trig.type == vocab.PROPOSED:
                targets = agreement_before(phrases, k, pos)
    elif role == "object":
        actors = subjects
        targets = (comp or before(("を", "に対し")) or gen or embedded or before(("に",))
                   or counterpart(ctx, actors))
        if len(actors) == 2 and not targets and re.search(r"互いに|相互に", text[sentence[0] : pos]):
            pairs = [(actors[0], actors[1]), (actors[1], actors[0])]  # 互いに非難
            actors = []
        if not targets and not pairs and trig.type == vocab.CRITICIZED and ctx.first_event is not None:
            # a reaction with no object named: against the article's first actor, or, from
            # that actor's own side, against the same target
            first_actors, first_targets = ctx.first_event
            same_side = sides_of(actors) & sides_of(first_actors)
            targets = list(first_targets) if same_side else list(first_actors)
    elif role == "sign":
        met = heads(after_particles(phrases, k, ("と",), False))
        actors = subjects + [x for x in met if x.key not in {s.key for s in subjects}]
        targets = agreement_before(phrases, k, pos)
    elif role in ("support", "invest"):
        follower = re.match(r"(?:とされる|とみられる|を受ける|を受けた|の)", text[m.end() :])
        if passive and gen:
            actors, targets = gen, subjects
        elif role == "support" and comp and follower and next_mention(phrases, k, m.end()):
            actors, targets = comp, next_mention(phrases, k, m.end())  # ロシア支援とされる武装勢力
        else:
            actors = subjects
            purpose = [x for i in range(k) if phrases[i].particle == "に"
                       and text.startswith("向け", phrases[i].end) for x in head_of(phrases[i], text)]
            if role == "support":
                targets = (comp or before(("を", "への", "に")) or purpose or embedded
                           or counterpart(ctx, actors))
            else:
                places = [x for x in before(("に", "への", "で")) if x.label == vocab.COUNTRY]
                targets = comp or gen or before(("に", "への")) or places or embedded
                if trig.pattern in RELOCATION:
                    origin = heads(after_particles(phrases, k, ("から",)))
                    extra = Trigger(trig.pattern, vocab.REDUCES_DEPENDENCE_ON, "dependence")
                    moved = make(ctx, extra, m, sentence, actors, origin, [])  # 中国からタイに移管
                    return moved + make(ctx, trig, m, sentence, actors, targets, [])
    elif role == "restrict":
        comp = comp or aimed_at(ctx, ph, pos)
        actors = subjects or ([] if comp else gen)
        targets = comp or before(("に対し", "への", "からの", "に", "を"))
        if gen and not subjects and not comp:
            actors = gen
    elif role == "concentration":
        # 中国に偏る供給網の分散, 中国に集中する調達を見直す: dependence named by where it lies
        if k > 0 and phrases[k - 1].particle == "に" and REDUCING.search(text[m.end() : sentence[1]]):
            target_ph = phrases[k - 1]
            tgt = [x for x in target_ph.mentions if x.label == vocab.COUNTRY][-1:]
            if tgt and target_ph.end == pos:
                actors, targets = subjects, tgt
    elif role == "dependence":
        in_sentence = [x for p2 in phrases for x in p2.mentions]
        found = dependence_targets(text, in_sentence, trig.pattern, pos, m.end())
        if found:
            # whoever the article follows, when the sentence names no one (…への依存を減らす好機だ)
            actors, targets = subjects or list(ctx.prev_subjects), found
    elif role == "host":
        return host(ctx, phrases, k, m, trig, sentence, subjects)
    elif role == "visit":
        if trig.pattern in ("訪", "来日"):
            targets = [x for x in ph.mentions if x.start >= pos and x.label == vocab.COUNTRY][:1]
            after = [x for x in ph.mentions if x.start > m.end() + 1 and x.label != vocab.COUNTRY]
            tail = text[m.end() + (1 if trig.pattern == "訪" else 0) :]
            visiting = tail.startswith(("中の", "中に", "した", "する", "中で"))
            actors = after[:1] if visiting and after else (gen or subjects)
        elif comp and comp[0].label == vocab.COUNTRY:
            actors = subjects  # (岸田首相による)フィリピン訪問: the country glued before is visited
            targets = comp
        else:
            actors = subjects
            # Xを訪問, or a list of stops: イスラエル、カタール、フィリピンも訪問する
            visited = heads(after_particles(phrases, k, ("を",)))
            if not visited:
                visited = heads(after_particles(phrases, k, ("も",))[:1])
                if {a.key for a in actors} & {x.key for x in visited}:  # the stops are not the visitor
                    topic = next((i for i, p2 in enumerate(phrases) if p2.particle in ("は", "が")), None)
                    actors = group_of(phrases, topic, text) if topic is not None else []
            targets = [x for x in visited if not VENUE.search(x.name) and x.key not in {a.key for a in actors}]
    if trig.pattern == "出資" and targets and all(t.label == vocab.COUNTRY for t in targets):
        trig = Trigger(trig.pattern, vocab.INVESTED_IN, role)  # equity in a project abroad; in a company it is support
    events = make(ctx, trig, m, sentence, actors, targets, pairs)
    if events:
        if ctx.first_event is None and trig.type not in vocab.SYMMETRIC and targets:
            ctx.first_event = (actors, targets)  # the first directed act: what others react to
        if trig.type in (vocab.MET_WITH, vocab.AGREED) and (targets or pairs):
            ctx.last_pair = (actors, targets) if targets else ([pairs[0][0]], [pairs[0][1]])
    return events
