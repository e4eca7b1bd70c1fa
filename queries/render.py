"""Query results as text: a fixed-width table that lines up Japanese (wide) characters, CSV, JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

CELL_WIDTH = 60  # table cells wider than this (in terminal columns) wrap onto more lines


def char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for wide and full-width ones, 0 for combining marks.

    >>> char_width("日"), char_width("a"), char_width("\\u0301")
    (2, 1, 0)
    """
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Terminal columns of a string.

    >>> text_width("日本 JPN")
    8
    """
    return sum(char_width(ch) for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Cut ``text`` into lines of at most ``width`` columns (Japanese has no spaces to break at,
    so lines break at any character).

    >>> wrap("日本とインド", 5)
    ['日本', 'とイ', 'ンド']
    """
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line, used = "", 0
        for ch in para:
            w = char_width(ch)
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0
            line += ch
            used += w
        lines.append(line)
    return lines


def cell(value: Any, sep: str = ", ") -> str:
    """One value as text: lists joined, None empty, booleans in lower case."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return sep.join(cell(x, sep) for x in value if x is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - text_width(text))


def table(columns: Sequence[str], rows: Sequence[dict[str, Any]], max_width: int = CELL_WIDTH) -> str:
    """A fixed-width table; cells wider than ``max_width`` columns wrap, and rows that take
    several lines are set apart by a blank line.

    >>> print(table(["国", "n"], [{"国": "日本", "n": 8}]))
    国    n
    ----  -
    日本  8
    (1 row)
    """
    if not columns:
        return "(no columns)"
    cells = [[wrap(cell(row.get(c)), max_width) for c in columns] for row in rows]
    widths = [
        max([text_width(c)] + [text_width(line) for r in cells for line in r[i]])
        for i, c in enumerate(columns)
    ]
    multi = any(len(lines) > 1 for r in cells for lines in r)
    out = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip(),
           "  ".join("-" * w for w in widths)]
    for n, r in enumerate(cells):
        if multi and n:
            out.append("")
        height = max(len(lines) for lines in r)
        for i in range(height):
            parts = [lines[i] if i < len(lines) else "" for lines in r]
            out.append("  ".join(_pad(p, w) for p, w in zip(parts, widths, strict=True)).rstrip())
    out.append("(no rows)" if not rows else f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def to_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """CSV with a header row; list values are joined with '; '."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c), "; ") for c in columns])
    return buf.getvalue()


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    """A JSON array of objects (keys in RETURN order), Japanese kept as is."""
    return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)
