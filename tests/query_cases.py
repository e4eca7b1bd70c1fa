"""Parameters that exercise every canned query (defaults, windows that cut months, filters), and
the part of each answer two graphs must agree on. Shared by test_summaries and test_bulk."""

from __future__ import annotations

from typing import Any

from queries import list_queries


def comparable(name: str, rows: list[dict[str, Any]]) -> list[Any]:
    if name == "connection":  # the paths' nodes; steps are shown per pair now, not per event
        return sorted({(r["hops"], tuple(r["nodes"])) for r in rows})
    if name == "dependence_partners":  # the latest article is the summaries' own; names may repeat
        keep = ("actor", "actor_country", "partner", "partner_country", "relations", "events", "first_date",
                "last_date")
        return sorted(([r[k] for k in keep] for r in rows), key=repr)
    return rows


WINDOWS = [{}, {"since": "2025-01-01", "until": "2025-12-31"}, {"since": "2025-03-15", "until": "2026-02-10"},
           {"since": "2025-06"}, {"until": "2024"}]


def cases() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for info in list_queries():
        names = {p.name for p in info.params}
        required = {p.name: info.example_params[p.name] for p in info.params if p.required}
        windows = WINDOWS if {"since", "until"} <= names else [{}]
        out += [(info.name, {**required, **w}) for w in windows]
    out += [("timeline", {"actor": "JPN", "limit": 40}), ("timeline", {"actor": "米国", "affiliates": False}),
            ("meetings", {"actor": "JPN"}), ("meetings", {"limit": 5}), ("agreements", {"party": "USA"}),
            ("top_actors", {"limit": 3}), ("country_network", {"types": ["MET_WITH", "SIGNED"]}),
            ("evidence", {"a": "JPN", "b": "USA", "affiliates": True}), ("connection", {"a": "JPN", "b": "G7"}),
            ("new_ties", {"limit": 7}), ("dependence_partners", {"target": "RUS", "limit": 1000})]
    return out
