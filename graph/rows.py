"""From the extraction contract (one dict per article) to the rows the writer sends to Neo4j.

Pure functions, no database: what is keyed how lives here.

* Countries are keyed by ISO3, organizations by their gazetteer id, people by name (the
  cross-article merge of 片山 into 片山さつき is ``graph.resolve``'s job).
* An agreement's name alone does not identify it across articles (和平協定 is a different
  treaty in every war), so its graph id adds the parties that sign, agree or propose it in
  the article (``agreement:和平協定|COD,RWA``), or the article id when no party is named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from geokg import vocab

AGREEMENT_PARTY_TYPES = {vocab.SIGNED, vocab.PROPOSED}


@dataclass
class Rows:
    """Everything one batch writes, grouped by query."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    roles: list[dict[str, Any]] = field(default_factory=list)
    based_in: list[dict[str, Any]] = field(default_factory=list)

    _entity_index: dict[str, dict[str, Any]] = field(default_factory=dict)

    def event_count(self) -> int:
        return sum(len(v) for v in self.events.values())

    def current(self, only: set[str]) -> list[dict[str, Any]]:
        """Per article of the batch in ``only``: the uids of its events and the ids of its entities."""
        uids: dict[str, list[str]] = {a["id"]: [] for a in self.articles}
        ents: dict[str, list[str]] = {a["id"]: [] for a in self.articles}
        for evs in self.events.values():
            for e in evs:
                uids[e["article_id"]].append(e["uid"])
        for m in self.mentions:
            ents[m["article"]].append(m["entity"])
        return [{"id": a, "uids": uids[a], "entities": ents[a]} for a in uids if a in only]

    def add_entity(self, label: str, row: dict[str, Any]) -> None:
        """One row per entity per batch: later articles add aliases and fill gaps."""
        old = self._entity_index.get(row["id"])
        if old is None:
            self._entity_index[row["id"]] = row
            self.entities[label].append(row)
            return
        old["aliases"] = sorted(set(old["aliases"]) | set(row["aliases"]))
        for k, v in row["props"].items():
            if v is not None:
                old["props"][k] = v


def agreement_ids(record: dict[str, Any]) -> dict[str, str]:
    """Graph ids of the record's agreements (see the module docstring).

    >>> rec = {"article_id": "a1", "entities": [{"id": "agreement:和平協定", "label": "Agreement"}],
    ...        "events": [{"type": "SIGNED", "source": "RWA", "target": "agreement:和平協定"},
    ...                   {"type": "SIGNED", "source": "COD", "target": "agreement:和平協定"}]}
    >>> agreement_ids(rec)
    {'agreement:和平協定': 'agreement:和平協定|COD,RWA'}
    """
    parties: dict[str, set[str]] = defaultdict(set)
    for ev in record.get("events", []):
        if ev.get("type") in AGREEMENT_PARTY_TYPES:
            parties[ev["target"]].add(ev["source"])
    out = {}
    for e in record.get("entities", []):
        if e.get("label") != vocab.AGREEMENT:
            continue
        who = sorted(parties.get(e["id"], ()))
        out[e["id"]] = f"{e['id']}|{','.join(who) if who else record['article_id']}"
    return out


def record_rows(record: dict[str, Any], rows: Rows, loaded_at: str, ids: dict[str, str] | None = None) -> None:
    """Add one article's rows. ``ids`` maps extraction ids to graph ids (people merged
    across articles); agreement ids are made here."""
    ids = dict(ids or {})
    ids.update(agreement_ids(record))
    aid = record["article_id"]
    when = record.get("published") or record.get("reference_date")
    rows.articles.append({
        "id": aid,
        "props": {
            "title": record.get("title") or "",
            "published": record.get("published"),
            "reference_date": record.get("reference_date"),
            "date_inferred": bool(record.get("date_inferred")),
            "source": record.get("source") or "",
            "url": record.get("url"),
            "text": record["text"],
        },
    })
    acts: dict[str, list[str]] = defaultdict(list)  # agreement -> dates it was signed or proposed in the article
    for ev in record.get("events", []):
        if ev.get("type") in AGREEMENT_PARTY_TYPES and ev.get("date"):
            acts[ev["target"]].append(ev["date"])
    for e in record.get("entities", []):
        gid = ids.get(e["id"], e["id"])
        label = e["label"]
        if label not in vocab.ENTITY_LABELS:
            continue
        props: dict[str, Any] = {"name": e.get("name")}
        if label == vocab.COUNTRY:
            props.update(iso3=e.get("iso3") or gid, name_ja=e.get("name"), name_en=e.get("name_en"))
        elif label == vocab.PERSON:
            props.update(role=e.get("role"))
            if gid != e["id"]:  # 山本 of this article joined 山本健太 (graph.resolve): the node keeps the long
                props["name"] = gid.removeprefix("person:")  # name, the short one becomes an alias
            if e.get("affiliation"):
                aff = ids.get(e["affiliation"], e["affiliation"])
                rows.roles.append({"person": gid, "target": aff, "title": e.get("role") or "",
                                   "as_of": when})
        elif label == vocab.ORGANIZATION:
            props.update(kind=e.get("kind") or "other", country=e.get("country"))
            if e.get("country"):
                rows.based_in.append({"org": gid, "country": e["country"]})
        elif label == vocab.AGREEMENT:
            props.update(kind=_agreement_kind(e.get("name") or ""))
        aliases = sorted({a for a in [e.get("name"), *(e.get("aliases") or []), *(e.get("surfaces") or [])]
                          if a and a != props["name"]})
        # a property this article does not know (a person named without a title) leaves the stored one
        # alone, in one batch (``Rows.add_entity``) as across batches: SET n += {role: null} removes it
        props = {k: v for k, v in props.items() if v is not None}
        rows.add_entity(label, {"id": gid, "props": props, "aliases": aliases})
        rows.mentions.append({"article": aid, "entity": gid, "surfaces": list(e.get("surfaces") or [e.get("name")]),
                              "count": int(e.get("count") or 1),
                              # the first date the article's parties signed or proposed an agreement
                              "act_date": min(acts[e["id"]]) if label == vocab.AGREEMENT and acts.get(e["id"])
                              else None})
    for ev in record.get("events", []):
        t = ev.get("type")
        if t not in vocab.EVENT_TYPES:
            continue
        src, tgt = ids.get(ev["source"], ev["source"]), ids.get(ev["target"], ev["target"])
        rows.events[t].append({
            "source": src,
            "target": tgt,
            "article_id": aid,
            "uid": f"{t}|{aid}|{src}|{tgt}",
            "props": {
                "date": ev.get("date"),
                "date_precision": ev.get("date_precision"),
                "date_inferred": bool(ev.get("date_inferred")),
                "mode": ev.get("mode") or "actual",
                "plover": ev.get("plover") or vocab.PLOVER[t],
                "evidence": ev.get("evidence") or "",
                "trigger": ev.get("trigger"),
                "start": ev.get("start"),
                "end": ev.get("end"),
            },
        })


_KINDS = (("覚書", "memorandum"), ("条約", "treaty"), ("議定書", "protocol"), ("枠組み", "framework"),
          ("声明", "statement"), ("宣言", "declaration"), ("文書", "document"), ("協定", "agreement"))


def _agreement_kind(name: str) -> str:
    return next((k for head, k in _KINDS if head in name), "agreement")
