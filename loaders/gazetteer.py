"""Gazetteers: countries, organizations, titles, people and event triggers, read from the
TSV files in ``loaders/data/`` (data, not code) and compiled into one regular expression
per kind, so matching a text is a single scan in C.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of ``loaders/data/NAME`` as dicts; ``#`` comment lines and blank lines skipped."""
    path = DATA / name
    with path.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@dataclass(frozen=True)
class Country:
    iso3: str
    name_ja: str
    name_en: str
    names: tuple[str, ...]  # name_ja first, then aliases
    short: tuple[str, ...]


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    kind: str
    country: str | None
    names: tuple[str, ...]


@dataclass(frozen=True)
class KnownPerson:
    name: str  # the form news use most (surname or full katakana name)
    full: str
    names: tuple[str, ...]
    role: str | None
    affiliation: str | None


@dataclass(frozen=True)
class Title:
    title: str
    category: str
    affiliation: str | None


@dataclass(frozen=True)
class Trigger:
    pattern: str
    type: str
    role: str  # how the trigger takes its arguments (see events.py)


_KATA = "ァ-ヺー"  # a middle dot or = may touch a name: 日本・インド
_ASCII = "A-Za-z0-9"


def _trie_regex(names: Iterable[str], end_guards: tuple[str, ...]) -> str:
    """One regex for many names, factored into a trie so matching does not try every name.

    At every node the longer continuations are tried before stopping, so the match at a
    position is the longest name there. ``end_guard`` (a character class) may not follow
    a name that ends in a character of that class.
    """
    trie: dict = {}
    for n in names:
        node = trie
        for ch in n:
            node = node.setdefault(ch, {})
        node[""] = True

    def render(node: dict, last: str) -> str:
        branches = [re.escape(ch) + render(child, ch) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            stop = ""
            for script in end_guards:  # the same script may not go on: インド|ネシア, EU|R
                if re.match(f"[{script}]", last):
                    stop = f"(?![{script}])"
            branches.append(stop)
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return render(trie, "")


def alternation(names: Iterable[str]) -> str:
    """One regex matching any of ``names`` (longest first), with guards so that a katakana or
    ASCII name does not match inside a longer word of the same script.

    >>> r = re.compile(alternation(["インド", "インドネシア", "EU"]))
    >>> [m.group(0) for m in r.finditer("インドネシアとインドとEUとEURとEUサミット")]
    ['インドネシア', 'インド', 'EU', 'EU']
    """
    names = sorted(set(names))
    groups: dict[str, list[str]] = {"kata": [], "ascii": [], "other": []}
    for n in names:
        if re.match(rf"[{_KATA}]", n):
            groups["kata"].append(n)
        elif re.match(rf"[{_ASCII}]", n):
            groups["ascii"].append(n)
        else:
            groups["other"].append(n)
    guard = (_KATA, _ASCII)
    parts = []
    if groups["kata"]:
        parts.append(rf"(?<![{_KATA}])" + _trie_regex(groups["kata"], guard))
    if groups["ascii"]:
        parts.append(rf"(?<![{_ASCII}])" + _trie_regex(groups["ascii"], guard))
    if groups["other"]:
        parts.append(_trie_regex(groups["other"], guard))
    return "|".join(parts) if parts else r"(?!x)x"


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]  # iso3 -> country
    country_by_name: dict[str, str]  # any full name -> iso3
    country_by_short: dict[str, str]  # one/two-character compound form -> iso3
    orgs: dict[str, Org]
    org_by_name: dict[str, str]  # any name -> org id
    persons: dict[str, KnownPerson]  # any name form -> person
    titles: dict[str, Title]
    triggers: dict[str, Trigger]  # surface pattern -> trigger
    names_re: re.Pattern[str]  # countries, organizations and known people in one scan
    titles_re: re.Pattern[str]
    triggers_re: re.Pattern[str]

    def trigger(self, surface: str) -> Trigger:
        """The trigger a match of ``triggers_re`` stands for (輸入を段階的に停止: 輸入を停止)."""
        found = self.triggers.get(surface)
        return found if found is not None else self.triggers[MANNER_AFTER_WO.sub("を", surface, count=1)]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read every data file once per process.

    >>> g = load()
    >>> g.country_by_name["米国"], g.country_by_short["印"]
    ('USA', 'IND')
    """
    countries: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_short: dict[str, str] = {}
    for r in read_tsv("countries.tsv"):
        names = (r["name_ja"], *split_list(r["aliases"]))
        c = Country(r["iso3"], r["name_ja"], r["name_en"], names, tuple(split_list(r["short"])))
        countries[c.iso3] = c
        for n in names:
            by_name.setdefault(n, c.iso3)
        for s in c.short:
            by_short.setdefault(s, c.iso3)

    orgs: dict[str, Org] = {}
    org_by_name: dict[str, str] = {}
    for r in read_tsv("organizations.tsv"):
        names = (r["name"], *split_list(r["aliases"]))
        o = Org(r["id"], r["name"], r["kind"] or "other", r["country"] or None, names)
        orgs[o.id] = o
        for n in names:
            if n not in by_name:
                org_by_name.setdefault(n, o.id)

    persons: dict[str, KnownPerson] = {}
    for r in read_tsv("persons.tsv"):
        names = (r["name"], r["full"], *split_list(r["aliases"]))
        p = KnownPerson(r["name"], r["full"] or r["name"], tuple(n for n in names if n),
                        r["role"] or None, r["affiliation"] or None)
        for n in p.names:
            persons.setdefault(n, p)

    titles = {
        r["title"]: Title(r["title"], r["category"], r["affiliation"] or None) for r in read_tsv("titles.tsv")
    }
    triggers = {r["pattern"]: Trigger(r["pattern"], r["type"], r["role"]) for r in read_tsv("triggers.tsv")}

    all_names = [*by_name, *org_by_name, *persons]
    return Gazetteer(
        countries=countries,
        country_by_name=by_name,
        country_by_short=by_short,
        orgs=orgs,
        org_by_name=org_by_name,
        persons=persons,
        titles=titles,
        triggers=triggers,
        names_re=re.compile(alternation(all_names)),
        titles_re=re.compile("|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))),
        triggers_re=re.compile("|".join(_trigger_pattern(t) for t in sorted(triggers, key=len, reverse=True))),
    )


#: A word of manner between an object's を and its verb (輸入を段階的に停止, 製品を全面的に排除):
#: a trigger written Xを V also matches X を <manner> V.
MANNER = r"(?:[一-龥]{1,4}的に|順次|直ちに|即時に?|当面|再び|再度)"
MANNER_AFTER_WO = re.compile("を" + MANNER)


def _trigger_pattern(pattern: str) -> str:
    """The regular expression of a trigger: the pattern itself, with a word of manner allowed
    after its を.

    >>> bool(re.fullmatch(_trigger_pattern("輸入を停止"), "輸入を段階的に停止"))
    True
    """
    head, wo, verb = pattern.partition("を")
    if not wo or not verb:
        return re.escape(pattern)
    return re.escape(head) + "を" + MANNER + "?" + re.escape(verb)
