"""Wars named in passing: who attacks whom in 侵攻 / 侵略 / 攻撃 / 空爆.

News names the war behind a story as a noun phrase rather than as the sentence's act:
ロシアのウクライナ侵攻, ロシアによるウクライナ侵略, ウクライナに侵攻するロシア, ロシアの侵略を
受けるウクライナ. The sentence's subject (the G7, Japan) is then not the attacker. GUIDELINES
section 6 reads these as FOUGHT between the two states, undated. ``war_parties`` returns
(attacker, attacked, nominal) or None when the phrase does not say.
"""

from __future__ import annotations

import re

from geokg import vocab
from loaders.mentions import Mention

STATES = (vocab.COUNTRY, vocab.ORGANIZATION)
# what may stand between the attacker and the attacked or the trigger (ロシアの, ロシアによる)
BY = re.compile(r"^(?:の|による|が|軍の|軍による)$")
VERB_AFTER = re.compile(r"^(?:する|した|している|していた|を続ける|を続けている|を受ける|を受けた|を受けている)")
NOT_ARMED = re.compile(r"(?:貿易|経済|利害|意見|文化|価値観)$")


def war_parties(text: str, mentions: list[Mention], start: int, end: int) -> tuple[Mention, Mention, bool] | None:
    """Attacker and attacked of the war trigger at text[start:end], and whether the war is
    only named (a noun phrase, undated) rather than told as this sentence's act."""
    before = [m for m in mentions if m.end <= start and m.label in STATES]
    after = [m for m in mentions if m.start >= end and m.label in STATES]
    glued = before[-1] if before and before[-1].end == start else None
    tail = VERB_AFTER.match(text[end : end + 10])
    if glued is not None:  # (ロシアの)ウクライナ侵攻
        prev = [m for m in before[:-1] if BY.match(text[m.end : glued.start])]
        if prev:
            return prev[-1], glued, True
        nxt = [m for m in after if tail and m.start == end + tail.end()]
        if nxt:  # ウクライナ侵攻を続けるロシア
            return nxt[0], glued, True
        return None
    if tail:
        nxt = [m for m in after if m.start == end + tail.end()]
        if nxt:
            if tail.group(0).startswith("を受け"):  # ロシアの侵略を受けるウクライナ
                agent = [m for m in before if BY.match(text[m.end : start])]
                return (agent[-1], nxt[0], True) if agent else None
            # ウクライナに侵攻するロシア: the noun the clause modifies attacks
            target = [m for m in before if text[m.end : m.end + 1] == "に" and start - m.end <= 3]
            return (nxt[0], target[-1], True) if target else None
    return None


def named_only(text: str, mentions: list[Mention], start: int) -> bool:
    """ロシアによる侵攻, ロシアの攻撃で: a war named by its attacker alone, with nobody
    attacked in the phrase; the sentence's subject is not a party to it."""
    return any(m.label in STATES and BY.match(text[m.end : start]) for m in mentions if m.end <= start)


def not_armed(text: str, start: int, end: int) -> bool:
    """次期戦闘機 and 攻撃機 are aircraft, 貿易衝突 a trade dispute: no fighting."""
    return text[end : end + 1] == "機" or bool(NOT_ARMED.search(text[max(0, start - 4) : start]))
