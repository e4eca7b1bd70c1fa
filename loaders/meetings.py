"""Hosted meetings: the host meets each guest.

Xを招き…会合を開催, 日米豪比の防衛相会合を主催, 中国が議長国を務める会合: the host is recorded
with the meeting's date, and a later Xも参加 makes X one more guest of the last hosted meeting.
日ASEAN首脳会議に出席, with no host known: the attendee meets the meeting's other member.
"""

from __future__ import annotations

from geokg import vocab
from loaders import dates as dates_mod
from loaders.acts import RawEvent, make
from loaders.anaphora import sides_of
from loaders.arguments import Slot
from loaders.coordination import group_of
from loaders.event_dates import date_for
from loaders.phrases import after_particles
from loaders.phrasing import Cues, Marks, Words
from loaders.story import Story

MEETING_NOUN = Cues(r"(?:%(meeting_noun)s)")
ATTEND = Words("attend")  # Xも参加
CHAIR = Words("chair")  # 議長国を務める
CONVENE = Words("convene")  # 主催, 開催
MEETING = Marks("host", "meeting")  # 会議に出席
HOSTED = Marks("host", "hosted")  # 日米豪比の会合を主催
INVITED = Marks("host", "invited")  # Xを招き


def host_frame(s: Slot) -> list[RawEvent]:
    """Hosted meetings: the host meets each guest (Xを招き, 日米豪比の会合を主催, Xも参加)."""
    ctx, phrases, k, m, trig, sentence, subjects = s.ctx, s.phrases, s.k, s.m, s.trig, s.sentence, s.subjects
    text, pos = ctx.text, m.start()
    if trig.pattern in ATTEND:
        if ctx.hosts:
            host, hdate = ctx.hosts[-1]
            keys = {h.key for h in host} | sides_of(host)
            # イスラエルとハマスの代表団のほか、カタールと米国の高官が参加: everyone named
            named = [x for i in range(k) if phrases[i].clause == phrases[k].clause
                     and phrases[i].particle not in ("で", "に") for x in phrases[i].mentions
                     if x.label != vocab.AGREEMENT]
            guests = [p for p in (named or subjects) if p.key not in keys and p.affiliation not in keys]
            guests = list({g.key: g for g in guests}.values())
            ctx.guests.extend(guests)
            return make(ctx, trig, m, sentence, host, guests, [], forced_date=hdate)
        # 日ASEAN首脳会議に出席: the attendee meets the other members of the meeting
        meeting = [x for i in after_particles(phrases, k, MEETING.frozen())[:1] for x in phrases[i].mentions
                   if x.label != vocab.AGREEMENT]
        others = [x for x in meeting if x.key not in sides_of(subjects) and x.key not in {s.key for s in subjects}]
        return make(ctx, trig, m, sentence, subjects, others[-1:], []) if subjects and others else []
    if not subjects:
        return []
    d = _meeting_date(ctx, m.end(), sentence) or date_for(ctx, phrases, pos, sentence)
    if trig.pattern in CHAIR:
        ctx.hosts.append((subjects, d))  # 中国が議長国を務める会合: the chair hosts it
        return []
    if trig.pattern in CONVENE:
        # the meeting named before: 日米豪比の防衛相会合を主催 names its members
        obj = after_particles(phrases, k, HOSTED.frozen())
        members = [x for x in (phrases[obj[0]].mentions if obj else []) if x.label == vocab.COUNTRY]
        guests = [x for x in members if x.key not in sides_of(subjects)]
        ctx.hosts.append((subjects, d))
        ctx.guests = list(guests)
        return make(ctx, trig, m, sentence, subjects, guests, [], forced_date=d) if guests else []
    guests = [x for i in after_particles(phrases, k, INVITED.frozen())[:1] for x in group_of(phrases, i, text)]
    if guests:
        ctx.hosts.append((subjects, d))
        ctx.guests = list(guests)
        return make(ctx, trig, m, sentence, subjects, guests, [], forced_date=d)
    return []


def _meeting_date(ctx: Story, pos: int, sentence: tuple[int, int]) -> dates_mod.ResolvedDate | None:
    """Xを招き12日に会合を開催: the date given between the invitation and the meeting."""
    meet = MEETING_NOUN.search(ctx.text, pos, sentence[1])
    if not meet:
        return None
    ds = [d for d in ctx.dates if pos <= d.start < meet.start() and ctx.resolved.get(d.start)]
    if not ds:  # 首脳会合を12日に開く
        ds = [d for d in ctx.dates if meet.end() <= d.start <= meet.end() + 2 and ctx.resolved.get(d.start)
              and ctx.text[meet.end() : d.start] in ("", "を", "は")]
    return ctx.resolved[ds[-1].start] if ds else None
