"""Reducing dependence: what the news says about it, and on whom.

REDUCES_DEPENDENCE_ON is the product's headline question, and news phrases it in many ways
besides 依存の低減: 脱中国, ロシア産ガスからの脱却, 中国以外からの調達, 中国を代替する供給網,
中国に頼らない, 中国に依存しない, 中国との切り離し, ロシアとの関係を断ち切る. Each cue word is a
trigger of ``triggers.tsv`` with the frame ``dependence``; ``dependence_target`` finds whom
the dependence is on: the country or body named just before the cue (or just after 脱),
with only a commodity, a 産/製 and a particle between them (ロシア産天然ガスへの依存).
"""

from __future__ import annotations

import re

from geokg import vocab
from loaders.mentions import Mention

# after 依存: a word that says it is being reduced (依存を減らす, 依存から脱却, 依存しない)
REDUCING = re.compile(
    r"低減|是正|脱却|引き下げ|引下げ|削減|軽減|減らす|減らし|減ら|薄め|抑制|下げ|分散|見直|低下|回避|脱|多角化|多様化|"
    r"断ち切|断つ|切り替え|切り離|決別|縮小|減少|しない|せず|しな|すぎない|過ぎない|からの転換|避け|"
    r"停止|廃止|打ち切|ゼロ|撤退"
)
# between the party and the cue: 産/製, a commodity noun, a particle (ロシア産天然ガスへの)
GAP = re.compile(
    r"(?:の)?(?:産|製|系)?(?:からの)?(?:[一-龥ァ-ヺー]{0,8}?)(?:への|からの|に対する|の|に|を|と|との|から|以外の?)?"
    r"(?:過度な|過度の|高い|[一-龥]{1,4}的な?|[一-龥]{1,3}な)?"
)
# cues that carry the reduction in themselves (no reducing word needed after them)
SELF_REDUCING = {"以外", "代替", "代わる", "頼らない", "依存しない", "切り離", "デカップリング", "デリスキング",
                 "断ち切", "対抗", "撤退"}
# 中国以外: only when something is bought, made or sourced elsewhere
SOURCING = r"(?:調達|輸入|供給|確保|生産|開発|採掘|精製|購入|供給網|サプライチェーン|備蓄|国産|自給)"
ELSEWHERE = re.compile(r"^(?:の国|の地域)?(?:から|で|に)?の?[一-龥ァ-ヺー]{0,8}?" + SOURCING)
# 中国に対抗して供給網を: countering a supplier's hold is reducing dependence on it, when the
# sentence is about supply (対抗措置, a countermeasure, is not)
COUNTERING = re.compile(SOURCING)
STATES = (vocab.COUNTRY, vocab.ORGANIZATION)


def dependence_targets(text: str, mentions: list[Mention], cue: str, start: int, end: int) -> list[Mention]:
    """Everyone the dependence is on: the target and the parties coordinated before it
    (中国やロシアへの依存を減らす is dependence on both)."""
    target = dependence_target(text, mentions, cue, start, end)
    if target is None:
        return []
    out = [target]
    for x in reversed([x for x in mentions if x.end <= target.start]):
        if x.label not in STATES or not re.fullmatch(r"や|と|、|・", text[x.end : out[0].start]):
            break
        out.insert(0, x)
    return out


def dependence_target(text: str, mentions: list[Mention], cue: str, start: int, end: int) -> Mention | None:
    """Whom the dependence named by the cue at text[start:end] is on, if it is being reduced.

    ``mentions`` are the sentence's (sorted). None when the text does not say it is reduced,
    or names nobody next to the cue.
    """
    if cue == "脱":  # 脱中国, 脱ロシア
        nxt = [x for x in mentions if x.start == end]
        return nxt[0] if nxt and nxt[0].label == vocab.COUNTRY else None
    if cue == "以外" and not ELSEWHERE.match(text[end : end + 14]):
        return None
    if cue == "対抗":
        before = [x for x in mentions
                  if x.end <= start and re.fullmatch(r"(?:の[^、。]{0,14})?に", text[x.end : start])]
        if not before or text.startswith("措置", end) or not COUNTERING.search(sentence(text, start)):
            return None
        return before[-1] if before[-1].label in STATES else None
    if cue not in SELF_REDUCING and not reduces(text, start, end):
        return None
    for x in reversed(mentions):
        if x.end > start:
            continue
        if GAP.fullmatch(text[x.end : start]):
            return x if x.label in STATES else None
        break
    return None


def reduces(text: str, start: int, end: int) -> bool:
    """依存 with a reducing word after it (低減, 減らす, 断ち切る, しない ...) or 脱 just before."""
    after = text[end : end + 14].split("。")[0]
    return bool(REDUCING.search(after)) or "脱" in text[max(0, start - 6) : start]


def sentence(text: str, pos: int) -> str:
    """The sentence around a position."""
    a = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    b = min((i for i in (text.find("。", pos), text.find("\n", pos)) if i >= 0), default=len(text))
    return text[a:b]
