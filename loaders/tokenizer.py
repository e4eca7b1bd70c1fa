"""The one place that talks to fugashi: text in, our own small token records out.

A fugashi node's features are read lazily and the node is only valid while the tagger
is untouched, so every field we use is copied out at once into a ``Token``.

MeCab is given a long text in pieces of whole sentences (``pieces``), never whole: one
call on a text of a million characters or more crashes the process (a segmentation fault,
not an exception), and the time of one call grows faster than its length. Offsets are those of
the whole text. A NUL (which MeCab takes for the end of its input) and a lone surrogate
(which cannot be encoded as UTF-8) end a piece and get no token.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from geokg.errors import GeoKGError

# UniDic char_type codes (MeCab char.def as shipped by unidic-lite 1.0.8)
KANJI, HIRAGANA, KATAKANA = 2, 6, 7

#: The longest piece handed to MeCab: longer than nearly every news article, which is then
#: tokenized in one call, as before. A sentence longer than this (no 。 for pages) is cut
#: after its last comma or space within the limit, else at the limit.
MAX_PIECE = 2000

# A sentence ends after 。！？!?． (not one closing a quotation: 「反対だ。」と述べた) or at a line end.
_SENTENCE_END = re.compile(r"[。！？!?．]+(?![」』）)\]】〕])|\n+")
# What MeCab cannot take: NUL, and surrogates (lone ones can be in a str; UTF-8 refuses them).
_UNTOKENIZABLE = re.compile(r"[\x00\ud800-\udfff]+")
_SOFT_BREAK = re.compile(r"[、，,\s]")


class Token(NamedTuple):
    """One morpheme: surface, character offsets and the UniDic fields we use (a named tuple:
    a text makes one per morpheme, and a tuple is built several times faster than a frozen
    dataclass)."""

    surface: str
    start: int
    end: int
    pos1: str  # 名詞, 動詞, 助詞 ...
    pos2: str  # 固有名詞, 普通名詞, 格助詞 ...
    pos3: str  # 人名, 地名, 一般 ...
    pos4: str  # 姓, 名, 国 ...
    lemma: str
    unknown: bool
    char_type: int
    cform: str = ""  # conjugation form: 連体形-一般, 終止形-一般 ...

    @property
    def is_noun(self) -> bool:
        return self.pos1 in ("名詞", "接頭辞", "接尾辞") or (self.pos1 == "形状詞" and self.char_type == KATAKANA)

    @property
    def is_person_name(self) -> bool:
        return self.pos2 == "固有名詞" and self.pos3 == "人名"


@lru_cache(maxsize=1)
def _tagger() -> Any:
    try:
        import fugashi

        return fugashi.Tagger()
    except Exception as exc:  # fugashi raises RuntimeError with MeCab's own text
        raise GeoKGError(
            f"cannot start the Japanese tokenizer (fugashi + unidic-lite): {exc}. "
            "Install both into this environment: pip install 'fugashi>=1.3' unidic-lite"
        ) from exc


def pieces(text: str, limit: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the pieces MeCab is given: whole sentences (and lines), as many
    as fit in ``limit`` characters, so that a text shorter than that is one piece; a longer
    sentence is cut. NULs and lone surrogates are left out.

    >>> list(pieces("日本は合意した。米国は「反対だ。」と述べた\\n次の行"))
    [(0, 25)]
    >>> list(pieces("日本は合意した。米国は「反対だ。」と述べた\\n次の行", limit=15))
    [(0, 8), (8, 22), (22, 25)]
    >>> list(pieces("あいう、えおか、きく", limit=4))
    [(0, 4), (4, 8), (8, 10)]
    >>> list(pieces("日本\\x00米国"))
    [(0, 2), (3, 5)]
    """
    for a, b in _runs(text):
        start = end = a
        for m in itertools.chain(_SENTENCE_END.finditer(text, a, b), [None]):
            stop = m.end() if m is not None else b
            if stop - start > limit and end > start:
                yield start, end  # the sentences so far fill a piece
                start = end
            if stop - start > limit:
                yield from _cut(text, start, stop, limit)  # one sentence too long for a piece
                start = stop
            end = stop
        if end > start:
            yield start, end


def _runs(text: str) -> Iterator[tuple[int, int]]:
    """The stretches of ``text`` between characters MeCab cannot take."""
    start = 0
    for m in _UNTOKENIZABLE.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    while end - start > limit:
        stop = start + limit
        soft = [m.end() for m in _SOFT_BREAK.finditer(text, start + limit // 2, stop)]
        stop = soft[-1] if soft else stop
        yield start, stop
        start = stop
    if end > start:
        yield start, end


def tokenize(text: str) -> list[Token]:
    """Tokenize ``text`` (already normalised) into tokens with character offsets in ``text``.

    >>> [t.surface for t in tokenize("日米が合意")]
    ['日米', 'が', '合意']
    >>> [(t.surface, t.start) for t in tokenize("合意した。\\n" * 2)][-2:]
    [('た', 9), ('。', 10)]
    """
    tagger = _tagger()
    out: list[Token] = []
    for a, b in pieces(text):
        piece = text[a:b]
        if not piece.strip():
            continue
        pos = 0
        for node in tagger(piece):
            surface = node.surface
            found = piece.find(surface, pos) if surface else pos
            start = found if found >= 0 else pos  # pragma: no cover - MeCab keeps the text; never seen
            pos = start + len(surface)
            f = node.feature
            out.append(
                Token(
                    surface=surface,
                    start=a + start,
                    end=a + pos,
                    pos1=f.pos1 or "",
                    pos2=f.pos2 or "",
                    pos3=f.pos3 or "",
                    pos4=f.pos4 or "",
                    lemma=f.lemma or surface,
                    unknown=bool(node.is_unk),
                    char_type=int(node.char_type),
                    cform=f.cForm or "",
                )
            )
    return out
