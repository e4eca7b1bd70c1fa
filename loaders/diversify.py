"""Diversifying supply or markets: reducing dependence on whoever the story says one depends on.

News often says only 調達先の多角化, 供給網の多様化 or 輸出先の多角化 and leaves the supplier
or market being moved away from to the rest of the story: the country whose export controls,
dominance or supply the article reports (usually China), or, for export markets, the
country whose tariffs push the exporter out. GUIDELINES section 3 reads these as
REDUCES_DEPENDENCE_ON from the one diversifying to that country.

The actor is the sentence's subject (or the one carried from the sentence before); the
target is chosen from the whole article:

- supply (調達先, 供給網, サプライチェーン, 供給源, 輸入先 ...): the country most often named as a
  supplier or a source of risk (中国への依存, 中国からの調達, 中国の輸出規制, 中国が独占, 中国産);
- markets (輸出先, 輸出市場, 販路): the country most often named with tariffs (米国の関税, 対米).

No target is invented when the article names none that way.
"""

from __future__ import annotations

import re
from collections import Counter

from geokg import vocab
from loaders import gazetteer
from loaders.events import Dater, RawEvent, Site
from loaders.mentions import Mention

CUE = re.compile(r"(?:多様化|多角化|分散化|多元化)"
                 r"(?=を|に向|へ|する|し|させ|戦略|の取り組|に取り組|が進|に意欲|や|も|、)")
SUPPLY = re.compile(r"(?:調達先|調達網|調達|供給網|サプライチェーン|供給源|供給元|輸入先|輸入元|"
                    r"エネルギー源|生産基地|生産拠点)(?:の|を)?$")
MARKET = re.compile(r"(?:輸出先|輸出市場|販路|市場)(?:の|を)?$")
# after a country: it is a supplier or a source of risk
SUPPLIER = re.compile(r"^(?:へ?の依存|に依存|依存|からの(?:調達|輸入|供給)|産|製|の輸出規制|による輸出規制|の輸出管理|"
                      r"が独占|が支配|の独占|の支配|が生産を独占|に偏|"
                      r"(?:は|が)[^。、]{0,15}(?:輸出規制|輸出管理|輸出制限|輸出を制限|独占|支配))")
# after a country: its tariffs
TARIFF = re.compile(r"^(?:の|による)?(?:相互|追加|高)?関税"
                    r"|^(?:政権|政府|氏|大統領)?(?:は|が)[^。]{0,20}関税を(?:課|引き上げ|発動)")


def _supplier_counts(text: str, mentions: list[Mention]) -> tuple[Counter[str], Counter[str]]:
    supply: Counter[str] = Counter()
    market: Counter[str] = Counter()
    known = gazetteer.load().persons
    for m in mentions:
        # a person or body counts for the country they act for (トランプ政権は…関税を課した)
        person = known.get(m.key) if m.label == vocab.PERSON else None
        aff = m.affiliation or (person.affiliation if person else None)
        key = m.key if m.label == vocab.COUNTRY else (aff if aff and aff.isupper() and len(aff) == 3 else None)
        if key is None:
            continue
        after = text[m.end : m.end + 30]
        if SUPPLIER.match(after):
            supply[key] += 1
        if TARIFF.match(after) or (m.start >= 1 and text[m.start - 1] == "対" and "関税" in text[m.end : m.end + 6]):
            market[key] += 1
    return supply, market


def diversify_events(text: str, sites: list[Site], dater: Dater) -> list[RawEvent]:
    mentions = [x for site in sites for ph in site.phrases for x in ph.mentions]
    supply, market = _supplier_counts(text, mentions)
    out: list[RawEvent] = []
    for site in sites:
        s0, s1 = site.sentence
        for cue in CUE.finditer(text, s0, s1):
            before = text[max(s0, cue.start() - 12) : cue.start()]
            counts = supply if SUPPLY.search(before) else (market if MARKET.search(before) else None)
            if not counts:
                continue
            actors = site.subjects or site.carried
            # the target is the article's most named supplier (or market pressure); ties go to the first named
            order = {k: i for i, k in reversed(list(enumerate(m.key for m in mentions)))}
            target = min(counts, key=lambda k: (-counts[k], order.get(k, 0)))
            date = dater(cue.start(), site.sentence, vocab.REDUCES_DEPENDENCE_ON)
            for a in actors:
                if a.key != target and a.affiliation != target and a.label != vocab.AGREEMENT:
                    out.append(RawEvent(vocab.REDUCES_DEPENDENCE_ON, a.key, target, cue.group(0), cue.start(),
                                        site.sentence, date, "actual"))
    return out
