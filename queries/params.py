"""Parameter values for the canned queries: from the command line's strings or Python values.

Types: ``string``; ``int`` (a whole number, 0 or more); ``date`` (ISO ``YYYY-MM-DD``, or
``YYYY-MM`` / ``YYYY`` for a whole month or year); ``list`` (comma-separated); ``bool``
(true/false, yes/no, 1/0). ``null`` or an empty value leaves an optional parameter unset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from geokg.errors import QueryError
from queries.catalog import Param, QueryInfo

_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _allowed(info: QueryInfo) -> str:
    return ", ".join(f"{p.name} ({p.type})" for p in info.params) or "none"


def convert(info: QueryInfo, param: Param, value: Any) -> Any:
    """One value as the query wants it; strings are parsed, Python values checked.

    >>> from queries.catalog import load_query
    >>> info = load_query("country_network")
    >>> convert(info, info.param("types"), "MET_WITH, SIGNED")
    ['MET_WITH', 'SIGNED']
    """
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "none")):
        if param.required:
            raise QueryError(f"query {info.name}: parameter {param.name} is required ({param.description})")
        return None
    try:
        return _CONVERTERS[param.type](value)
    except (ValueError, TypeError) as exc:
        raise QueryError(
            f"query {info.name}: parameter {param.name} must be {_EXPECTED[param.type]}, got {value!r} ({exc})"
        ) from None


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value.strip()


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError("a bool is not a number")
    if isinstance(value, str):
        value = int(value.strip())
    if not isinstance(value, int):
        raise TypeError("not a whole number")
    if value < 0:
        raise ValueError("negative")
    return value


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError("not a date")
    text = value.strip()
    if not _DATE.match(text):
        raise ValueError("not YYYY-MM-DD, YYYY-MM or YYYY")
    padded = text + "-01-01"[len(text) - 4:] if len(text) < 10 else text
    date.fromisoformat(padded)  # a real calendar date (no 2026-02-30, no month 13)
    return text


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise TypeError("not a list")
    items = [str(x).strip() for x in value]
    return [x for x in items if x]


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError("not true or false")


_CONVERTERS = {"string": _string, "int": _int, "date": _date, "list": _list, "bool": _bool}
_EXPECTED = {
    "string": "text",
    "int": "a whole number, 0 or more",
    "date": "a date YYYY-MM-DD (or YYYY-MM, YYYY)",
    "list": "a comma-separated list",
    "bool": "true or false",
}


def complete(info: QueryInfo, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter of the query: the given values converted, the others at their defaults.

    Unknown names and missing required parameters raise QueryError.

    >>> from queries.catalog import load_query
    >>> complete(load_query("top_actors"), {"limit": "3"})
    {'since': None, 'until': None, 'limit': 3}
    """
    unknown = sorted(set(values) - {p.name for p in info.params})
    if unknown:
        raise QueryError(
            f"query {info.name} has no parameter {', '.join(unknown)}; its parameters are: {_allowed(info)}"
        )
    out: dict[str, Any] = {}
    for p in info.params:
        if p.name in values:
            out[p.name] = convert(info, p, values[p.name])
        elif p.required:
            raise QueryError(
                f"query {info.name}: parameter {p.name} is required ({p.description}); "
                f"e.g. {info.example}"
            )
        else:
            out[p.name] = p.default
    return out


def coerce_params(info: QueryInfo, raw: Mapping[str, str]) -> dict[str, Any]:
    """Parameters from strings (``--param key=value``), completed with the defaults.

    >>> from queries.catalog import load_query
    >>> coerce_params(load_query("meetings"), {"since": "2026-01-13", "until": "2026-01-13"})["since"]
    '2026-01-13'
    """
    return complete(info, raw)


def parse_assignments(items: list[str] | tuple[str, ...], info: QueryInfo) -> dict[str, str]:
    """``["key=value", ...]`` from the command line as a dict; a list parameter given twice
    collects both values, any other parameter given twice is an error."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"--param expects KEY=VALUE, got {item!r}; the parameters are: {_allowed(info)}")
        if key in out:
            param = info.param(key)
            if param is None or param.type != "list":
                raise QueryError(f"parameter {key} is given twice")
            out[key] = f"{out[key]},{value}"
        else:
            out[key] = value
    return out
