"""The one place that talks to fugashi: text in, our own small token records out.

A fugashi node's features are read lazily and the node is only valid while the tagger
is untouched, so every field we use is copied out at once into a ``Token``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geokg.errors import GeoKGError

# UniDic char_type codes (MeCab char.def as shipped by unidic-lite 1.0.8)
KANJI, HIRAGANA, KATAKANA = 2, 6, 7


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme: surface, character offsets and the UniDic fields we use."""

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


def tokenize(text: str) -> list[Token]:
    """Tokenize ``text`` (already normalised) into tokens with character offsets.

    >>> [t.surface for t in tokenize("日米が合意")]
    ['日米', 'が', '合意']
    """
    out: list[Token] = []
    pos = 0
    for node in _tagger()(text):
        surface = node.surface
        start = text.find(surface, pos) if surface else pos
        if start < 0:  # pragma: no cover - MeCab keeps the text; never seen
            start = pos
        end = start + len(surface)
        pos = end
        f = node.feature
        out.append(
            Token(
                surface=surface,
                start=start,
                end=end,
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
