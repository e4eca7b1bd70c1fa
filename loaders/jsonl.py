"""JSON Lines: one article object per line.

Known keys: ``id``, ``title``, ``published``, ``source``, ``url``, ``text``; every other key
is kept in ``metadata``. The given ``id`` is the article id (else ``text_id(text)``).
``published`` becomes an ISO date (2026-01-28, 2026-01-28T09:00:00+09:00, 2026/01/28 and
2026年1月28日 are all read) and is the article's ``reference_date``; a value that cannot be
read is kept as ``metadata["published_raw"]``. A line that is not valid JSON, not an
object, or has no usable text is a ``Problem`` (``file:line``) and the next line is read.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from loaders.models import Article, text_id
from loaders.normalize import normalize
from loaders.sources import Problem, decode

KNOWN_KEYS = ("id", "title", "published", "source", "url", "text")

_YMD = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:$|[\sT(（])")


def parse_published(value: object) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a date or timestamp as JSON carries it, or None.

    A timestamp keeps the date of its own time zone (the local date the article
    was published), without conversion to UTC.

    >>> [parse_published(v) for v in ("2026-01-28", "2026-01-28T09:00:00+09:00", "2026/1/28",
    ...      "2026年1月28日 9時", "２０２６年１月２８日", "2026-02-30", "昨日", None)]
    ['2026-01-28', '2026-01-28', '2026-01-28', '2026-01-28', '2026-01-28', None, None, None]
    """
    if not isinstance(value, str) or not value.strip():
        return None
    s = normalize(value.strip())
    try:
        return datetime.fromisoformat(s.replace("z", "Z")).date().isoformat()
    except ValueError:
        pass
    m = _YMD.match(s)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def read_jsonl(text: str, path: Path) -> Iterator[Article | Problem]:
    """The articles of a JSON Lines file (``text`` is its content, ``path`` its name).

    >>> src = '{"id": "a1", "published": "2026/01/28", "text": "本文。", "lang": "ja"}\\n{"text": 5}\\n'
    >>> for x in read_jsonl(src, Path("in.jsonl")): print(x)  # doctest: +ELLIPSIS
    Article(id='a1', text='本文。', title='', published='2026-01-28', source='in', ...)
    in.jsonl:2: "text" is a number, expected a string
    """
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        yield _article(record, where, path)


def read_jsonl_file(path: Path) -> Iterator[Article | Problem]:
    """The articles of a UTF-8 JSON Lines file, read a line at a time (the same articles and
    problems as ``read_jsonl`` on its text; a line that is not UTF-8 is a problem of its own).
    """
    seen = False
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            seen = True
            where = f"{path}:{lineno}"
            line = decode(raw)
            if not isinstance(line, str):
                yield Problem(where, line.message)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Problem(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
                continue
            yield _article(record, where, path)
    if not seen:
        yield Problem(str(path), "empty file")


def _article(record: Any, where: str, path: Path) -> Article | Problem:
    if not isinstance(record, dict):
        return Problem(where, f"expected a JSON object, got {_kind(record)}")
    body = record.get("text")
    if body is None:
        return Problem(where, 'no "text"')
    if not isinstance(body, str):
        return Problem(where, f'"text" is {_kind(body)}, expected a string')
    if not body.strip():
        return Problem(where, '"text" is empty')
    given_id = record.get("id")
    if isinstance(given_id, bool) or not isinstance(given_id, str | int | type(None)):
        return Problem(where, f'"id" is {_kind(given_id)}, expected a string')
    metadata = {k: v for k, v in record.items() if k not in KNOWN_KEYS}
    published = parse_published(record.get("published"))
    if published is None and record.get("published") not in (None, ""):
        metadata["published_raw"] = record["published"]
    return Article(
        id=str(given_id) if given_id not in (None, "") else text_id(body),
        text=body,
        title=_string(record.get("title")),
        published=published,
        source=_string(record.get("source")) or path.stem,
        url=_string(record.get("url")) or None,
        reference_date=published,
        origin=where,
        metadata=metadata,
    )


def _string(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
