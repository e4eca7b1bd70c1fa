"""Topic listing pages saved as text, like the seed.

The layout, one paragraph per line (blank lines ignored)::

    重要鉱物の供給網強化へG7結束、…            <- page title: the headline of the top story
    G7財務相は27日のオンライン会合で、…         <- lead: the top story's text
    本ページでは「重要鉱物」をテーマとした記事を一覧で掲載しています。   <- boilerplate
    G7財務相は27日のオンライン会合で、…         <- item 1 (newest)
    政府は1月20日の閣議で、…                   <- item 2 ...

The lead repeats the first item (in full or cut short with …): the two are one article,
the first item, which keeps the page title (and the text of whichever of the two is
complete; in the seed they are the same line). A lead that does not repeat the first item is
an article of its own, with the page title, ahead of the items. The other items have no
title. The boilerplate line may also come second (a page without a lead).

Items carry no dates. Each article's ``reference_date`` is inferred from its own full
dates and its neighbours' (GUIDELINES section 4, ``dates.infer_listing_dates``), with
``date_inferred`` telling whether it had to lean on the neighbours; ``published`` stays None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from loaders.dates import infer_listing_dates
from loaders.models import Article, text_id
from loaders.normalize import normalize
from loaders.problems import Problem

# The line a listing page puts between its lead and its items: "本ページでは「X」をテーマとした
# 記事を一覧で掲載しています。", "このページでは…", "「X」の記事一覧", "「X」に関するニュース一覧です".
_BOILERPLATE = re.compile(
    r"^(?:本|この|当)(?:ページ|サイト|コーナー|特集)(?:では|は|に)"
    r"|「[^」]{1,40}」(?:の|に関する|に関連する|をテーマ(?:と|に)した|関連の?)(?:最新の?)?(?:ニュース|記事)(?:を|の)?一覧"
)
_MAX_BOILERPLATE = 120
_MAX_TITLE = 100
# Lines that are page furniture, not articles: "もっと見る", "次へ", "1 2 3 次のページ".
_NAVIGATION = re.compile(r"^(?:もっと見る|もっと読む|次へ|前へ|次のページ|前のページ|[\d\s|/<>«»…・.-])+$")


def _lines(text: str) -> list[tuple[int, str]]:
    """The non-empty lines of ``text`` with their 1-based line numbers, stripped."""
    return [(n, s.strip()) for n, s in enumerate(text.splitlines(), 1) if s.strip()]


def is_boilerplate(line: str) -> bool:
    """Whether a line is the listing's "this page lists articles about X" sentence.

    >>> is_boilerplate("本ページでは「重要鉱物」をテーマとした記事を一覧で掲載しています。")
    True
    >>> is_boilerplate("「半導体」に関するニュース一覧です")
    True
    >>> is_boilerplate("経産省は対象品目の一覧を掲載した。")
    False
    """
    s = normalize(line.strip())
    return len(s) <= _MAX_BOILERPLATE and s.count("。") <= 1 and bool(_BOILERPLATE.search(s))


def _is_title(line: str) -> bool:
    return len(line) <= _MAX_TITLE and not line.rstrip().endswith("。")


def _key(text: str) -> str:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"(?:…|\.\.\.|・・・)+$", "", s)


def repeats(lead: str, item: str) -> bool:
    """Whether a lead repeats an item: the same text, or one cut short of the other.

    >>> repeats("G7財務相は27日のオンライン会合で、重要鉱物を協議…",
    ...         "G7財務相は27日のオンライン会合で、重要鉱物を協議した。")
    True
    >>> repeats("政府は20日の閣議で決定した。", "G7財務相は27日に会合を開いた。")
    False
    """
    a, b = _key(lead), _key(item)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 20 and long_.startswith(short)


def _layout(lines: list[str]) -> tuple[int, int] | None:
    """Where the boilerplate line is (None for none) and where the items start, or None
    when the lines are not a listing."""
    if len(lines) < 3 or not _is_title(lines[0]):
        return None
    if is_boilerplate(lines[2]):
        return 2, 3
    if is_boilerplate(lines[1]):
        return 1, 2
    if len(lines) >= 4 and repeats(lines[1], lines[2]):
        return -1, 2  # no boilerplate, but the lead repeats the first item
    return None


def looks_like_listing(text: str) -> bool:
    """Whether a text file is a listing page rather than one article.

    It is when its first non-empty line can be a title (at most 100 characters, not
    ending with 。) and either the second or third non-empty line is the listing's
    boilerplate (``is_boilerplate``), or the third repeats the second (the lead repeated
    as the first item). A normal article does neither.

    >>> looks_like_listing("見出し\\nリード文。\\n本ページでは「半導体」の記事を一覧で掲載しています。\\n"
    ...                    "記事1。")
    True
    >>> looks_like_listing("見出し\\n第1段落。\\n第2段落。\\n第3段落。")
    False
    """
    return _layout([s for _, s in _lines(text)]) is not None


def read_listing(text: str, path: Path) -> Iterator[Article | Problem]:
    """The articles of a listing page (``text`` is the file's content, ``path`` its name).

    >>> page = ("見出し\\nA社は3日、新工場を発表した。\\n本ページでは「工場」の記事を一覧で掲載しています。"
    ...         "\\nA社は3日、新工場を発表した。\\nB社は2025年5月1日、撤退を決めた。\\n")
    >>> arts = list(read_listing(page, Path("x.txt")))
    >>> [(a.title, a.reference_date, a.date_inferred, a.origin) for a in arts]
    [('見出し', '2025-05-03', True, 'x.txt:4'), ('', '2025-05-01', False, 'x.txt:5')]
    """
    numbered = _lines(text)
    layout = _layout([s for _, s in numbered])
    if layout is None:
        yield Problem(
            str(path), "not a listing page: expected a title, a lead, the 「本ページでは…」 line, then items"
        )
        return
    boiler, first = layout
    title = numbered[0][1]
    items = [(n, s) for n, s in numbered[first:] if not _NAVIGATION.match(s)]
    if boiler != 1:  # the page has a lead
        lead = numbered[1]
        if not items or not repeats(lead[1], items[0][1]):
            items.insert(0, lead)
        elif len(_key(lead[1])) > len(_key(items[0][1])):
            items[0] = lead  # the item is the one cut short: keep the full text
    seen: set[str] = set()
    unique: list[tuple[int, str]] = []
    for n, s in items:  # the same story twice on one page is one article
        if (key := text_id(s)) not in seen:
            seen.add(key)
            unique.append((n, s))
    dates = infer_listing_dates([normalize(s) for _, s in unique])
    for position, ((line, item), (ref, inferred)) in enumerate(zip(unique, dates, strict=True), 1):
        yield Article(
            id=text_id(item),
            text=item,
            title=title if position == 1 and boiler != 1 else "",
            source=path.stem,
            reference_date=ref.isoformat() if ref else None,
            date_inferred=inferred and ref is not None,
            origin=f"{path}:{line}",
            metadata={"listing": path.name, "position": position, "listing_title": title},
        )
