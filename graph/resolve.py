"""Cross-article resolution of people: 片山 in one article and 片山さつき in another are one
Person, as トランプ and ドナルド・トランプ are.

A short name joins a longer one that starts with it (a Japanese surname) or ends with it
after a dot (a foreign family name), when exactly one such person exists, in the batch or
already in the graph, and their affiliations do not contradict each other. When the longer
name arrives after the short one was stored, the stored node takes the longer name and id.
Countries and organizations need no such step: their ids come from the gazetteers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import neo4j

from geokg import vocab
from graph.summaries import RENAME_KEYS

PERSON_PREFIX = "person:"

# Longer stored forms of each name: a prefix search on the name index, and a suffix search
# on the text index (each an index seek, not a scan of every person per name).
_CANDIDATES = """
UNWIND $names AS n
CALL (n) {
  MATCH (p:Person) WHERE p.name STARTS WITH n AND p.name <> n RETURN p
  UNION
  MATCH (p:Person) WHERE p.name ENDS WITH '・' + n RETURN p
}
OPTIONAL MATCH (p)-[:HOLDS_ROLE]->(x)
RETURN n AS name, p.id AS id, p.name AS long_name, collect(DISTINCT x.id) AS affiliations
"""

# Stored shorter forms of each name: the forms are computed here (``shorter_forms``) and
# looked up by the name index.
_SHORTER = """
UNWIND $forms AS f
MATCH (p:Person {name: f.short})
RETURN f.name AS name, p.id AS id, p.name AS short_name
"""

_RENAME = """
MATCH (p:Person {id: $old})
WHERE NOT EXISTS { MATCH (:Entity {id: $new}) }
SET p.id = $new, p.name = $name,
    p.aliases = CASE WHEN $old_name IN coalesce(p.aliases, []) THEN p.aliases
                     ELSE coalesce(p.aliases, []) + $old_name END
SET p.alias_key = '|' + reduce(acc = '', x IN p.aliases | acc + x + '|')
""" + RENAME_KEYS


def joins(short: str, long: str) -> bool:
    """Whether the name ``short`` can stand for ``long``.

    >>> joins("片山", "片山さつき"), joins("トランプ", "ドナルド・トランプ"), joins("山", "山田")
    (True, True, False)
    """
    return len(short) >= 2 and short != long and (long.startswith(short) or long.endswith("・" + short))


def shorter_forms(name: str) -> list[str]:
    """The shorter names that ``joins`` lets stand for ``name``.

    >>> shorter_forms("ドナルド・トランプ")[-1], shorter_forms("片山さつき")
    ('トランプ', ['片山', '片山さ', '片山さつ'])
    """
    prefixes = [name[:k] for k in range(2, len(name))]
    tails = [name[i + 1:] for i, ch in enumerate(name) if ch == "・" and len(name) - i - 1 >= 2]
    return [f for f in dict.fromkeys(prefixes + tails) if joins(f, name)]


def compatible(a: str | None, b: set[str]) -> bool:
    return a is None or not b or a in b


Person = tuple[str, str, str, "str | None"]  # article, extraction id, name, affiliation


def batch_people(records: list[dict[str, Any]]) -> tuple[list[Person], list[str], dict[str, dict[str, set[str]]]]:
    """The people of a batch of records, their names sorted, and for each name the longer
    names of the batch it may be short for, with those names' affiliations."""
    people: list[Person] = []
    for rec in records:
        for e in rec.get("entities", []):
            if e.get("label") == vocab.PERSON and e.get("name"):
                people.append((rec["article_id"], e["id"], e["name"], e.get("affiliation")))
    names = sorted({p[2] for p in people})
    affs: dict[str, set[str]] = defaultdict(set)
    for _, _, name, aff in people:
        if aff:
            affs[name].add(aff)
    longer: dict[str, dict[str, set[str]]] = defaultdict(dict)  # short -> {long name: affiliations}
    present = set(names)
    for lname in names:  # each name's shorter forms looked up: linear in the batch, not quadratic
        for short in shorter_forms(lname):
            if short in present:
                longer[short][lname] = affs.get(lname, set())
    return people, names, longer


def resolved_ids(people: list[Person], longer: dict[str, dict[str, set[str]]]) -> dict[str, dict[str, str]]:
    """Per article, the graph id of each person whose name is short for exactly one longer
    name with a compatible affiliation."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for article, eid, name, aff in people:
        cands = [lname for lname, la in longer.get(name, {}).items() if compatible(aff, la)]
        if len(cands) == 1:
            out[article][eid] = PERSON_PREFIX + cands[0]
    return dict(out)


def person_ids(
    session: neo4j.ManagedTransaction | neo4j.Session, records: list[dict[str, Any]]
) -> tuple[dict[str, dict[str, str]], int]:
    """Per article, the graph id of each of its people (only where it differs), and how
    many stored people were renamed to a longer name.

    Run it in a managed write transaction (``session.execute_write(person_ids, records)``)
    so that the driver retries it; it reads and renames, and running it again is harmless."""
    people, names, longer = batch_people(records)
    if not people:
        return {}, 0
    # longer forms: in this batch (batch_people), or stored
    for r in session.run(_CANDIDATES, names=names):
        longer[r["name"]].setdefault(r["long_name"], set(r["affiliations"]))

    # a stored short form of a name in this batch takes the longer name
    renamed = 0
    forms = [{"name": n, "short": f} for n in names for f in shorter_forms(n)]
    for r in list(session.run(_SHORTER, forms=forms)):
        lname, short = r["name"], r["short_name"]
        if short in names or len([n for n in names if joins(short, n)]) != 1:
            continue
        summary = session.run(_RENAME, old=r["id"], new=PERSON_PREFIX + lname, name=lname, old_name=short).consume()
        renamed += summary.counters.properties_set > 0

    return resolved_ids(people, longer), renamed
