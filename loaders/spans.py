"""What the mention finders share: a mention, the characters already claimed, tokens by offset."""

from __future__ import annotations

from bisect import bisect_left
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
