"""Bylines, datelines and credits: who wrote or carried a story is never a party to it.

Real news opens with 【ワシントン＝山田太郎】, 【12月9日 AFP】, 【マニラ共同】,
[ソウル 5日 ロイター] or a line of reporters' names, and cites media in the body
(ブルームバーグ通信によると, …と報じた). GUIDELINES section 6: such a reporter or agency is
an (optional) entity, never an event party. ``credit_spans`` finds the spans; ``parties``
drops the mentions inside them, and every mention of a medium, from the mentions events
may take their arguments from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geokg import vocab
from loaders.mentions import Mention

# 【…】 and [ … ] headers of wire copy; (AP) / (CNN) credits after a city name; the 提供 /
# 編集 credits that close Chinese state media copy; a first line of Latin names only.
CREDIT = re.compile(
    r"【[^【】\n]{1,40}】"
    r"|\[[^\[\]\n]{0,30}(?:ロイター|AFP|AP|共同|時事|聯合|新華社|ブルームバーグ|Reuters|Bloomberg)[^\[\]\n]{0,10}\]"
    r"|\((?:AP|AFP|CNN|ロイター|共同|時事|聯合|新華社|ブルームバーグ|CGTN[^()]{0,10}|提供/[^()]{1,10}|編集[^()]{0,6})\)"
    r"|^[A-Za-z][A-Za-z .\-]{3,60}$",
    re.MULTILINE,
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of bylines, datelines and agency credits.

    >>> t = "【ワシントン=山田太郎】米国は…。[ソウル 5日 ロイター] - 韓国は…"
    >>> [t[s:e] for s, e in credit_spans(t)]
    ['【ワシントン=山田太郎】', '[ソウル 5日 ロイター]']
    """
    return [(m.start(), m.end()) for m in CREDIT.finditer(text)]


def parties(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions that may be event parties: not inside a credit, not a medium, and not
    the country prefix glued to a medium (米 of 米ブルームバーグ通信)."""
    spans = credit_spans(text)
    ms = list(mentions)
    media_starts = {m.start for m in ms if m.label == vocab.ORGANIZATION and m.kind == "media"}
    out = []
    for m in ms:
        if any(s <= m.start and m.end <= e for s, e in spans):
            continue
        if m.label == vocab.ORGANIZATION and m.kind == "media":
            continue
        if m.label == vocab.COUNTRY and m.end in media_starts:
            continue
        if m.label == vocab.PERSON and m.role == "記者":
            continue
        out.append(m)
    return out
