"""Checks on the gazetteer data files in loaders/data/ (countries, titles, organizations).

The files are UTF-8, tab-separated, with the header on the first line, optional `#` comment
lines before the first data row, and `|` between the items of list fields.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "loaders" / "data"

HEADERS = {
    "countries.tsv": ["iso3", "iso2", "name_en", "name_ja", "aliases", "short"],
    "titles.tsv": ["title", "category", "affiliation"],
    "organizations.tsv": ["id", "name", "kind", "country", "aliases"],
}

TITLE_CATEGORIES = {
    "head_of_state",
    "head_of_government",
    "minister",
    "official",
    "diplomat",
    "legislator",
    "igo_official",
    "executive",
    "military",
    "royal",
    "honorific",
    "other",
}
ORG_KINDS = {"government", "agency", "company", "igo", "armed_group", "media", "other"}

# ISO 3166-1 alpha-3 codes of the 193 UN member states.
# fmt: off
UN_MEMBERS = frozenset({
    "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB",
    "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM",
    "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "CRI", "CIV", "HRV", "CUB", "CYP", "CZE",
    "PRK", "COD", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI",
    "FIN", "FRA", "GAB", "GMB", "GEO", "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND",
    "HUN", "ISL", "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR",
    "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV",
    "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MDA", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM",
    "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "MKD", "NOR", "OMN", "PAK", "PLW", "PAN", "PNG", "PRY",
    "PER", "PHL", "POL", "PRT", "QAT", "KOR", "ROU", "RUS", "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP",
    "SAU", "SEN", "SRB", "SYC", "SLE", "SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN",
    "SUR", "SWE", "CHE", "SYR", "TJK", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA",
    "UKR", "ARE", "GBR", "TZA", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE",
})
# fmt: on

# Observer states and territories that appear in news and must be present.
REQUIRED_EXTRA = ["VAT", "PSE", "TWN", "XKX", "HKG", "MAC", "GRL", "PRI", "ESH", "NCL", "GUM", "FRO"]


# ----------------------------------------------------------------------------- loading


def read_lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


@cache
def load(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a data file as dicts keyed by the header, `#` lines skipped."""
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for lineno, fields in enumerate(reader, start=2):
        assert len(fields) == len(header), f"{name}: row {lineno} has {len(fields)} fields: {fields}"
        rows.append(dict(zip(header, fields, strict=True)))
    return tuple(rows)


def split_list(value: str) -> list[str]:
    return value.split("|") if value else []


def norm(text: str) -> str:
    """The scorer's normalisation: NFKC, case-folded, spaces and ・ removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s・]", "", text)


def countries() -> tuple[dict[str, str], ...]:
    return load("countries.tsv")


def titles() -> tuple[dict[str, str], ...]:
    return load("titles.tsv")


def orgs() -> tuple[dict[str, str], ...]:
    return load("organizations.tsv")


def iso3_codes() -> set[str]:
    return {row["iso3"] for row in countries()}


def country_forms(row: dict[str, str]) -> list[str]:
    return [row["name_ja"], *split_list(row["aliases"]), *split_list(row["short"])]


def country_form_index() -> dict[str, set[str]]:
    """Normalised Japanese surface form -> set of iso3 codes that carry it."""
    index: dict[str, set[str]] = defaultdict(set)
    for row in countries():
        for form in country_forms(row):
            index[norm(form)].add(row["iso3"])
    return index


def org_forms(row: dict[str, str]) -> list[str]:
    return [row["name"], *split_list(row["aliases"])]


def org_form_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for row in orgs():
        for form in org_forms(row):
            index[norm(form)].add(row["id"])
    return index


# ----------------------------------------------------------------------------- file format


@pytest.mark.parametrize(("name", "header"), sorted(HEADERS.items()))
def test_header_is_first_line(name: str, header: list[str]) -> None:
    assert read_lines(name)[0] == "\t".join(header)


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_comments_only_at_top(name: str) -> None:
    lines = read_lines(name)
    seen_data = False
    for lineno, line in enumerate(lines[1:], start=2):
        if line.startswith("#"):
            assert not seen_data, f"{name}:{lineno}: comment after data rows"
        else:
            seen_data = True


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_no_blank_lines_and_exact_field_count(name: str) -> None:
    width = len(HEADERS[name])
    for lineno, line in enumerate(read_lines(name), start=1):
        if line.startswith("#"):
            continue
        assert line.strip(), f"{name}:{lineno}: blank line"
        assert line.count("\t") == width - 1, f"{name}:{lineno}: expected {width} fields"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_fields_are_clean(name: str) -> None:
    for row in load(name):
        for key, value in row.items():
            assert value == value.strip(), f"{name}: stray whitespace in {key}={value!r}"
            assert '"' not in value, f"{name}: quote character in {key}={value!r}"
            if value:
                items = value.split("|")
                assert all(items), f"{name}: empty list item in {key}={value!r}"
                assert all(item == item.strip() for item in items), f"{name}: spaces around | in {value!r}"
                assert len(items) == len(set(items)), f"{name}: repeated item in {key}={value!r}"


# ----------------------------------------------------------------------------- countries


def test_iso3_format_and_unique() -> None:
    codes = [row["iso3"] for row in countries()]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{3}", c)]
    assert not bad
    assert len(codes) == len(set(codes)), sorted({c for c in codes if codes.count(c) > 1})


def test_iso2_format_and_unique() -> None:
    codes = [row["iso2"] for row in countries()]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{2}", c)]
    assert not bad
    assert len(codes) == len(set(codes)), sorted({c for c in codes if codes.count(c) > 1})


def test_names_present() -> None:
    for row in countries():
        assert row["name_en"], row
        assert row["name_ja"], row


def test_un_member_list_is_complete() -> None:
    assert len(UN_MEMBERS) == 193


def test_all_un_members_present() -> None:
    missing = UN_MEMBERS - iso3_codes()
    assert not missing, sorted(missing)
    assert len(countries()) >= 193


@pytest.mark.parametrize("iso3", REQUIRED_EXTRA)
def test_observers_and_territories_present(iso3: str) -> None:
    assert iso3 in iso3_codes()


@pytest.mark.parametrize(
    ("iso3", "iso2", "name_ja"),
    [
        ("JPN", "JP", "日本"),
        ("USA", "US", "米国"),
        ("GBR", "GB", "英国"),
        ("CHN", "CN", "中国"),
        ("KOR", "KR", "韓国"),
        ("PRK", "KP", "北朝鮮"),
        ("RUS", "RU", "ロシア"),
        ("IND", "IN", "インド"),
        ("ZAF", "ZA", "南アフリカ"),
        ("COD", "CD", "コンゴ民主共和国"),
        ("COG", "CG", "コンゴ共和国"),
        ("DEU", "DE", "ドイツ"),
        ("FRA", "FR", "フランス"),
        ("ITA", "IT", "イタリア"),
        ("AUS", "AU", "オーストラリア"),
        ("RWA", "RW", "ルワンダ"),
        ("UKR", "UA", "ウクライナ"),
        ("NLD", "NL", "オランダ"),
        ("ISR", "IL", "イスラエル"),
        ("TWN", "TW", "台湾"),
    ],
)
def test_spot_countries(iso3: str, iso2: str, name_ja: str) -> None:
    row = next((r for r in countries() if r["iso3"] == iso3), None)
    assert row is not None, iso3
    assert row["iso2"] == iso2
    assert row["name_ja"] == name_ja


def test_japanese_forms_map_to_one_country() -> None:
    clashes = {form: sorted(codes) for form, codes in country_form_index().items() if len(codes) > 1}
    assert not clashes


def test_japanese_forms_not_repeated_within_a_row() -> None:
    # Spelling variants that only differ by ・ are allowed (for raw-text matching), exact repeats are not.
    for row in countries():
        forms = country_forms(row)
        assert len(forms) == len(set(forms)), row


def test_short_forms_are_one_or_two_characters() -> None:
    for row in countries():
        for short in split_list(row["short"]):
            assert 1 <= len(short) <= 2, (row["iso3"], short)


def test_aliases_are_not_one_character() -> None:
    for row in countries():
        for alias in split_list(row["aliases"]):
            assert len(alias) >= 2, (row["iso3"], alias)


@pytest.mark.parametrize(
    ("form", "iso3"),
    [
        ("日", "JPN"),
        ("米", "USA"),
        ("中", "CHN"),
        ("露", "RUS"),
        ("英", "GBR"),
        ("仏", "FRA"),
        ("独", "DEU"),
        ("伊", "ITA"),
        ("印", "IND"),
        ("韓", "KOR"),
        ("朝", "PRK"),
        ("豪", "AUS"),
        ("加", "CAN"),
        ("比", "PHL"),
        ("越", "VNM"),
        ("台", "TWN"),
        ("蘭", "NLD"),
        ("南ア", "ZAF"),
    ],
)
def test_short_form_lookup(form: str, iso3: str) -> None:
    row = next(r for r in countries() if r["iso3"] == iso3)
    assert form in split_list(row["short"])


@pytest.mark.parametrize(
    ("form", "iso3"),
    [
        ("アメリカ", "USA"),
        ("アメリカ合衆国", "USA"),
        ("合衆国", "USA"),
        ("イギリス", "GBR"),
        ("連合王国", "GBR"),
        ("中華人民共和国", "CHN"),
        ("大韓民国", "KOR"),
        ("朝鮮民主主義人民共和国", "PRK"),
        ("ロシア連邦", "RUS"),
        ("豪州", "AUS"),
        ("ヴェトナム", "VNM"),
        ("グルジア", "GEO"),
        ("中華民国", "TWN"),
        ("ビルマ", "MMR"),
    ],
)
def test_alias_lookup(form: str, iso3: str) -> None:
    assert country_form_index()[norm(form)] == {iso3}


@pytest.mark.parametrize("form", ["コンゴ", "ドミニカ", "ジャージー", "サンマルタン",
                                  "西", "土", "希", "波", "瑞", "尼", "新", "以", "星"])
def test_ambiguous_forms_left_out(form: str) -> None:
    assert norm(form) not in country_form_index()


# ----------------------------------------------------------------------------- titles


def test_titles_unique_and_nonempty() -> None:
    names = [row["title"] for row in titles()]
    assert all(names)
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    assert len(names) >= 100


def test_title_categories_allowed() -> None:
    bad = [(row["title"], row["category"]) for row in titles() if row["category"] not in TITLE_CATEGORIES]
    assert not bad


def test_title_affiliations_are_known_iso3() -> None:
    codes = iso3_codes()
    bad = [
        (row["title"], row["affiliation"])
        for row in titles()
        if row["affiliation"] and row["affiliation"] not in codes
    ]
    assert not bad


@pytest.mark.parametrize(
    ("title", "category", "affiliation"),
    [
        ("国務長官", "minister", "USA"),
        ("財務長官", "minister", "USA"),
        ("商務長官", "minister", "USA"),
        ("国防長官", "minister", "USA"),
        ("通商代表", "minister", "USA"),
        ("官房長官", "minister", "JPN"),
        ("国家主席", "head_of_state", "CHN"),
        ("大統領", "head_of_state", ""),
        ("首相", "head_of_government", ""),
        ("外相", "minister", ""),
        ("財務相", "minister", ""),
        ("財務大臣", "minister", ""),
        ("上級副委員長", "igo_official", ""),
        ("事務総長", "igo_official", ""),
        ("大使", "diplomat", ""),
        ("司令官", "military", ""),
        ("国王", "royal", ""),
        ("社長", "executive", ""),
        ("CEO", "executive", ""),
        ("氏", "honorific", ""),
        ("容疑者", "other", ""),
    ],
)
def test_title_entries(title: str, category: str, affiliation: str) -> None:
    row = next((r for r in titles() if r["title"] == title), None)
    assert row is not None, title
    assert (row["category"], row["affiliation"]) == (category, affiliation)


# ----------------------------------------------------------------------------- organizations


def test_org_ids_unique_and_prefixed() -> None:
    ids = [row["id"] for row in orgs()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    bad = [i for i in ids if not re.fullmatch(r"org:\S+", i)]
    assert not bad


def test_org_row_count() -> None:
    assert 250 <= len(orgs()) <= 600


def test_org_kinds_allowed() -> None:
    bad = [(row["id"], row["kind"]) for row in orgs() if row["kind"] not in ORG_KINDS]
    assert not bad


def test_org_countries_are_known_iso3() -> None:
    codes = iso3_codes()
    bad = [(row["id"], row["country"]) for row in orgs() if row["country"] and row["country"] not in codes]
    assert not bad


def test_org_names_present() -> None:
    assert all(row["name"] for row in orgs())


def test_org_forms_map_to_one_org() -> None:
    clashes = {form: sorted(ids) for form, ids in org_form_index().items() if len(ids) > 1}
    assert not clashes


def test_org_forms_are_not_country_forms() -> None:
    country_index = country_form_index()
    overlap = sorted(form for form in org_form_index() if form in country_index)
    assert not overlap


def test_org_forms_are_not_titles() -> None:
    title_forms = {norm(row["title"]) for row in titles()}
    overlap = sorted(form for form in org_form_index() if form in title_forms)
    assert not overlap


@pytest.mark.parametrize(
    "form",
    [
        "政府",
        "議会",
        "当局",
        "国会",
        "官邸",
        "連邦議会",
        "共産党",
        "商務省",
        "国防省",
        "外交部",
        "中銀",
        "BIS",
        "FSB",
    ],
)
def test_common_or_ambiguous_words_not_org_forms(form: str) -> None:
    assert norm(form) not in org_form_index()


@pytest.mark.parametrize("kind", ["government", "agency"])
def test_government_bodies_have_a_country_unless_intergovernmental(kind: str) -> None:
    missing = [row["id"] for row in orgs() if row["kind"] == kind and not row["country"]]
    assert not missing


def test_igos_have_no_country() -> None:
    assert not [row["id"] for row in orgs() if row["kind"] == "igo" and row["country"]]


@pytest.mark.parametrize(
    ("form", "org_id", "kind", "country"),
    [
        ("経産省", "org:METI", "government", "JPN"),
        ("経済産業省", "org:METI", "government", "JPN"),
        ("財務省", "org:MOF", "government", "JPN"),
        ("外務省", "org:MOFA", "government", "JPN"),
        ("米財務省", "org:US-Treasury", "government", "USA"),
        ("米国務省", "org:US-State", "government", "USA"),
        ("国務省", "org:US-State", "government", "USA"),
        ("米商務省", "org:US-Commerce", "government", "USA"),
        ("中国商務省", "org:CN-MOFCOM", "government", "CHN"),
        ("ホワイトハウス", "org:US-WhiteHouse", "government", "USA"),
        ("ペンタゴン", "org:US-DoD", "government", "USA"),
        ("USTR", "org:USTR", "government", "USA"),
        ("JOGMEC", "org:JOGMEC", "agency", "JPN"),
        ("エネルギー・金属鉱物資源機構", "org:JOGMEC", "agency", "JPN"),
        ("石油天然ガス・金属鉱物資源機構", "org:JOGMEC", "agency", "JPN"),
        ("日銀", "org:BOJ", "agency", "JPN"),
        ("G7", "org:G7", "igo", ""),
        ("主要7カ国", "org:G7", "igo", ""),
        ("先進7カ国", "org:G7", "igo", ""),
        ("20カ国・地域", "org:G20", "igo", ""),
        ("欧州連合", "org:EU", "igo", ""),
        ("国連", "org:UN", "igo", ""),
        ("安保理", "org:UNSC", "igo", ""),
        ("クアッド", "org:QUAD", "igo", ""),
        ("高麗亜鉛", "org:KoreaZinc", "company", "KOR"),
        ("コリア・ジンク", "org:KoreaZinc", "company", "KOR"),
        ("Korea Zinc", "org:KoreaZinc", "company", "KOR"),
        ("台湾積体電路製造", "org:TSMC", "company", "TWN"),
        ("M23", "org:M23", "armed_group", ""),
        ("3月23日運動", "org:M23", "armed_group", ""),
        ("FT", "org:FT", "media", "GBR"),
        ("フィナンシャル・タイムズ", "org:FT", "media", "GBR"),
    ],
)
def test_org_lookup(form: str, org_id: str, kind: str, country: str) -> None:
    assert org_form_index()[norm(form)] == {org_id}
    row = next(r for r in orgs() if r["id"] == org_id)
    assert (row["kind"], row["country"]) == (kind, country)
