"""The phrasing data the extractor reads is checked row by row: a typo in a type, a role or an
affiliation would otherwise silently drop events or attach people to nobody."""

from __future__ import annotations

import pytest

from geokg import vocab
from loaders.gazetteer import load, read_tsv

# the frames loaders/frames.py applies (its ``FRAMES`` table)
FRAMES = {"pair", "address", "object", "sign", "support", "invest", "restrict", "concentration", "dependence",
          "host", "visit"}
TRIGGERS = list(read_tsv("triggers.tsv"))
PERSONS = list(read_tsv("persons.tsv"))
TITLES = {r["title"] for r in read_tsv("titles.tsv")}
FORMER = ("前", "元")  # 前首相, 元首相: a title someone held


@pytest.mark.parametrize("row", TRIGGERS, ids=[r["pattern"] for r in TRIGGERS])
def test_every_trigger_row_names_a_known_type_and_frame(row: dict[str, str]) -> None:
    assert row["pattern"].strip() == row["pattern"] and row["pattern"]
    assert row["type"] in vocab.EVENT_TYPES
    assert row["role"] in FRAMES


def test_trigger_patterns_are_unique() -> None:
    patterns = [r["pattern"] for r in TRIGGERS]
    assert len(patterns) == len(set(patterns))


def test_every_frame_is_one_the_extractor_applies() -> None:
    """Each frame is a function of the extractor's table (loaders/frames.py), and has its triggers."""
    from loaders.frames import FRAMES as APPLIED

    assert set(APPLIED) == FRAMES
    assert {r["role"] for r in TRIGGERS} == FRAMES


@pytest.mark.parametrize("row", PERSONS, ids=[r["name"] for r in PERSONS])
def test_every_known_person_has_a_role_and_a_known_affiliation(row: dict[str, str]) -> None:
    gaz = load()
    assert row["role"], f"{row['name']} has no role"
    title = row["role"].removeprefix(FORMER[0]).removeprefix(FORMER[1])
    assert title in TITLES, f"{row['name']}: role {row['role']!r} is not a title of titles.tsv"
    aff = row["affiliation"]
    assert aff in gaz.countries or aff in gaz.orgs, f"{row['name']}: unknown affiliation {aff!r}"
    assert all(len(a) > 1 for a in (row["aliases"] or "").split("|") if a)
