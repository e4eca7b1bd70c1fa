"""What the mention finders share: a mention, the characters already claimed, tokens by offset."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from loaders.tokenizer import Token

# first characters that make a name refer back (同社, 両国の協定, 本協定), not name anything
REFERRING_FIRST = "同各両本当"


@dataclass(frozen=True)
class Mention:
    """One place the text names an entity. ``key`` identifies the entity in the article."""

    start: int
    end: int
    surface: str
    label: str
    key: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    kind: str | None = None
    alias: str | None = None  # a longer form (主要7カ国(G7), 重要鉱物の協力覚書)


class Claims:
    """Which characters are already taken by a mention."""

    def __init__(self, n: int) -> None:
        self.taken = bytearray(n)

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])

    def take(self, s: int, e: int) -> None:
        self.taken[s:e] = b"\x01" * (e - s)

    def free_from(self, s: int, e: int) -> int:
        """The first position from ``s`` on after which ``[pos, e)`` is free (``e`` if none is):
        where a name begins once what earlier mentions took of it is left out (韓国|航空宇宙産業)."""
        return max(s, self.taken.rfind(1, s, e) + 1)


class TokenIndex:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]

    def ending_at(self, pos: int) -> int | None:
        i = bisect_left(self.ends, pos)
        return i if i < len(self.tokens) and self.ends[i] == pos else None

    def starting_at(self, pos: int) -> int | None:
        i = bisect_left(self.starts, pos)
        return i if i < len(self.tokens) and self.starts[i] == pos else None

    def run(self, i: int, end: int) -> list[Token]:
        """The tokens from the ``i``-th on that end by ``end`` (found by bisection: a long text
        is not walked to its end for each name)."""
        return self.tokens[i : bisect_right(self.ends, end)]
