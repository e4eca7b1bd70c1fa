"""Regenerate loaders/data/countries.tsv from iso-codes (as pycountry ships it) and the hand-kept
overlay loaders/data/countries_overlay.tsv.

iso-codes gives every ISO 3166-1 entity its alpha-3 and alpha-2 codes and its Japanese names
(short, official, common). The overlay gives what newspapers use instead or besides: the
preferred form (米国, not アメリカ合衆国), aliases, the one- and two-character compound forms
(日米, 対中), English names, entities outside ISO 3166-1 (Kosovo), and the iso-codes forms to
leave out because they are ambiguous or a common word (コンゴ, ドミニカ, ジャージー).

A form that would name two countries stops the script with both codes named: the overlay must
leave it out on one side or both. Nothing is resolved silently.

    pip install -e '.[dev]'             # pycountry is a dev dependency only
    python scripts/make_countries.py    # rewrites loaders/data/countries.tsv
    python scripts/make_countries.py --check   # exit 1 if the file is not what the sources give
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.metadata
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "loaders" / "data"
OUTPUT = DATA / "countries.tsv"
OVERLAY = DATA / "countries_overlay.tsv"
COLUMNS = ("iso3", "iso2", "name_en", "name_ja", "aliases", "short")
OVERLAY_COLUMNS = (*COLUMNS, "leave_out")
_PARENS = re.compile(r"\s*\([^)]*\)\s*")


class SourceError(Exception):
    """The sources contradict each other (a form naming two countries, an unknown code)."""


@dataclass
class Row:
    iso3: str
    iso2: str
    name_en: str
    name_ja: str
    aliases: list[str]
    short: list[str]

    def cells(self) -> list[str]:
        return [self.iso3, self.iso2, self.name_en, self.name_ja, "|".join(self.aliases), "|".join(self.short)]


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def read_overlay(path: Path = OVERLAY) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The overlay's comment lines (copied into the output) and its rows by iso3."""
    comments, lines = [], []
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, line in enumerate(f, start=1):
            if line.startswith("#"):
                comments.append(line.rstrip("\n"))
            elif line.strip():
                lines.append((lineno, line))
    reader = csv.reader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    if tuple(header) != OVERLAY_COLUMNS:
        raise SourceError(f"{path}:{lines[0][0]}: header must be {' '.join(OVERLAY_COLUMNS)}")
    rows: dict[str, dict[str, str]] = {}
    for (lineno, _), fields in zip(lines[1:], reader, strict=True):
        if len(fields) != len(header):
            raise SourceError(f"{path}:{lineno}: {len(fields)} fields, expected {len(header)}")
        row = dict(zip(header, (x.strip() for x in fields), strict=True))
        if row["iso3"] in rows:
            raise SourceError(f"{path}:{lineno}: {row['iso3']} given twice")
        rows[row["iso3"]] = row
    return comments, rows


def iso_forms() -> Iterator[tuple[str, str, str, list[str]]]:
    """Per ISO 3166-1 entity: alpha-3, alpha-2, English short name and its Japanese forms
    (short, official, common name; each also without a parenthesised part)."""
    import pycountry

    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    for c in pycountry.countries:
        forms: list[str] = []
        for attr in ("name", "official_name", "common_name"):
            english = getattr(c, attr, None)
            if not english:
                continue
            name = ja.gettext(english)
            if name == english:  # not translated
                continue
            for form in (name, _PARENS.sub("", name).strip()):
                if form and form not in forms:
                    forms.append(form)
        english = getattr(c, "common_name", None) or c.name
        yield c.alpha_3, c.alpha_2, english, forms


def iso_japanese_names() -> dict[str, list[str]]:
    """Every Japanese name iso-codes gives, verbatim (what the test resolves), by alpha-3."""
    import pycountry

    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = []
        for attr in ("name", "official_name", "common_name"):
            english = getattr(c, attr, None)
            if english and ja.gettext(english) != english and ja.gettext(english) not in names:
                names.append(ja.gettext(english))
        out[c.alpha_3] = names
    return out


def build(overlay: dict[str, dict[str, str]]) -> list[Row]:
    """The rows of countries.tsv, sorted by alpha-3."""
    rows: dict[str, Row] = {}
    for iso3, iso2, english, forms in iso_forms():
        o = overlay.get(iso3, {})
        leave = set(split(o.get("leave_out", "")))
        usable = [f for f in forms if f not in leave]
        name_ja = o.get("name_ja") or (usable[0] if usable else "")
        if not name_ja:
            raise SourceError(f"{iso3}: every Japanese form is left out; give name_ja in {OVERLAY.name}")
        aliases = [a for a in [*split(o.get("aliases", "")), *usable] if a != name_ja]
        rows[iso3] = Row(iso3, o.get("iso2") or iso2, o.get("name_en") or english, name_ja,
                         list(dict.fromkeys(aliases)), split(o.get("short", "")))
    for iso3, o in overlay.items():  # entities outside ISO 3166-1 (XKX Kosovo): all from the overlay
        if iso3 in rows:
            continue
        if not (o["iso2"] and o["name_en"] and o["name_ja"]):
            raise SourceError(f"{iso3} is not in iso-codes: give iso2, name_en and name_ja in {OVERLAY.name}")
        rows[iso3] = Row(iso3, o["iso2"], o["name_en"], o["name_ja"], split(o["aliases"]), split(o["short"]))
    out = sorted(rows.values(), key=lambda r: r.iso3)
    _check_unique(out)
    return out


def _check_unique(rows: list[Row]) -> None:
    owner: dict[str, str] = {}
    for r in rows:
        for form in [r.name_ja, *r.aliases, *r.short]:
            key = re.sub(r"[\s・]", "", form)
            if owner.setdefault(key, r.iso3) != r.iso3:
                raise SourceError(f"{form!r} would name both {owner[key]} and {r.iso3}: "
                                  f"leave it out on one side (or both) in {OVERLAY.name}")


def render(comments: list[str], rows: list[Row]) -> str:
    version = importlib.metadata.version("pycountry")
    head = [
        "\t".join(COLUMNS),
        f"# GENERATED by scripts/make_countries.py from iso-codes (pycountry {version}) and countries_overlay.tsv:",
        "# edit the overlay, not this file, then run the script.",
        *comments,
    ]
    return "\n".join([*head, *("\t".join(r.cells()) for r in rows)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = parser.parse_args(argv)
    try:
        comments, overlay = read_overlay()
        text = render(comments, build(overlay))
    except SourceError as exc:
        print(f"make_countries: {exc}", file=sys.stderr)
        return 2
    if args.check:
        same = OUTPUT.read_text(encoding="utf-8") == text
        print(f"{OUTPUT} {'is up to date' if same else 'differs from its sources: run scripts/make_countries.py'}")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 3 - len(comments)} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
