"""Dates in Japanese news: find the expressions, resolve them against a reference date.

GUIDELINES section 4 in code. ``find_dates`` returns every date expression of a
(normalised) text with what it literally says; ``resolve`` turns one into an ISO date cut to
its precision, given the article's reference date:

* 2025年10月28日午前 -> 2025-10-28 (day); 2026年1月 -> 2026-01 (month); 2026年 -> 2026 (year)
* 12月4日 -> the last 4 December not after the reference date (the next one when the text is
  about the future: 予定, 見通し, 来月 ...); 27日 -> the last 27th likewise
* 同日 -> the date last mentioned; 前日 / 翌日 -> the day before / after it
* 先月 / 今月 / 来月, 昨年 / 今年 / 来年, 昨日 / 今日 / 明日 relative to the reference date
* 米東部時間1月12日(日本時間13日): the parenthesised other time zone is skipped
* full-width digits are normalised before; kanji numerals (十二月四日, 二十八日) are read here
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def kanji_number(s: str) -> int:
    """Read a kanji numeral up to 9999 (二十八 -> 28, 二〇二五 -> 2025) or ASCII digits.

    >>> kanji_number("二十八"), kanji_number("十二"), kanji_number("二〇二五"), kanji_number("31")
    (28, 12, 2025, 31)
    """
    if s.isdigit():
        return int(s)
    if all(c in _KANJI_DIGITS for c in s):  # positional: 二〇二五
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in _KANJI_DIGITS:
            current = _KANJI_DIGITS[c]
        elif c in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            total += (current or 1) * unit
            current = 0
        else:
            raise ValueError(f"not a numeral: {s!r}")
    return total + current


_N = r"(?:\d{1,4}|[〇一二三四五六七八九十]{1,4})"
_DATE = re.compile(
    rf"""
    (?P<paren>\((?:日本時間|現地時間|米東部時間|米国時間|[^()]{{0,6}}時間)[^()]{{0,20}}\))
  | (?P<same>同日|同月|前日|翌日|同年)
  | (?P<relday>(?P<rm>先月|今月|来月)(?P<rd>{_N})日)
  | (?P<rel>一昨日|昨日|今日|本日|明日|先月|今月|来月|昨年|去年|今年|来年|前年|翌年|先週|今週|来週)
  | (?P<ymd>(?P<y>\d{{4}}|[〇一二三四五六七八九]{{4}})年(?!度|代)
        (?:(?P<m>{_N})月(?:(?P<d>{_N})日)?)?)
  | (?<![\dカかヶケ〇一二三四五六七八九十])(?P<m2>{_N})月(?!期)(?:(?P<d2>{_N})日(?!間|本))?
  | (?<![\d月〇一二三四五六七八九十])(?P<d3>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[二三]十)
      日(?!間|本|米|中|印|韓|英|露|豪|銀)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression as written. Fields the text leaves open are None."""

    start: int
    end: int
    text: str
    kind: str  # "absolute", "month_day", "day", "month", "same", "relative"
    year: int | None = None
    month: int | None = None
    day: int | None = None


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text`` (normalised: ASCII digits), in order.

    >>> [m.kind for m in find_dates("米東部時間1月12日(日本時間13日)に会合、同日署名。3カ月後")]
    ['month_day', 'same']
    >>> find_dates("2025年度予算で")
    []
    """
    out: list[DateMention] = []
    for m in _DATE.finditer(text):
        if m.group("paren"):
            continue
        s, e, t = m.start(), m.end(), m.group(0)
        try:
            if m.group("relday"):
                rd = kanji_number(m.group("rd"))
                if 1 <= rd <= 31:
                    out.append(DateMention(s, e, t, "relative", None, None, rd))
            elif m.group("same") or m.group("rel"):
                out.append(DateMention(s, e, t, "same" if m.group("same") else "relative"))
            elif m.group("ymd"):
                y = kanji_number(m.group("y"))
                mo: int | None = kanji_number(m.group("m")) if m.group("m") else None
                dd: int | None = kanji_number(m.group("d")) if m.group("d") else None
                if _valid(y, mo, dd):
                    out.append(DateMention(s, e, t, "absolute", y, mo, dd))
            elif m.group("m2"):
                mo = kanji_number(m.group("m2"))
                dd = kanji_number(m.group("d2")) if m.group("d2") else None
                if _valid(2000, mo, dd):
                    out.append(DateMention(s, e, t, "month_day" if dd else "month", None, mo, dd))
            elif m.group("d3"):
                d = kanji_number(m.group("d3"))
                if 1 <= d <= 31:
                    out.append(DateMention(s, e, t, "day", None, None, d))
        except ValueError:
            continue
    return out


def _valid(y: int, mo: int | None, d: int | None) -> bool:
    if not 1900 <= y <= 2100:
        return False
    if mo is None:
        return d is None
    if not 1 <= mo <= 12:
        return False
    return d is None or 1 <= d <= calendar.monthrange(y if y else 2000, mo)[1]


@dataclass(frozen=True)
class ResolvedDate:
    value: date
    precision: str  # "day", "month" or "year"

    @property
    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


def parse_iso(value: str | None) -> date | None:
    """Read ``2026-01-28`` (or a longer ISO timestamp, or 2026-01 / 2026) as a date."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def _day_in_month(y: int, m: int, day: int) -> date | None:
    return date(y, m, day) if day <= calendar.monthrange(y, m)[1] else None


def resolve(
    mention: DateMention,
    reference: date | None,
    *,
    future: bool = False,
    last: ResolvedDate | None = None,
) -> ResolvedDate | None:
    """Resolve one expression. ``reference`` is the publication (or inferred) date,
    ``future`` says the text is about what is to come, ``last`` is the date last mentioned.

    >>> ref = date(2026, 1, 28)
    >>> resolve(find_dates("27日")[0], ref).iso
    '2026-01-27'
    >>> resolve(find_dates("12月4日")[0], date(2026, 1, 10)).iso
    '2025-12-04'
    >>> resolve(find_dates("30日")[0], ref, future=True).iso
    '2026-01-30'
    """
    k = mention.kind
    if k == "absolute":
        assert mention.year is not None
        if mention.month is None:
            return ResolvedDate(date(mention.year, 1, 1), "year")
        if mention.day is None:
            return ResolvedDate(date(mention.year, mention.month, 1), "month")
        return ResolvedDate(date(mention.year, mention.month, mention.day), "day")
    if k == "same":
        if last is None:
            return None
        t = mention.text
        if t == "前日" and last.precision == "day":
            return ResolvedDate(last.value - timedelta(days=1), "day")
        if t == "翌日" and last.precision == "day":
            return ResolvedDate(last.value + timedelta(days=1), "day")
        if t == "同月":
            return ResolvedDate(last.value.replace(day=1), "month")
        if t == "同年":
            return ResolvedDate(date(last.value.year, 1, 1), "year")
        return last
    if reference is None:
        return None
    if k == "relative":
        if mention.day is not None:  # 先月27日
            rel = _relative(mention.text[:2], reference)
            if rel is None:
                return None
            d = _day_in_month(rel.value.year, rel.value.month, mention.day)
            return ResolvedDate(d, "day") if d else None
        return _relative(mention.text, reference)
    if k in ("month_day", "month"):
        assert mention.month is not None
        day = mention.day or 1
        for year in ((reference.year, reference.year + 1) if future else (reference.year, reference.year - 1)):
            cand = _day_in_month(year, mention.month, day)
            if cand is None:
                continue
            cmp_ref = reference if mention.day else reference.replace(day=1)
            if (future and cand >= cmp_ref) or (not future and cand <= cmp_ref):
                return ResolvedDate(cand, "day" if mention.day else "month")
        return None
    if k == "day":
        assert mention.day is not None
        step = 1 if future else -1
        month = reference.replace(day=1)
        for i in range(0, 13):
            first = _add_months(month, step * i)
            cand = _day_in_month(first.year, first.month, mention.day)
            if cand and ((future and cand >= reference) or (not future and cand <= reference)):
                return ResolvedDate(cand, "day")
        return None
    return None


def _relative(text: str, ref: date) -> ResolvedDate | None:
    days = {"一昨日": -2, "昨日": -1, "今日": 0, "本日": 0, "明日": 1}
    if text in days:
        return ResolvedDate(ref + timedelta(days=days[text]), "day")
    months = {"先月": -1, "今月": 0, "来月": 1}
    if text in months:
        return ResolvedDate(_add_months(ref, months[text]), "month")
    years = {"昨年": -1, "去年": -1, "前年": -1, "今年": 0, "来年": 1, "翌年": 1}
    if text in years:
        return ResolvedDate(date(ref.year + years[text], 1, 1), "year")
    return None  # 先週 / 来週: a week is not a precision the contract has


FUTURE_WORDS = re.compile(r"予定|見通し|見込み|方針|計画|目指|意向|来週|来月|来年|へ(?:。|$)|する(?:。|$)|検討")


def infer_listing_dates(texts: list[str]) -> list[tuple[date | None, bool]]:
    """Reference dates for the items of a listing without publication dates.

    Items run newest first. Each item's own full dates (with a year) are anchors; bare
    dates (27日, 1月13日) take the year and month that keep the listing in order: the
    earliest such date not before the newest date of the items below. Returns, per item,
    its reference date (its latest resolved date, else the date of the item below) and
    whether it was inferred from neighbours rather than read in full from the item.

    >>> [str(d) for d, _ in infer_listing_dates(["27日に会合", "2026年1月20日の閣議"])]
    ['2026-01-27', '2026-01-20']
    """
    n = len(texts)
    mentions = [find_dates(t) for t in texts]
    full: list[list[date]] = [
        [date(m.year, m.month, m.day) for m in ms if m.kind == "absolute" and m.year and m.month and m.day]
        for ms in mentions
    ]
    out: list[tuple[date | None, bool]] = [(None, True)] * n
    lower: date | None = None
    for i in range(n - 1, -1, -1):  # oldest first
        upper_candidates = [d for j in range(i) for d in full[j]]
        upper = min(upper_candidates) if upper_candidates else None
        resolved: list[date] = list(full[i])
        for m in mentions[i]:
            if m.kind not in ("day", "month_day") or lower is None:
                continue
            r = _earliest_not_before(m, lower, upper)
            if r is not None:
                resolved.append(r)
        if resolved:
            ref = max(resolved)
            out[i] = (ref, not full[i] or ref not in full[i])
            lower = max(lower, ref) if lower else ref
        else:
            out[i] = (lower, True)
    return out


def _earliest_not_before(m: DateMention, lower: date, upper: date | None) -> date | None:
    assert m.day is not None
    start = lower.replace(day=1)
    for i in range(0, 24):
        mo = _add_months(start, i)
        if m.month is not None and mo.month != m.month:
            continue
        cand = _day_in_month(mo.year, mo.month, m.day)
        if cand is None or cand < lower:
            continue
        if upper is not None and cand > upper:
            return None
        return cand
    return None
