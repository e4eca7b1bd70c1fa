"""loaders/data/countries.tsv is generated from iso-codes (pycountry, a dev dependency) and the
hand-kept overlay by scripts/make_countries.py: it is up to date, every iso-codes Japanese name
resolves to its code through the project's gazetteer (or is left out on purpose and then
resolves to nothing), and every form the overlay keeps reaches the gazetteer.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from loaders.gazetteer import load

pytest.importorskip("pycountry", reason="pycountry (the dev extra) gives iso-codes' names")

ROOT = Path(__file__).resolve().parents[1]
# the forms left out on purpose, each for a reason given in the overlay's comments
LEFT_OUT = {"COG": {"コンゴ"}, "DMA": {"ドミニカ"}, "JEY": {"ジャージー"}}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_countries", ROOT / "scripts" / "make_countries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_countries"] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_file_is_what_the_sources_give(script: ModuleType) -> None:
    comments, overlay = script.read_overlay()
    expected = script.render(comments, script.build(overlay))
    assert (ROOT / "loaders" / "data" / "countries.tsv").read_text(encoding="utf-8") == expected, (
        "countries.tsv is stale or edited by hand: edit countries_overlay.tsv and run scripts/make_countries.py")
    assert script.main(["--check"]) == 0


def test_every_iso_codes_japanese_name_resolves_to_its_code(script: ModuleType) -> None:
    gaz = load()
    names = script.iso_japanese_names()
    assert len(names) == 249
    wrong, left_out = [], []
    for iso3, forms in names.items():
        for form in forms:
            got = gaz.country_by_name.get(form)
            if form in LEFT_OUT.get(iso3, ()):
                left_out.append(form)
                assert got is None and form not in gaz.country_by_short, f"{form} is left out but names {got}"
            elif got != iso3:
                wrong.append((iso3, form, got))
    assert not wrong
    assert sorted(left_out) == sorted(f for forms in LEFT_OUT.values() for f in forms)
    # every entity's short name, the figure the README gives: 246 of 249, three left out as ambiguous
    short_names = [forms[0] for forms in names.values()]
    assert sum(gaz.country_by_name.get(f) is not None for f in short_names) == 246


@pytest.mark.parametrize(("text", "iso3"), [
    ("カーボヴェルデ", "CPV"), ("セントクリストファー・ネーヴィス", "KNA"), ("アルーバ", "ABW"),
    ("バーミューダ", "BMU"),
    ("キュラソー", "CUW"), ("ジャージー島", "JEY"), ("大韓民国 (韓国)", "KOR"), ("フランス共和国", "FRA"),
    ("コンゴ共和国", "COG"), ("コンゴ民主共和国", "COD"), ("ドミニカ国", "DMA"), ("ドミニカ共和国", "DOM"),
    ("ギニア", "GIN"), ("赤道ギニア", "GNQ"), ("仏領サンマルタン", "MAF"), ("蘭領サンマルタン", "SXM"),
])
def test_names_in_text_are_found(text: str, iso3: str) -> None:
    gaz = load()
    found = [m.group(0) for m in gaz.names_re.finditer(f"{text}の首相")]
    assert found == [text] and gaz.country_by_name[text] == iso3


def test_the_overlay_is_kept(script: ModuleType) -> None:
    """Every alias and compound form of the overlay reaches the gazetteer on its own row."""
    gaz = load()
    _, overlay = script.read_overlay()
    for iso3, row in overlay.items():
        country = gaz.countries[iso3]
        if row["name_ja"]:
            assert country.name_ja == row["name_ja"]
        assert set(script.split(row["aliases"])) <= set(country.names), iso3
        assert set(script.split(row["short"])) == set(country.short), iso3
        for form in script.split(row["leave_out"]):
            assert gaz.country_by_name.get(form) is None, (iso3, form)


def test_a_form_naming_two_countries_stops_the_script(script: ModuleType, tmp_path: Path) -> None:
    _, overlay = script.read_overlay()
    overlay["COG"] = {**overlay["COG"], "leave_out": ""}  # コンゴ back on COG's row, which COD ...
    overlay["COD"] = {**overlay["COD"], "aliases": "コンゴ"}  # ... now claims as well
    with pytest.raises(script.SourceError, match=re.escape("'コンゴ' would name both COD and COG")):
        script.build(overlay)
    bad = tmp_path / "overlay.tsv"
    bad.write_text("\t".join(script.OVERLAY_COLUMNS) + "\nXKX\tXK\tKosovo\n", encoding="utf-8")
    with pytest.raises(script.SourceError, match=r"overlay.tsv:2: 3 fields, expected 7"):
        script.read_overlay(bad)
