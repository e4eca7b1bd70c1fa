"""Acts told inside a noun phrase or a relative clause rather than as the sentence's verb.

News names the act behind a story in passing, and the frames of ``loaders.events``, which
read a sentence's subject and its objects, miss both parties:

- a noun phrase with the actor before による / の and the other side before への / に対する:
  「北朝鮮とイランによるロシアへの軍事支援」, 「中国の台湾に対する圧力」;
- a relative clause whose actor is marked by が and whose other side is the noun it
  modifies: 「ルワンダが支援する武装勢力M23」 (ルワンダ supports M23);
- a received act, where the giver stands before から and the receiver is the subject:
  「カタールは米国からも支援を受けた」, and a request answered: 「カナダは米国の要請に応じ」
  (the United States asked Canada).

Wars have their own reading (``loaders.war``), and signing needs an agreement, so both are
left to the frames. What is only named in a noun phrase or a relative clause is background,
not the sentence's news, so it stays undated (as ``loaders.war`` does for wars); a received
act is the sentence's own and takes the sentence's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geokg import vocab
from loaders.events import Dater, RawEvent, Site
from loaders.mentions import Mention

TYPES = {vocab.SUPPORTED, vocab.RESTRICTED, vocab.INVESTED_IN, vocab.CRITICIZED, vocab.REQUESTED,
         vocab.COOPERATED}
PARTIES = (vocab.COUNTRY, vocab.ORGANIZATION, vocab.PERSON)
MODIFIER = r"[一-龥ァ-ヺー]{0,6}"  # 軍事, 追加, 経済: a noun between the other side and the trigger
TOWARDS = re.compile(rf"^(?:への|に対する|向けの?){MODIFIER}$")
BY = re.compile(r"^(?:による|の)$")
COORDINATED = re.compile(r"^(?:と|や|・|、)$")
FROM = re.compile(rf"^から(?:も|の)?{MODIFIER}$")
ANSWERED = re.compile(r"^(?:に応じ|を受け|に基づ|により|によ)")  # Yの要請に応じて: what Y asked was done
RECEIVED = re.compile(r"^(?:を|も)受け")
# between the last party and the meeting noun: による初の, の, との (李在明大統領とトランプ大統領による初めての)
MEETING_BY = re.compile(r"^[^、。はがを]{0,8}?(?:による|の)[^、。はがを]{0,8}$")
# between two parties of the chain: 韓国の|李在明, 李在明|大統領と|米国
CHAIN_GAP = re.compile(r"^(?:の|[一-龥ァ-ヺー]{0,6}?(?:と|、|や|・))$")
HELD = re.compile(r"行われ|開かれ|開催され|実現し")
KIND = re.compile(r"^[一-龥ァ-ヺー]{0,6}$")  # 武装勢力 in 「支援する武装勢力M23」
RELATIVE = re.compile(r"^(?:する|した|している|していた)(?:とされる|とみられる)?")


def _before(ms: list[Mention], m: Mention, glue: re.Pattern[str], text: str) -> list[Mention]:
    """The parties coordinated before ``m`` and joined to it by ``glue`` (北朝鮮とイラン|による)."""
    prev = [x for x in ms if x.end <= m.start]
    if not prev or not glue.match(text[prev[-1].end : m.start]):
        return []
    out = [prev[-1]]
    for x in reversed(prev[:-1]):
        if not COORDINATED.match(text[x.end : out[0].start]):
            break
        out.insert(0, x)
    return out


def _pairs(sources: Iterable[Mention], targets: Iterable[Mention]) -> list[tuple[Mention, Mention]]:
    return [(s, t) for s in sources for t in targets
            if s.key != t.key and s.affiliation != t.key and t.affiliation != s.key]


def _meeting(text: str, ms: list[Mention], pos: int, end: int, sentence: tuple[int, int]) -> list[Mention]:
    """AとBによる初の首脳会談が行われた: the coordinated parties of a meeting told as a noun
    that took place (two or more, else none)."""
    held = HELD.search(text, end, sentence[1])
    if not held or not re.match(r"^(?:が|は|も)", text[end : end + 1]):
        return []
    last = [x for x in ms if x.end <= pos and MEETING_BY.match(text[x.end : pos])]
    if not last:
        return []
    group = [last[-1]]
    for x in reversed([x for x in ms if x.end <= last[-1].start]):
        if not CHAIN_GAP.match(text[x.end : group[0].start]):
            break
        group.insert(0, x)
    # 韓国の李在明大統領: the person stands for the country named with them
    group = [x for x in group if not any(y.affiliation == x.key for y in group)]
    return group if len(group) >= 2 else []


def nominal_events(text: str, sites: list[Site], dater: Dater) -> list[RawEvent]:
    out: list[RawEvent] = []
    for site in sites:
        ms = sorted((x for ph in site.phrases for x in ph.mentions if x.label in PARTIES), key=lambda x: x.start)
        for match, trig, _ in site.triggers:
            if trig.type == vocab.MET_WITH and trig.role == "pair":
                group = _meeting(text, ms, match.start(), match.end(), site.sentence)
                pairs = [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]
                         if x.key != y.key and x.affiliation != y.key and y.affiliation != x.key]
                date = dater(match.start(), site.sentence, trig.type) if pairs else None
                out += [RawEvent(trig.type, x.key, y.key, match.group(0), match.start(), site.sentence, date, "actual")
                        for x, y in pairs]
                continue
            if trig.type not in TYPES:
                continue
            pos, end = match.start(), match.end()
            found: list[tuple[Mention, Mention]] = []
            dated = False
            # 1. Xによる / Xの Yへの [noun] TRIGGER
            towards = [x for x in ms if x.end <= pos and TOWARDS.match(text[x.end : pos])]
            if towards:
                found = _pairs(_before(ms, towards[-1], BY, text), towards[-1:])
            # 2. Xが TRIGGER する Y
            rel = RELATIVE.match(text[end : end + 10])
            if not found and rel:
                after = [x for x in ms if x.start >= end + rel.end()
                         and KIND.match(text[end + rel.end() : x.start])]
                by = [x for x in ms if x.end <= pos and text[x.end : pos] == "が"]
                found = _pairs(by[-1:], after[:1]) if after else []
            # 3. Xは Yの要請に応じ(て): Y asked X
            if not found and trig.type == vocab.REQUESTED and ANSWERED.match(text[end : end + 4]):
                asker = [x for x in ms if x.end <= pos and text[x.end : pos] == "の"]
                if asker and site.subjects:
                    found, dated = _pairs(asker[-1:], site.subjects[:1]), False
            # 4. Xは Yから [noun] TRIGGER を受けた: Y acts on X
            if not found and RECEIVED.match(text[end : end + 4]):
                giver = [x for x in ms if x.end <= pos and FROM.match(text[x.end : pos])]
                if giver and site.subjects:
                    found, dated = _pairs(giver[-1:], site.subjects[:1]), True
            for s, t in found:
                date = dater(pos, site.sentence, trig.type) if dated else None
                out.append(RawEvent(trig.type, s.key, t.key, match.group(0), pos, site.sentence, date, "actual"))
    return out
