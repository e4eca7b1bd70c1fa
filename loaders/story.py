"""What the frames remember while they read one article.

Its dates (found and resolved once), the countries it names, the subject carried over to
sentences without one, the pair last named together (what 両国 refers to), the first directed
act (what a later reaction answers), and the hosts and guests of its meetings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from loaders import dates as dates_mod
from loaders.gazetteer import Gazetteer
from loaders.mentions import Mention
from loaders.tokenizer import Token


@dataclass
class Story:
    """One article as the frames read it; ``extract_events`` makes one per article."""

    text: str
    gaz: Gazetteer
    reference: date | None
    dates: list[dates_mod.DateMention]
    resolved: dict[int, dates_mod.ResolvedDate | None]
    tokens: list[Token] = field(default_factory=list)
    countries: dict[str, Mention] = field(default_factory=dict)  # iso3 -> a mention of it
    prev_subjects: list[Mention] = field(default_factory=list)
    last_pair: tuple[list[Mention], list[Mention]] | None = None
    first_event: tuple[list[Mention], list[Mention]] | None = None
    embedded: list[Mention] = field(default_factory=list)  # subjects of noun-modifying clauses
    requested: list[Mention] = field(default_factory=list)  # Xが…するよう: who is asked
    embedded_request: bool = False
    attributive: dict[int, tuple[dates_mod.ResolvedDate, int]] = field(default_factory=dict)
    hosts: list[tuple[list[Mention], dates_mod.ResolvedDate | None]] = field(default_factory=list)
    guests: list[Mention] = field(default_factory=list)
    met_partners: list[Mention] = field(default_factory=list)
