"""Whether a dict is an extraction record the writer can store (the contract of ``Extraction.to_json``).

``check_record`` accepts any JSON value, so that a record read back from a file someone
edited (``["a"]``, ``"entities": null``, a name that is an object) is skipped with a reason
instead of stopping a load: Neo4j refuses a whole transaction for one property it cannot
store, and the writer sends many articles per transaction.
"""

from __future__ import annotations

from typing import Any

from geokg import vocab

_OPT_STR = (str, type(None))
_OPT_INT = (int, type(None))
_OPT_BOOL = (bool, type(None))

ARTICLE_FIELDS: dict[str, tuple[type, ...]] = {
    "title": _OPT_STR, "published": _OPT_STR, "reference_date": _OPT_STR, "date_inferred": _OPT_BOOL,
    "source": _OPT_STR, "url": _OPT_STR,
}
ENTITY_FIELDS: dict[str, tuple[type, ...]] = {
    "name": _OPT_STR, "iso3": _OPT_STR, "role": _OPT_STR, "affiliation": _OPT_STR, "kind": _OPT_STR,
    "country": _OPT_STR, "name_en": _OPT_STR, "count": _OPT_INT,
}
EVENT_FIELDS: dict[str, tuple[type, ...]] = {
    "date": _OPT_STR, "date_precision": _OPT_STR, "date_inferred": _OPT_BOOL, "mode": _OPT_STR,
    "plover": _OPT_STR, "trigger": _OPT_STR, "evidence": _OPT_STR, "start": _OPT_INT, "end": _OPT_INT,
}


def check_record(rec: Any) -> str | None:
    """Why ``rec`` cannot be stored, or None when it can.

    >>> ok = {"article_id": "a1", "text": "日印が会談。", "entities": [
    ...     {"id": "JPN", "label": "Country", "name": "日本"}, {"id": "IND", "label": "Country", "name": "インド"}],
    ...     "events": [{"type": "MET_WITH", "source": "JPN", "target": "IND"}]}
    >>> check_record(ok) is None
    True
    >>> for bad in (["a"], {**ok, "entities": None}, {**ok, "entities": [{"id": "X", "label": "Country",
    ...             "name": {"a": 1}}]}, {**ok, "events": [{"type": "MET_WITH", "source": "JPN", "target": "USA"}]}):
    ...     print(check_record(bad))
    expected a JSON object (one extracted article), got an array
    record a1: "entities" is null, expected a list
    record a1: entity 1: "name" is an object, expected a string or null
    record a1: event 1 (MET_WITH) refers to an entity the record does not have
    """
    if not isinstance(rec, dict):
        return f"expected a JSON object (one extracted article), got {kind(rec)}"
    aid = rec.get("article_id")
    if not isinstance(aid, str) or not aid.strip():
        return "a record without an article_id"
    where = f"record {aid}"
    if not isinstance(rec.get("text"), str) or not rec["text"].strip():
        return f"{where}: no text"
    if (bad := _fields(rec, ARTICLE_FIELDS)) is not None:
        return f"{where}: {bad}"
    entities, events = rec.get("entities", []), rec.get("events", [])
    for key, value in (("entities", entities), ("events", events)):
        if not isinstance(value, list):
            return f'{where}: "{key}" is {kind(value)}, expected a list'
    ids: set[str] = set()
    for n, e in enumerate(entities, 1):
        if (bad := _entity(e)) is not None:
            return f"{where}: entity {n}: {bad}"
        ids.add(e["id"])
    for n, ev in enumerate(events, 1):
        if not isinstance(ev, dict):
            return f"{where}: event {n} is {kind(ev)}, expected an object"
        if ev.get("type") not in vocab.EVENT_TYPES:
            return f"{where}: event {n} has an unknown type {ev.get('type')!r}"
        if ev.get("source") not in ids or ev.get("target") not in ids:
            return f"{where}: event {n} ({ev['type']}) refers to an entity the record does not have"
        if (bad := _fields(ev, EVENT_FIELDS)) is not None:
            return f"{where}: event {n}: {bad}"
    return None


def _entity(e: Any) -> str | None:
    if not isinstance(e, dict):
        return f"{kind(e)}, expected an object"
    if not isinstance(e.get("id"), str) or not e["id"]:
        return "no id"
    if e.get("label") not in vocab.ENTITY_LABELS:
        return f"unknown label {e.get('label')!r}"
    if (bad := _fields(e, ENTITY_FIELDS)) is not None:
        return bad
    for key in ("aliases", "surfaces"):
        value = e.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(x, str) for x in value)):
            return f'"{key}" is not a list of strings'
    return None


def _fields(obj: dict[str, Any], types: dict[str, tuple[type, ...]]) -> str | None:
    for key, allowed in types.items():
        value = obj.get(key)
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            return f'"{key}" is {kind(value)}, expected {_expected(allowed)}'
    return None


def _expected(allowed: tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", bool: "true or false", type(None): "null"}
    return " or ".join(names[t] for t in allowed)


def kind(value: Any) -> str:
    """The JSON kind of a parsed value, for messages.

    >>> kind([]), kind(None), kind(1.5), kind(True)
    ('an array', 'null', 'a number', 'a boolean')
    """
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
