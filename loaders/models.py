"""The records the loaders exchange: frozen dataclasses, nothing else.

An ``Article`` is what a source yields; ``extract(article)`` turns it into an
``Extraction`` (entities and events), whose ``to_json()`` is the extraction contract of
GUIDELINES section 1 (one JSON object per article).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from geokg import vocab


def text_id(text: str) -> str:
    """Stable id of an article without one: a hash of its normalised text.

    >>> text_id("日本 と インド") == text_id("日本とインド")
    True
    """
    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return "sha1:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One article as read from a source.

    ``published`` is an ISO date (``2026-01-28``) or None. ``reference_date`` is the date
    relative expressions resolve against: the publication date, or for listing items
    without one the date inferred from the neighbouring items (``date_inferred`` True).
    ``origin`` names the file and line/record it came from, for messages.
    """

    id: str
    text: str
    title: str = ""
    published: str | None = None
    source: str = ""
    url: str | None = None
    reference_date: str | None = None
    date_inferred: bool = False
    origin: str = ""
    metadata: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if not self.text or not self.text.strip():
            raise ValueError(f"article {self.id!r} has no text")


@dataclass(frozen=True)
class Entity:
    """An actor or agreement mentioned in one article.

    ``id`` is the cross-article key: the ISO3 code of a country, ``org:...`` for
    organizations from the gazetteer (``org:name`` otherwise), ``person:NAME``,
    ``agreement:NAME``. ``surfaces`` are the forms seen in the text.
    """

    id: str
    label: str
    name: str
    iso3: str | None = None
    role: str | None = None
    affiliation: str | None = None
    kind: str | None = None
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    surfaces: tuple[str, ...] = ()
    count: int = 1

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label, "name": self.name}
        if self.label == vocab.COUNTRY:
            out["iso3"] = self.iso3
        if self.label == vocab.PERSON:
            out["role"] = self.role
            out["affiliation"] = self.affiliation
        if self.label == vocab.ORGANIZATION:
            out["kind"] = self.kind
            out["country"] = self.iso3
        if self.name_en:
            out["name_en"] = self.name_en
        out["aliases"] = list(self.aliases)
        out["surfaces"] = list(self.surfaces)
        out["count"] = self.count
        return out


@dataclass(frozen=True)
class Event:
    """A typed, dated edge between two entities of one article, with its evidence."""

    type: str
    source: str
    target: str
    date: str | None
    date_precision: str | None
    evidence: str
    start: int  # character offsets of the evidence sentence in the article text
    end: int
    trigger: str
    mode: str = "actual"
    date_inferred: bool = False

    @property
    def plover(self) -> str:
        return vocab.PLOVER[self.type]

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_inferred": self.date_inferred,
            "mode": self.mode,
            "plover": self.plover,
            "trigger": self.trigger,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Extraction:
    """What one article became."""

    article: Article
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "article_id": a.id,
            "title": a.title,
            "published": a.published,
            "reference_date": a.reference_date,
            "date_inferred": a.date_inferred,
            "source": a.source,
            "url": a.url,
            "text": a.text,
            "metadata": a.metadata,
            "entities": [e.to_json() for e in self.entities],
            "events": [e.to_json() for e in self.events],
        }
