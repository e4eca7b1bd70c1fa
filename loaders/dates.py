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
# what may follow a day number when it is not a date: 3日間 (a duration), 10日ぶり, 2日目,
# 30日以内, 日本 / 日米 (Japan), 日銀
_NOT_DAY_AFTER = r"(?!間|本|米|中|印|韓|英|露|豪|銀|目|ぶり|以内|余り|前|後)"
# 29〜30日, 10月29〜30日: the second day of a range, read with the first
_RANGE_TAIL = rf"(?:[〜~～\-－]{_N})?"
_DATE = re.compile(
    rf"""
    (?P<paren>\((?:日本時間|現地時間|米東部時間|米国時間|[^()]{{0,6}}時間)[^()]{{0,20}}\))
  | (?P<samemd>同月(?P<smd>{_N})日)
  | (?P<same>同日|同月|前日|翌日|同年)
  | (?P<relday>(?P<rm>先々月|先月|今月|来月)(?P<rd>{_N})日)
  | (?P<relyear>(?P<ry>一昨年|昨年|去年|今年|来年|再来年)(?P<rym>{_N})月(?:(?P<ryd>{_N})日)?)
  | (?P<counted>(?P<cn>{_N}|半)(?P<cu>日|週間|カ月|か月|ヵ月|ヶ月|ケ月|年)(?P<cd>前|後)(?!半))
  | (?P<rel>一昨日|明後日|昨日|今日|本日|明日|先々月|先月|今月|来月|一昨年|再来年|昨年|去年|今年|来年|前年|翌年|
        先々週|先週|今週|来週)
  | (?P<wday>[月火水木金土日])曜(?:日)?
  | (?P<era>(?P<en>令和|平成)(?P<ey>元|{_N})年(?!度|代|第)(?:(?P<em>{_N})月(?:(?P<ed>{_N})日)?)?)
  | (?P<ymd>(?P<y>\d{{4}}|[〇一二三四五六七八九]{{4}})年(?!度|代|第)
        (?:(?P<m>{_N})月(?:(?P<d>{_N}){_RANGE_TAIL}日)?)?)
  | (?<![\d./])(?P<slash>(?:(?P<sy>\d{{4}})[/.])?(?P<sm>\d{{1,2}})/(?P<sd>\d{{1,2}})(?![\d/]))
  | (?<![\d./])(?P<dotted>(?P<dy>\d{{4}})\.(?P<dm>\d{{1,2}})\.(?P<dd>\d{{1,2}})(?![\d.]))
  | (?<![\dカかヵヶケ〇一二三四五六七八九十])(?P<m2>{_N})月(?!期|前|後)(?:(?P<d2>{_N}){_RANGE_TAIL}日{_NOT_DAY_AFTER})?
  | (?<![\d月〇一二三四五六七八九十])(?P<drange>(?P<r1>\d{{1,2}})[〜~～\-－](?P<r2>\d{{1,2}})日{_NOT_DAY_AFTER})
  | (?<![\d月〇一二三四五六七八九十])(?P<d3>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[二三]十)
      日{_NOT_DAY_AFTER}
    """,
    re.VERBOSE,
)
# the second end of a range (29〜30日, 11月29日から12月1日): the range is dated by its start
_RANGE_GAP = re.compile(r"^(?:〜|~|～|-|－|から)$")
_ERA_START = {"令和": 2018, "平成": 1988}


@dataclass(frozen=True)
class DateMention:
    """A date expression as written. Fields the text leaves open are None."""

    start: int
    end: int
    text: str
    kind: str  # "absolute", "month_day", "day", "month", "same", "relative", "counted", "weekday"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_day: int | None = None  # 29〜30日: the range is dated by its first day, in the month of its last


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text`` (normalised: ASCII digits), in order.

    >>> [m.kind for m in find_dates("米東部時間1月12日(日本時間13日)に会合、同日署名。3カ月後")]
    ['month_day', 'same', 'counted']
    >>> find_dates("2025年度予算で"), find_dates("公告2025年第51号")  # a fiscal year, a document number
    ([], [])
    >>> [(m.kind, m.year) for m in find_dates("2025年前半に")]  # the year's first half, not 2025 years ago
    [('absolute', 2025)]
    >>> [(m.text, m.day) for m in find_dates("29〜30日に開く")]
    [('29〜30日', 29)]
    """
    out: list[DateMention] = []
    for m in _DATE.finditer(text):
        if m.group("paren"):
            continue
        try:
            dm = _mention(m)
        except ValueError:
            continue
        if dm is None:
            continue
        if out and _RANGE_GAP.match(text[out[-1].end : dm.start]):
            continue  # 11月29日〜12月1日: the end of a range
        out.append(dm)
    return out


def _mention(m: re.Match[str]) -> DateMention | None:
    s, e, t = m.start(), m.end(), m.group(0)
    g = m.group
    if g("samemd"):
        d = kanji_number(g("smd"))
        return DateMention(s, e, t, "same", None, None, d) if 1 <= d <= 31 else None
    if g("relday"):
        rd = kanji_number(g("rd"))
        return DateMention(s, e, t, "relative", None, None, rd) if 1 <= rd <= 31 else None
    if g("relyear"):
        mo = kanji_number(g("rym"))
        dd = kanji_number(g("ryd")) if g("ryd") else None
        return DateMention(s, e, t, "relative", None, mo, dd) if _valid(2000, mo, dd) else None
    if g("counted"):
        n = 0.5 if g("cn") == "半" else kanji_number(g("cn"))
        sign = -1 if g("cd") == "前" else 1
        unit = {"日": "day", "週間": "week", "年": "year"}.get(g("cu"), "month")
        if unit == "month" and n != int(n):
            return None
        months = int(n * 12) if unit == "year" and n != int(n) else None
        if months is not None:  # 半年前: six months
            return DateMention(s, e, t, "counted", None, sign * months, None)
        count = int(n) if n == int(n) else 0
        if not count or count >= 1000:  # 2025年前半 is a year's first half, not 2025 years ago
            return None
        return DateMention(s, e, t, "counted", *{
            "day": (None, None, sign * count), "week": (None, None, sign * 7 * count),
            "month": (None, sign * count, None), "year": (sign * count, None, None)}[unit])
    if g("wday"):  # 月曜日: the weekday, Monday 0
        return DateMention(s, e, t, "weekday", None, None, "月火水木金土日".index(g("wday")))
    if g("same") or g("rel"):
        return DateMention(s, e, t, "same" if g("same") else "relative")
    if g("era"):
        y = _ERA_START[g("en")] + (1 if g("ey") == "元" else kanji_number(g("ey")))
        return _absolute(s, e, t, y, g("em"), g("ed"))
    if g("ymd"):
        return _absolute(s, e, t, kanji_number(g("y")), g("m"), g("d"))
    if g("dotted"):
        return _absolute(s, e, t, int(g("dy")), g("dm"), g("dd"))
    if g("slash"):
        if g("sy"):
            return _absolute(s, e, t, int(g("sy")), g("sm"), g("sd"))
        mo, dd = int(g("sm")), int(g("sd"))
        return DateMention(s, e, t, "month_day", None, mo, dd) if _valid(2000, mo, dd) else None
    if g("m2"):
        mo = kanji_number(g("m2"))
        dd = kanji_number(g("d2")) if g("d2") else None
        return DateMention(s, e, t, "month_day" if dd else "month", None, mo, dd) if _valid(2000, mo, dd) else None
    if g("drange"):
        first, last = int(g("r1")), int(g("r2"))
        if 1 <= first <= 31 and 1 <= last <= 31:
            return DateMention(s, e, t, "day", None, None, first, end_day=last)
        return None
    if g("d3"):
        d = kanji_number(g("d3"))
        if 1 <= d <= 31:
            return DateMention(s, e, t, "day", None, None, d)
    return None


def _absolute(s: int, e: int, t: str, y: int, mo_s: str | None, d_s: str | None) -> DateMention | None:
    mo = kanji_number(mo_s) if mo_s else None
    dd = kanji_number(d_s) if d_s else None
    return DateMention(s, e, t, "absolute", y, mo, dd) if _valid(y, mo, dd) else None


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
    >>> resolve(find_dates("月曜日")[0], ref).iso, resolve(find_dates("水曜")[0], ref).iso  # ref: a Wednesday
    ('2026-01-26', '2026-01-28')
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
        if mention.day is not None:  # 同月27日
            d = _day_in_month(last.value.year, last.value.month, mention.day)
            return ResolvedDate(d, "day") if d else None
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
    if k == "counted":
        return _counted(mention, reference, last)
    if k == "weekday":  # 月曜日: the last such day not after publication (the next one, of what is to come)
        assert mention.day is not None
        back = (reference.weekday() - mention.day) % 7
        ahead = (mention.day - reference.weekday()) % 7
        return ResolvedDate(reference + timedelta(days=ahead) if future else reference - timedelta(days=back), "day")
    if k == "relative":
        if mention.month is not None:  # 来年1月, 昨年12月4日
            rel = _relative(re.sub(r"\d.*|[〇一二三四五六七八九十]+月.*", "", mention.text), reference)
            if rel is None:
                return None
            if mention.day is None:
                return ResolvedDate(date(rel.value.year, mention.month, 1), "month")
            d = _day_in_month(rel.value.year, mention.month, mention.day)
            return ResolvedDate(d, "day") if d else None
        if mention.day is not None:  # 先月27日
            rel = _relative(mention.text[: -len(str(mention.day)) - 1] if mention.text[-1] == "日" else "", reference)
            rel = rel or _relative(mention.text[:2], reference)
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
    if k == "day" and mention.end_day is not None and mention.day is not None:  # 29〜30日: the first day
        end = resolve(DateMention(mention.start, mention.end, mention.text, "day", day=mention.end_day),
                      reference, future=future)
        if end is None:
            return None
        first = end.value.replace(day=1) if mention.day <= mention.end_day else _add_months(end.value, -1)
        d = _day_in_month(first.year, first.month, mention.day)
        return ResolvedDate(d, "day") if d else None
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


def _counted(mention: DateMention, reference: date, last: ResolvedDate | None) -> ResolvedDate | None:
    """3日後 / 1年前 / 半年前: counted from the date last told (後) or from publication (前).
    Weeks give no day (先週 and 2週間前 are not days the text pins down)."""
    base = last.value if last is not None and mention.text.endswith("後") and last.precision == "day" else reference
    try:
        if mention.day is not None:
            if abs(mention.day) % 7 == 0 and "週" in mention.text:
                return None
            return ResolvedDate(base + timedelta(days=mention.day), "day")
        if mention.month is not None:
            return ResolvedDate(_add_months(base, mention.month), "month")
        if mention.year is not None:
            return ResolvedDate(date(base.year + mention.year, 1, 1), "year")
    except (ValueError, OverflowError):  # a count past the calendar's ends: no date
        return None
    return None


def _relative(text: str, ref: date) -> ResolvedDate | None:
    days = {"一昨日": -2, "昨日": -1, "今日": 0, "本日": 0, "明日": 1, "明後日": 2}
    if text in days:
        return ResolvedDate(ref + timedelta(days=days[text]), "day")
    months = {"先々月": -2, "先月": -1, "今月": 0, "来月": 1}
    if text in months:
        return ResolvedDate(_add_months(ref, months[text]), "month")
    years = {"一昨年": -2, "昨年": -1, "去年": -1, "前年": -1, "今年": 0, "来年": 1, "翌年": 1, "再来年": 2}
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
