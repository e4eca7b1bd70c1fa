"""The canned queries as data: each ``queries/NAME.cypher`` file and what its header says.

A file starts with ``//`` comment lines::

    // 問い: 中国への依存を減らそうとしているのは誰で、誰と組んでいるか。
    // Question: Who is working to reduce dependence on China, and with whom?
    // @param target: string = "CHN" — the country depended on
    // @param actor: string — a required parameter has no default
    // Example: geokg query dependence_partners --param target=CHN
    //
    // Free text after that explains the answer.

Defaults are JSON literals (``"CHN"``, ``4``, ``true``, ``null``). Types are ``string``,
``int``, ``date``, ``list`` and ``bool``. The files are package data, read with
``importlib.resources``.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from geokg.errors import QueryError

TYPES = ("string", "int", "date", "list", "bool")
RESERVED = frozenset({"name", "driver", "database"})  # run_query's own arguments

_PARAM = re.compile(
    r"^@param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*(?:=\s*(?P<default>.+?))?\s*(?:—|--)\s*(?P<desc>.*)$"
)
_USED = re.compile(r"\$([A-Za-z_]\w*)")


@dataclass(frozen=True)
class Param:
    """One ``$parameter`` of a query."""

    name: str
    type: str
    default: Any = None
    required: bool = False
    description: str = ""


@dataclass(frozen=True)
class QueryInfo:
    """A canned query: its question, parameters, example and Cypher text."""

    name: str
    question_ja: str
    question_en: str
    params: tuple[Param, ...]
    example: str
    example_params: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    cypher: str = ""

    @property
    def body(self) -> str:
        """The Cypher without the header comment (what Browser users paste)."""
        lines = self.cypher.splitlines()
        start = next((i for i, line in enumerate(lines) if not line.lstrip().startswith("//")), len(lines))
        return "\n".join(lines[start:]).strip() + "\n"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def defaults(self) -> dict[str, Any]:
        """The default of every optional parameter."""
        return {p.name: p.default for p in self.params if not p.required}


def parse(name: str, text: str) -> QueryInfo:
    """Read a query file's header.

    >>> info = parse("q", '// 問い: 誰か\\n// Question: Who?\\n// @param limit: int = 10 — rows\\n'
    ...              '// Example: geokg query q --param limit=5\\nRETURN $limit')
    >>> info.params[0].default, info.example_params
    (10, {'limit': '5'})
    """
    where = f"query file {name}.cypher"
    question_ja = question_en = example = ""
    params: list[Param] = []
    notes: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("//"):
            break
        line = line[2:].strip()
        if line.startswith("問い:"):
            question_ja = line.split(":", 1)[1].strip()
        elif line.startswith("Question:"):
            question_en = line.split(":", 1)[1].strip()
        elif line.startswith("Example:"):
            example = line.split(":", 1)[1].strip()
        elif line.startswith("@param"):
            params.append(_parse_param(where, line))
        elif line or notes:
            notes.append(line)
    if not (question_ja and question_en and example):
        raise QueryError(f"{where}: the header needs '// 問い:', '// Question:' and '// Example:' lines")
    declared = {p.name for p in params}
    if len(declared) != len(params):
        raise QueryError(f"{where}: a parameter is declared twice")
    used = set(_USED.findall(_strip_comments(text)))
    if used != declared:
        raise QueryError(f"{where}: parameters used {sorted(used)} differ from those declared {sorted(declared)}")
    if declared & RESERVED:
        raise QueryError(f"{where}: parameter names {sorted(declared & RESERVED)} are reserved")
    return QueryInfo(
        name=name,
        question_ja=question_ja,
        question_en=question_en,
        params=tuple(params),
        example=example,
        example_params=_example_params(where, name, example),
        notes=" ".join(x for x in notes if x),
        cypher=text,
    )


def _parse_param(where: str, line: str) -> Param:
    m = _PARAM.match(line)
    if not m:
        raise QueryError(f"{where}: cannot read {line!r}; expected '@param NAME: TYPE [= DEFAULT] — DESCRIPTION'")
    ptype = m["type"]
    if ptype not in TYPES:
        raise QueryError(f"{where}: parameter {m['name']} has type {ptype!r}; types are {', '.join(TYPES)}")
    if m["default"] is None:
        return Param(m["name"], ptype, None, True, m["desc"].strip())
    try:
        default = json.loads(m["default"])
    except json.JSONDecodeError:
        raise QueryError(f"{where}: the default of {m['name']} is not a JSON literal: {m['default']!r}") from None
    return Param(m["name"], ptype, default, False, m["desc"].strip())


def _example_params(where: str, name: str, example: str) -> dict[str, str]:
    words = shlex.split(example)
    if words[:3] != ["geokg", "query", name]:
        raise QueryError(f"{where}: the example must start with 'geokg query {name}'")
    out: dict[str, str] = {}
    rest = words[3:]
    while rest:
        flag, *rest = rest
        if flag not in ("--param", "-p") or not rest or "=" not in rest[0]:
            raise QueryError(f"{where}: the example may only add '--param KEY=VALUE', not {flag!r}")
        key, value = rest.pop(0).split("=", 1)
        out[key] = value
    return out


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


@cache
def _catalog() -> dict[str, QueryInfo]:
    folder = resources.files("queries")
    out = {}
    for item in sorted(folder.iterdir(), key=lambda x: x.name):
        if item.name.endswith(".cypher"):
            name = item.name.removesuffix(".cypher")
            out[name] = parse(name, item.read_text(encoding="utf-8"))
    return out


def list_queries() -> list[QueryInfo]:
    """Every canned query, by name.

    >>> [q.name for q in list_queries()][:2]
    ['agreements', 'connection']
    """
    return list(_catalog().values())


def load_query(name: str) -> QueryInfo:
    """One query by name; an unknown name raises QueryError listing the known ones.

    >>> load_query("meetings").question_en
    'Who met whom in a date window, optionally for one country, person or organization?'
    """
    catalog = _catalog()
    try:
        return catalog[name]
    except KeyError:
        raise QueryError(
            f"no canned query named {name!r}; the queries are: {', '.join(catalog)} "
            "(see `geokg query --list`)"
        ) from None
