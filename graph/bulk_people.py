"""People merged across articles for the bulk export: ``graph.resolve.person_ids`` answered from
the export's in-memory entities instead of Neo4j (the same candidates, the same renames, in the
same order), so that an imported graph names its people as an incremental load does."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from geokg import vocab
from graph.resolve import PERSON_PREFIX, batch_people, joins, resolved_ids, shorter_forms

if TYPE_CHECKING:
    from graph.bulk import Entity


class People:
    """The people among ``entities`` (by current id), and who holds roles where."""

    def __init__(self, entities: dict[str, Entity], affiliations: Callable[[Entity], set[str]]) -> None:
        self.entities = entities
        self.affiliations = affiliations

    def _stored(self) -> tuple[dict[str, Entity], list[str], dict[str, list[str]]]:
        by_name: dict[str, Entity] = {}
        for e in self.entities.values():
            if vocab.PERSON in e.labels and e.props.get("name"):
                by_name.setdefault(e.props["name"], e)
        tails: dict[str, list[str]] = defaultdict(list)  # the part after a '・' -> names ending so
        for name in by_name:
            for i, ch in enumerate(name):
                if ch == "・":
                    tails[name[i + 1:]].append(name)
        return by_name, sorted(by_name), tails

    def person_ids(self, records: list[dict[str, Any]]) -> tuple[dict[str, dict[str, str]], int]:
        """Per article, the graph id of each of its people (where it differs), and how many
        stored people took a longer name (see ``graph.resolve.person_ids``)."""
        people, names, longer = batch_people(records)
        if not people:
            return {}, 0

        by_name, ordered, tails = self._stored()
        for n in names:
            found = []
            i = bisect_left(ordered, n)
            while i < len(ordered) and ordered[i].startswith(n):
                if ordered[i] != n:
                    found.append(ordered[i])
                i += 1
            for lname in dict.fromkeys(found + tails.get(n, [])):
                longer[n].setdefault(lname, self.affiliations(by_name[lname]))

        renamed = 0
        for n in names:
            for short in shorter_forms(n):
                node = by_name.get(short)
                if node is None or short in names or len([m for m in names if joins(short, m)]) != 1:
                    continue
                old, new = node.props["id"], PERSON_PREFIX + n
                if self.entities.get(old) is not node or new in self.entities:
                    continue
                del self.entities[old]
                node.props.update(id=new, name=n)
                if short not in node.aliases:
                    node.aliases.append(short)
                self.entities[new] = node
                renamed += 1

        return resolved_ids(people, longer), renamed
