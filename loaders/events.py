"""Events: typed edges between the entities of one article, read off Japanese case structure.

``extract_events`` reads an article sentence by sentence: it cuts the sentence into phrases,
finds the triggers of ``data/triggers.tsv`` in it, keeps those told as acts, gives each act
its parties by the trigger's frame, then its date and mode. Each stage is a module, listed in
the order they run:

========================  =================================================================
``loaders.phrases``       sentences; phrases ending at a particle or comma, with their tags
                          (Xに対し, Xへの, quotative と) and clauses; noun-modifying clauses
``loaders.coordination``  a phrase's head and who is named with it (日本・韓国, 日米, AとBが,
                          comma lists)
``loaders.acts``          whether a trigger is an act (negated, 協力分野, the content of a
                          request, a place or a body); ``make``: parties to RawEvents
``loaders.arguments``     the actor (the subject, Xによる, carried over from before) and the
                          parties inside the trigger's phrase (茂木外相の訪印, X支援, X向け),
                          gathered in a ``Slot``
``loaders.frames``        one frame per role of triggers.tsv: who the other party is
``loaders.meetings``      the ``host`` frame: hosts, guests, the meeting's date
``loaders.anaphora``      両氏 / 両国 / 双方 / 4カ国, and the partner met before
``loaders.war``           wars named in passing (ロシアのウクライナ侵攻)
``loaders.dependence``    the ways news says dependence is reduced, and on whom
``loaders.event_dates``   each act's date, and whether it is planned
``loaders.story``         what the frames remember from sentence to sentence
``loaders.phrasing``      reads the phrasing data below, once, on first use
========================  =================================================================

After the frames, ``loaders.extract`` adds the acts named in passing inside a noun phrase or a
relative clause (``loaders.nominal``) and lets the candidate ranker (``loaders.ranker``) weigh
every (trigger, party, party) around the triggers.

The phrasing is data: ``data/cues.tsv`` (negation and mode cues, the objects that change an
event's type, venues, titles in lists ..., one cue a row with its kind),
``data/particle_tags.tsv`` (what follows a particle and the tag it gives) and
``data/frame_roles.tsv`` (which particles mark each party of each frame);
``tests/test_phrasing_data.py`` shows every kind at work in a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from geokg import vocab
from loaders import dates as dates_mod
from loaders.acts import RawEvent, is_event
from loaders.anaphora import note_pairs
from loaders.arguments import sentence_subjects
from loaders.coordination import merge_coordinated_subjects
from loaders.event_dates import PLANNED, date_for, resolve_all
from loaders.frames import events_for
from loaders.gazetteer import Gazetteer, Trigger
from loaders.mentions import AGREEMENT_HEAD, Mention
from loaders.phrases import Phrase, cut_phrases, split_sentences
from loaders.story import Story
from loaders.tokenizer import Token

__all__ = ["PLANNED", "Dater", "Phrase", "RawEvent", "Site", "extract_events", "split_sentences"]


Dater = Callable[[int, tuple[int, int], str], "dates_mod.ResolvedDate | None"]  # position, sentence, event type


@dataclass(frozen=True)
class Site:
    """A sentence as the frames saw it: its phrases, its triggers (with whether each was
    taken as an act) and the subjects in force. The candidate ranker reads these."""

    sentence: tuple[int, int]
    phrases: list[Phrase]
    triggers: list[tuple[re.Match[str], Trigger, bool]]
    subjects: list[Mention]
    carried: list[Mention]  # the subject carried over from an earlier sentence


def extract_events(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    gaz: Gazetteer,
    reference: date | None,
    sites: list[Site] | None = None,
    daters: list[Dater] | None = None,
) -> list[RawEvent]:
    """All events of a normalised text, given its mentions (already resolved to entity keys).
    ``sites``, when given, receives each sentence as the frames saw it, and ``daters`` the
    function that dates an act at a position as the frames do."""
    dm = dates_mod.find_dates(text)
    attributive: dict[int, tuple[dates_mod.ResolvedDate, int]] = {}
    ctx = Story(text, gaz, reference, dm, resolve_all(text, dm, reference, tokens, attributive), tokens=tokens,
                   attributive=attributive,
                   countries={m.key: m for m in mentions if m.label == vocab.COUNTRY})
    if daters is not None:
        daters.append(lambda pos, sentence, typ: date_for(ctx, None, pos, sentence, typ))
    out: list[RawEvent] = []
    # triggers inside names are not acts (協議会, 協力機構), but the modifier of an agreement
    # may be one (協力する覚書に署名: they cooperate)
    blocked = [(m.start, m.end) if m.label != vocab.AGREEMENT else _agreement_head_span(m)
               for m in mentions if (m.label != vocab.COUNTRY or len(m.surface) > 1)
               and not (m.label == vocab.AGREEMENT and m.name.endswith("合意"))]
    mention_starts = [m.start for m in mentions]  # mentions come sorted by position
    for s0, s1 in split_sentences(text):
        in_sentence = mentions[bisect_left(mention_starts, s0) : bisect_left(mention_starts, s1)]
        phrases = cut_phrases(text, tokens, in_sentence, s0, s1)
        sentence_blocked = [(a, b) for a, b in blocked if a < s1 and b > s0]
        merge_coordinated_subjects(phrases, text)
        ctx.met_partners = []
        subj_all = sentence_subjects(phrases, text, tokens)
        note_pairs(ctx, phrases)
        triggers = [
            m for m in ctx.gaz.triggers_re.finditer(text, s0, s1)
            if not any(a <= m.start() and m.end() <= b for a, b in sentence_blocked)
        ]
        trig_objs = [(m, gaz.trigger(m.group(0))) for m in triggers]
        taken = []
        for k, (m, trig) in enumerate(trig_objs):
            act = is_event(text, m, trig, trig_objs[k + 1 :], phrases)
            taken.append((m, trig, act))
            if act:
                out.extend(events_for(ctx, phrases, m, trig, (s0, s1)))
        if sites is not None:
            sites.append(Site((s0, s1), phrases, taken, list(subj_all or []), list(ctx.prev_subjects)))
        # an entity subject is carried over to following sentences without one
        if subj_all:
            ctx.prev_subjects = subj_all
    return out


def _agreement_head_span(m: Mention) -> tuple[int, int]:
    """Where an agreement's head noun starts and ends (協力覚書: 覚書): triggers before it are
    its modifier and may be acts."""
    heads = list(AGREEMENT_HEAD.finditer(m.name))
    if not heads:
        return (m.start, m.end)
    start = m.start + heads[-1].start()
    return (start, m.end)
