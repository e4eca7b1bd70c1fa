"""The one vocabulary: every node label, relationship type and key property the project uses.

Cypher cannot take labels or relationship types as parameters, so the graph writer and the
queries interpolate them; they may only come from here, and ``safe_identifier`` checks them.
"""

from __future__ import annotations

import re
from typing import Final

# --- node labels -------------------------------------------------------------------------
ARTICLE: Final = "Article"
COUNTRY: Final = "Country"
PERSON: Final = "Person"
ORGANIZATION: Final = "Organization"
AGREEMENT: Final = "Agreement"
ENTITY_LABELS: Final = (COUNTRY, PERSON, ORGANIZATION, AGREEMENT)
ENTITY: Final = "Entity"  # every actor and agreement also carries this label, keyed by ``id``
MIGRATION: Final = "Migration"  # one node per schema migration applied
NODE_LABELS: Final = (ARTICLE, *ENTITY_LABELS, ENTITY, MIGRATION)

# natural key of each label
KEY: Final = {ARTICLE: "id", COUNTRY: "iso3", PERSON: "id", ORGANIZATION: "id", AGREEMENT: "id"}

ORG_KINDS: Final = ("government", "agency", "company", "igo", "armed_group", "media", "other")

# --- event relationship types (GUIDELINES section 3) ----------------------------------------
MET_WITH: Final = "MET_WITH"
SIGNED: Final = "SIGNED"
AGREED: Final = "AGREED"
PROPOSED: Final = "PROPOSED"
REQUESTED: Final = "REQUESTED"
SUPPORTED: Final = "SUPPORTED"
INVESTED_IN: Final = "INVESTED_IN"
COOPERATED: Final = "COOPERATED"
RESTRICTED: Final = "RESTRICTED"
CRITICIZED: Final = "CRITICIZED"
FOUGHT: Final = "FOUGHT"
REDUCES_DEPENDENCE_ON: Final = "REDUCES_DEPENDENCE_ON"
EVENT_TYPES: Final = (
    MET_WITH, SIGNED, AGREED, PROPOSED, REQUESTED, SUPPORTED, INVESTED_IN,
    COOPERATED, RESTRICTED, CRITICIZED, FOUGHT, REDUCES_DEPENDENCE_ON,
)
SYMMETRIC: Final = frozenset({MET_WITH, AGREED, COOPERATED, FOUGHT})

# PLOVER (the successor of CAMEO) event categories each of our types maps to.
PLOVER: Final = {
    MET_WITH: "CONSULT",
    SIGNED: "AGREE",
    AGREED: "AGREE",
    PROPOSED: "REQUEST",
    REQUESTED: "REQUEST",
    SUPPORTED: "AID",
    INVESTED_IN: "COOPERATE",
    COOPERATED: "COOPERATE",
    RESTRICTED: "SANCTION",
    CRITICIZED: "ACCUSE",
    FOUGHT: "ASSAULT",
    REDUCES_DEPENDENCE_ON: "REDUCE_RELATIONS",
}

# Japanese names shown to analysts (legends, plots, tables)
LABEL_JA: Final = {COUNTRY: "国", PERSON: "人物", ORGANIZATION: "組織", AGREEMENT: "協定", ARTICLE: "記事"}
TYPE_JA: Final = {
    MET_WITH: "会談", SIGNED: "署名", AGREED: "合意", PROPOSED: "提案", REQUESTED: "要請", SUPPORTED: "支援",
    INVESTED_IN: "投資", COOPERATED: "協力", RESTRICTED: "制限", CRITICIZED: "批判", FOUGHT: "戦闘",
    REDUCES_DEPENDENCE_ON: "依存低減",
}

# --- other relationship types -------------------------------------------------------------
MENTIONS: Final = "MENTIONS"
HOLDS_ROLE: Final = "HOLDS_ROLE"
BASED_IN: Final = "BASED_IN"

# --- summaries the loader keeps next to the per-article event edges (graph/summaries.py) -----
TIE: Final = "TIE"  # one per (source, target, event type): how many events, on which dates
COSIGNED: Final = "COSIGNED"  # two actors that signed the same agreement (undirected)
CONTACT: Final = "CONTACT"  # one per pair of entities with any event or co-signing (undirected)
COUNTRY_TIE: Final = "COUNTRY_TIE"  # one per (country, country, type), events of those acting for them
ACTIVITY: Final = "ACTIVITY"  # a loop on an actor per event type: its events by date
SUMMARY_TYPES: Final = (TIE, COSIGNED, CONTACT, COUNTRY_TIE, ACTIVITY)
REL_TYPES: Final = (*EVENT_TYPES, MENTIONS, HOLDS_ROLE, BASED_IN, *SUMMARY_TYPES)

# --- event modes and date precisions --------------------------------------------------------
MODES: Final = ("actual", "planned")
PRECISIONS: Final = ("day", "month", "year")

_IDENT = re.compile(r"^[A-Z][A-Za-z_]*$")


def safe_identifier(name: str) -> str:
    """Return ``name`` if it is one of our labels or relationship types, else raise.

    >>> safe_identifier("MET_WITH")
    'MET_WITH'
    """
    if name in NODE_LABELS or name in REL_TYPES:
        if not _IDENT.match(name):  # pragma: no cover - guards future edits of this module
            raise ValueError(f"vocabulary entry {name!r} is not a plain identifier")
        return name
    raise ValueError(f"{name!r} is not a label or relationship type of this project's model")
