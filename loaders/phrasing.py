"""The phrasing the event frames read, kept as data an analyst can review and extend.

Three files under ``loaders/data/``, read once per process on first use:

* ``cues.tsv`` -- one cue a row with its *kind* (``KINDS``): the words that negate an act or
  make it planned, the objects that change an event's type, the nouns that name a venue or a
  meeting, the titles allowed inside a list of names ... A cue is a regular-expression
  fragment (most are plain words; kinds matched as whole words take plain words only). The
  code names the kinds in a template (``Cues``) or as a word set (``Words``).
* ``particle_tags.tsv`` -- what follows a case particle and the tag it gives the phrase:
  に + 対し -> ``に対し``, と + 述べ -> ``quote`` (…と述べた), に + 向け -> ``other`` (no argument).
* ``frame_roles.tsv`` -- for each frame of ``triggers.tsv`` and each role in it, the particles
  and tags that mark that party (``address`` / ``addressee``: に, に対し, へ); the code names
  them with ``Marks``.

A row with an unknown kind, tag or particle stops with the file and line named.

>>> NEGATED = Cues(r"^(?:%(negation_adverb)s)?(?:%(negation)s)")
>>> bool(NEGATED.match("当面見送る")), bool(NEGATED.match("実施する"))
(True, False)
>>> tag_after("に", "対し、")
'に対し'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geokg.errors import GeoKGError

DATA = Path(__file__).resolve().parent / "data"
LOOKAHEAD = 4  # characters after a particle that its tag is read from

# every kind of cue, and how its cues are matched: "pattern" (regular-expression fragments,
# joined as alternatives into the templates that name the kind) or "word" (whole words)
KINDS: dict[str, str] = {
    # segmentation (loaders.phrases)
    "case_particle": "word",
    "formal_noun": "word",
    # coordination (loaders.coordination)
    "coordinator": "pattern",
    "list_closer": "pattern",
    "list_filler": "pattern",
    "list_title": "pattern",
    # anaphora (loaders.anaphora)
    "pair_anaphor": "pattern",
    "pair_anaphor_of": "pattern",
    "country_counter": "pattern",
    # arguments (loaders.arguments)
    "passive": "pattern",
    "request_content": "word",
    # acts (loaders.acts)
    "negation": "pattern",
    "negation_adverb": "pattern",
    "negative_ending": "pattern",
    "head_noun": "pattern",
    "aim": "pattern",
    "building": "pattern",
    "place_trigger": "word",
    "body_trigger": "word",
    "tariff_not_raised": "pattern",
    "rule_broken": "pattern",
    "reaction_drawn": "pattern",
    # dates and mode (loaders.event_dates)
    "planned": "pattern",
    "start_from": "pattern",
    "future_verb": "pattern",
    "announced": "pattern",
    "applies_from": "pattern",
    "date_part": "pattern",
    "date_bound": "pattern",
    "dated_occasion": "pattern",
    # frames (loaders.frames)
    "war_noun": "word",
    "relocation": "word",
    "import_stop": "word",
    "equity": "word",
    "venue": "pattern",
    "mutual": "pattern",
    "backing": "pattern",
    "visitor_follows": "pattern",
    # meetings (loaders.meetings)
    "meeting_noun": "pattern",
    "attend": "word",
    "chair": "word",
    "convene": "word",
}
# the tags a particle's phrase may get (Phrase.extra); "other" marks no argument
TAGS = {"に対し", "への", "との", "からの", "quote", "other"}


class PhrasingError(GeoKGError):
    """A phrasing data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Phrasing:
    cues: dict[str, tuple[str, ...]]  # kind -> its cues, in file order
    tags: dict[str, tuple[tuple[str, str], ...]]  # particle -> (what follows it, tag), in file order
    marks: dict[tuple[str, str], tuple[str, ...]]  # (frame, role) -> particles and tags


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """(``file:line``, fields) of each row after the header; ``#`` lines and blank lines skipped."""
    with path.open(encoding="utf-8") as f:
        header = None
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.rstrip("\n").split("\t")]
            where = f"{path}:{n}"
            if header is None:
                header = tuple(fields)
                if header != columns:
                    raise PhrasingError(f"{where}: the header should be {' / '.join(columns)}, "
                                        f"not {' / '.join(header)}")
                continue
            if len(fields) != len(columns) or not all(fields):
                raise PhrasingError(f"{where}: expected {len(columns)} tab-separated fields, none empty "
                                    f"({' / '.join(columns)})")
            yield where, fields


@cache
def load(data: Path = DATA) -> Phrasing:
    """Read and check the three files once.

    >>> load().cues["attend"]
    ('参加', '出席')
    """
    cues: dict[str, list[str]] = {k: [] for k in KINDS}
    for where, (kind, cue, _) in _rows(data / "cues.tsv", ("kind", "cue", "comment")):
        if kind not in KINDS:
            raise PhrasingError(f"{where}: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
        if "|" in cue:
            raise PhrasingError(f"{where}: one cue a row, no '|' in {cue!r}")
        if KINDS[kind] == "word" and re.escape(cue) != cue:
            raise PhrasingError(f"{where}: {kind} cues are plain words, not {cue!r}")
        try:
            re.compile(cue)
        except re.error as exc:
            raise PhrasingError(f"{where}: {cue!r} is not a regular expression: {exc}") from None
        if cue in cues[kind]:
            raise PhrasingError(f"{where}: {cue!r} is already a {kind} cue")
        cues[kind].append(cue)
    empty = [k for k, v in cues.items() if not v]
    if empty:
        raise PhrasingError(f"{data / 'cues.tsv'}: no cue of kind {', '.join(empty)}")
    particles = set(cues["case_particle"])

    tags: dict[str, list[tuple[str, str]]] = {}
    for where, (particle, nxt, tag, _) in _rows(data / "particle_tags.tsv", ("particle", "next", "tag", "comment")):
        if particle not in particles:
            raise PhrasingError(f"{where}: {particle!r} is not a case_particle of cues.tsv")
        if tag not in TAGS:
            raise PhrasingError(f"{where}: unknown tag {tag!r} (known: {', '.join(sorted(TAGS))})")
        if len(nxt) > LOOKAHEAD:
            raise PhrasingError(f"{where}: {nxt!r} is longer than the {LOOKAHEAD} characters read after a particle")
        earlier = next((e for e, _ in tags.get(particle, []) if nxt.startswith(e)), None)
        if earlier is not None:
            raise PhrasingError(f"{where}: {particle}+{nxt} never applies: {particle}+{earlier} comes first")
        tags.setdefault(particle, []).append((nxt, tag))

    marks: dict[tuple[str, str], tuple[str, ...]] = {}
    for where, (frame, role, marked, _) in _rows(data / "frame_roles.tsv", ("frame", "role", "marks", "comment")):
        found = tuple(x.strip() for x in marked.split("|"))
        unknown = [x for x in found if x not in particles and x not in TAGS]
        if unknown:
            raise PhrasingError(f"{where}: {', '.join(unknown)} is neither a case particle nor a tag")
        if (frame, role) in marks:
            raise PhrasingError(f"{where}: {frame} / {role} is given twice")
        marks[(frame, role)] = found
    return Phrasing({k: tuple(v) for k, v in cues.items()}, {k: tuple(v) for k, v in tags.items()}, marks)


class _Alternatives(dict[str, str]):
    """Kind -> its cues as one alternation, for ``template % alternatives``."""

    def __missing__(self, kind: str) -> str:
        raise PhrasingError(f"a template names {kind!r}, which is not a kind of cues.tsv")


class Cues:
    """A regular expression whose words come from ``cues.tsv``, compiled on first use:
    ``%(kind)s`` in the template stands for the cues of that kind as alternatives. Once
    compiled, ``match``, ``search`` and ``fullmatch`` are the compiled pattern's own."""

    def __init__(self, template: str) -> None:
        self.template = template
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            alternatives = _Alternatives({k: "|".join(v) for k, v in load().cues.items()})
            self._compiled = c = re.compile(self.template % alternatives)
            # from now on calls go straight to the pattern (these run for every phrase)
            self.__dict__.update(match=c.match, search=c.search, fullmatch=c.fullmatch)
        return self._compiled

    def kinds(self) -> set[str]:
        """The kinds of cues the template names."""
        return set(re.findall(r"%\((\w+)\)s", self.template))

    def forget(self) -> None:
        """Compile again from ``load()`` on the next use."""
        self._compiled = None
        for name in ("match", "search", "fullmatch"):
            self.__dict__.pop(name, None)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)


class Words:
    """The cues of one kind of ``cues.tsv`` as a set of words, read on first use."""

    def __init__(self, kind: str) -> None:
        if KINDS.get(kind) != "word":
            raise PhrasingError(f"{kind!r} is not a kind of whole words in cues.tsv")
        self.kind = kind
        self._words: frozenset[str] | None = None

    def forget(self) -> None:
        """Read the words again from ``load()`` on the next use."""
        self._words = None

    def frozen(self) -> frozenset[str]:
        """The words (for loops that ask many times)."""
        if self._words is None:
            self._words = frozenset(load().cues[self.kind])
        return self._words

    def __contains__(self, word: object) -> bool:
        words = self._words
        return word in (words if words is not None else self.frozen())


class Marks:
    """The particles and tags that mark one role of one frame (``frame_roles.tsv``)."""

    def __init__(self, frame: str, role: str) -> None:
        self.frame, self.role = frame, role
        self._marks: frozenset[str] | None = None

    def forget(self) -> None:
        """Read the marks again from ``load()`` on the next use."""
        self._marks = None

    def frozen(self) -> frozenset[str]:
        """The particles and tags (for loops that ask many times)."""
        if self._marks is None:
            marks = load().marks.get((self.frame, self.role))
            if marks is None:
                raise PhrasingError(f"{DATA / 'frame_roles.tsv'} has no row for {self.frame} / {self.role}")
            self._marks = frozenset(marks)
        return self._marks

    def __contains__(self, tag: object) -> bool:
        marks = self._marks
        return tag in (marks if marks is not None else self.frozen())


@cache
def particle_tags() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    """Per particle, the rows of ``particle_tags.tsv`` as (one pattern per run of rows giving
    the same tag, tag): the first pattern that matches what follows the particle gives its tag."""
    out: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {}
    for particle, rows in load().tags.items():
        runs: list[tuple[list[str], str]] = []
        for nxt, tag in rows:
            if runs and runs[-1][1] == tag:
                runs[-1][0].append(nxt)
            else:
                runs.append(([nxt], tag))
        out[particle] = tuple((re.compile("|".join(map(re.escape, nexts))), tag) for nexts, tag in runs)
    return out


def tag_after(particle: str, rest: str) -> str:
    """The tag that what follows a particle (``rest``, up to ``LOOKAHEAD`` characters) gives
    its phrase, or "" (the first row of ``particle_tags.tsv`` that applies)."""
    for pattern, tag in particle_tags().get(particle, ()):
        if pattern.match(rest):
            return tag
    return ""
