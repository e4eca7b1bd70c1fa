"""JSON Lines: one article object per line.

Known keys: ``id``, ``title``, ``published``, ``source``, ``url``, ``text``; every other key
is kept in ``metadata``. The given ``id`` is the article id (else ``text_id(text)``).
``published`` becomes an ISO date (2026-01-28, 2026-01-28T09:00:00+09:00, 2026/01/28 and
2026年1月28日 are all read) and is the article's ``reference_date``; a value that cannot be
read is kept as ``metadata["published_raw"]``. A line that is not valid JSON (including
numbers too long to convert, nesting too deep to parse, NaN), not an object, has no usable
text, or has a lone surrogate (``"\\ud800"``, which no UTF-8 file or database can hold) is a
``Problem`` (``file:line``) and the next line is read.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from loaders.encodings import decode
from loaders.models import Article, text_id
from loaders.normalize import normalize
from loaders.problems import Problem

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


def parse_line(line: str) -> Any:
    """One line of JSON, or ``ValueError`` with a short reason for any line that is not.

    ``json.loads`` raises more than ``JSONDecodeError``: ``ValueError`` for an integer of more
    than 4,300 digits and ``RecursionError`` for arrays nested a few thousand deep.

    >>> parse_line('{"a": [1, 2]}')
    {'a': [1, 2]}
    >>> for bad in ('{"a": 1', "1" * 5000, "[" * 100_000, '{"a": NaN}'):  # doctest: +ELLIPSIS
    ...     try:
    ...         parse_line(bad)
    ...     except ValueError as exc:
    ...         print(exc)
    invalid JSON (Expecting ',' delimiter, column 8)
    invalid JSON (a number too long to convert: Exceeds the limit (4300 digits) for integer string conversion...)
    invalid JSON (nested too deep to parse)
    invalid JSON (NaN is not a JSON value)
    """
    try:
        return json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise ValueError("invalid JSON (nested too deep to parse)") from None
    except ValueError as exc:
        if "not a JSON value" in str(exc):
            raise
        raise ValueError(f"invalid JSON (a number too long to convert: {exc})") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON ({name} is not a JSON value)")


def lone_surrogate(value: Any, _depth: int = 0) -> str | None:
    """Where the first lone surrogate in a parsed JSON value is (``"text", character 3``), or None.

    >>> lone_surrogate({"id": "a", "text": "日本\\ud800"}), lone_surrogate({"text": "😀"})
    ('"text", character 2', None)
    """
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        return f"character {m.start()}" if m else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and _SURROGATE.search(key):
            return f"a key ({key.encode('utf-8', 'backslashreplace').decode('ascii', 'replace')})"
        if (found := lone_surrogate(item, _depth + 1)) is not None:
            return f'"{key}", {found}' if isinstance(key, str) else f"item {key}, {found}"
    return None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def read_jsonl(text: str, path: Path) -> Iterator[Article | Problem]:
    """The articles of a JSON Lines file (``text`` is its content, ``path`` its name).

    >>> src = '{"id": "a1", "published": "2026/01/28", "text": "本文。", "lang": "ja"}\\n{"text": 5}\\n'
    >>> for x in read_jsonl(src, Path("in.jsonl")): print(x)  # doctest: +ELLIPSIS
    Article(id='a1', text='本文。', title='', published='2026-01-28', source='in', ...)
    in.jsonl:2: "text" is a number, expected a string
    """
    # Lines end at "\n" only: str.splitlines() also breaks at U+2028, U+0085 and \x1c-\x1e,
    # which JSON allows unescaped inside a string.
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        yield _line_article(line, f"{path}:{lineno}", path)


def _line_article(line: str, where: str, path: Path) -> Article | Problem:
    """The article of one line of JSON Lines, or the problem that names it."""
    try:
        record = parse_line(line)
    except ValueError as exc:
        return Problem(where, str(exc))
    if (bad := lone_surrogate(record)) is not None:
        return Problem(where, f"a lone surrogate (half of a UTF-16 pair, not a character) at {bad}")
    return _article(record, where, path)


def read_jsonl_file(path: Path) -> Iterator[Article | Problem]:
    """The articles of a JSON Lines file, read a line at a time: the same articles and problems
    as ``read_jsonl`` on its text, but memory does not grow with the file. A UTF-8 file (the
    first line says) has each line decoded on its own, a line that is not UTF-8 a problem of
    its own; a file in another encoding (Shift_JIS, EUC-JP) is decoded whole."""
    seen = False
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            if raw.endswith(b"\n"):
                raw = raw[:-1]  # lines end at "\n" only, as read_jsonl splits them
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if not seen:  # not a UTF-8 file: decoded whole, as other readers do
                    yield from _whole(path)
                    return
                yield Problem(where, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} of the line "
                                     "cannot be decoded")
                continue
            seen = True
            yield _line_article(line, where, path)
    if not seen:
        yield Problem(str(path), "empty file")


def _whole(path: Path) -> Iterator[Article | Problem]:
    text = decode(path.read_bytes())
    if not isinstance(text, str):
        yield Problem(str(path), text.message)
        return
    yield from read_jsonl(text, path)


def record_article(record: Any, where: str, source: str = "") -> Article | Problem:
    """The article of one JSON Lines record already parsed, or the problem that names it
    (``where``); ``source`` is the default of its ``source`` key (a file gives its name's stem).

    >>> record_article({"id": 7, "text": "本文。"}, "record 7", "news").source
    'news'
    >>> str(record_article({"id": 7}, "record 7"))
    'record 7: no "text"'
    """
    return _article(record, where, Path(source))


def _article(record: Any, where: str, path: Path) -> Article | Problem:
    if not isinstance(record, dict):
        return Problem(where, f"expected a JSON object, got {_kind(record)}")
    body = record.get("text")
    if "text" not in record:
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
