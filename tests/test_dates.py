"""The date resolver: GUIDELINES section 4 as tables, plus properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.dates import find_dates, infer_listing_dates, kanji_number, resolve
from loaders.normalize import normalize

REF = date(2026, 1, 28)


@pytest.mark.parametrize(
    ("text", "reference", "future", "expected"),
    [
        ("27日", REF, False, ("2026-01-27", "day")),
        ("28日", REF, False, ("2026-01-28", "day")),
        ("29日", REF, False, ("2025-12-29", "day")),  # the last 29th not after publication
        ("30日", REF, True, ("2026-01-30", "day")),  # about the future: the next one
        ("12月4日", date(2026, 1, 10), False, ("2025-12-04", "day")),
        ("2月4日", date(2026, 1, 10), True, ("2026-02-04", "day")),
        ("2025年10月28日午前", REF, False, ("2025-10-28", "day")),
        ("2026年1月", REF, False, ("2026-01", "month")),
        ("2026年", REF, False, ("2026", "year")),
        ("１２月４日", date(2026, 1, 10), False, ("2025-12-04", "day")),  # full-width digits
        ("十二月四日", date(2026, 1, 10), False, ("2025-12-04", "day")),  # kanji numerals
        ("二十八日", REF, False, ("2026-01-28", "day")),
        ("先月27日", date(2026, 3, 3), False, ("2026-02-27", "day")),
        ("来月", REF, False, ("2026-02", "month")),
        ("昨年", REF, False, ("2025", "year")),
        ("米東部時間1月12日(日本時間13日)", date(2026, 1, 14), False, ("2026-01-12", "day")),
        ("現地時間２日", date(2025, 10, 3), False, ("2025-10-02", "day")),
        # era years, slashes and dots
        ("令和7年5月3日", REF, False, ("2025-05-03", "day")),
        ("令和元年", REF, False, ("2019", "year")),
        ("平成31年4月", REF, False, ("2019-04", "month")),
        ("7/18", date(2025, 9, 1), False, ("2025-07-18", "day")),
        ("2025.7.18", REF, False, ("2025-07-18", "day")),
        ("2025/11/3", REF, False, ("2025-11-03", "day")),
        # relatives by name, and year + month
        ("一昨年", REF, False, ("2024", "year")),
        ("再来年", REF, False, ("2028", "year")),
        ("先々月", REF, False, ("2025-11", "month")),
        ("明後日", REF, False, ("2026-01-30", "day")),
        ("来年1月", date(2025, 11, 20), False, ("2026-01", "month")),
        ("昨年12月4日", REF, False, ("2025-12-04", "day")),
        ("今月5日", REF, False, ("2026-01-05", "day")),
        # counted relatives: 前 from publication
        ("3日前", REF, False, ("2026-01-25", "day")),
        ("半年前", REF, False, ("2025-07", "month")),
        ("1年前", REF, False, ("2025", "year")),
        # ranges: the first day, in agreement with the last
        ("29〜30日", REF, False, ("2025-12-29", "day")),
        ("27〜28日", REF, False, ("2026-01-27", "day")),
        ("30〜1日", date(2026, 2, 3), False, ("2026-01-30", "day")),
        ("10月29〜30日", REF, False, ("2025-10-29", "day")),
        ("11月29日から12月1日まで", REF, False, ("2025-11-29", "day")),
    ],
)
def test_resolve(text: str, reference: date, future: bool, expected: tuple[str, str]) -> None:
    mentions = find_dates(normalize(text))
    assert mentions, f"no date found in {text!r}"
    r = resolve(mentions[0], reference, future=future)
    assert r is not None
    assert (r.iso, r.precision) == expected


@pytest.mark.parametrize(
    "text",
    ["2025年度予算", "3カ月間", "5日間の日程", "1990年代", "日本", "2カ月ぶりに会談", "10日ぶり", "交渉2日目",
     "30日以内に"],
)
def test_not_dates(text: str) -> None:
    assert find_dates(normalize(text)) == []


def test_counted_forward_from_the_date_last_told() -> None:
    told = resolve(find_dates("12月4日")[0], date(2026, 1, 10))
    assert resolve(find_dates("その3日後")[0], date(2026, 1, 10), last=told).iso == "2025-12-07"
    assert resolve(find_dates("同月20日")[0], date(2026, 1, 10), last=told).iso == "2025-12-20"


@pytest.mark.parametrize("text", ["先週", "来週", "2週間前", "3週間後"])
def test_weeks_are_never_a_wrong_day(text: str) -> None:
    ms = find_dates(text)
    assert len(ms) == 1
    assert resolve(ms[0], REF) is None


def test_same_day_is_the_date_last_mentioned() -> None:
    ms = find_dates("12月4日に調印したが、同日も戦闘が続いた")
    first = resolve(ms[0], date(2026, 1, 10))
    same = resolve(ms[1], date(2026, 1, 10), last=first)
    assert same == first
    assert resolve(find_dates("翌日")[0], REF, last=first).iso == "2025-12-05"


def test_listing_dates_follow_the_order_of_items() -> None:
    items = ["G7は27日に会合", "政府は1月20日の閣議で", "政府は2026年1月20日に", "米国務省は11日、12日に会合",
             "12月4日に調印", "19日のインタビュー", "2025年10月28日午前"]
    got = [(d.isoformat() if d else None, inferred) for d, inferred in infer_listing_dates(items)]
    assert got == [
        ("2026-01-27", True), ("2026-01-20", True), ("2026-01-20", False), ("2025-12-12", True),
        ("2025-12-04", True), ("2025-11-19", True), ("2025-10-28", False),
    ]


@given(st.integers(min_value=1, max_value=9999))
def test_kanji_numbers_round_trip(n: int) -> None:
    digits = "〇一二三四五六七八九"
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, rest = "", n
    for value, char in units:
        q, rest = divmod(rest, value)
        if q:
            out += ("" if q == 1 else digits[q]) + char
    if rest:
        out += digits[rest]
    assert kanji_number(out) == n


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 31))
def test_a_bare_day_is_never_after_publication(reference: date, day: int) -> None:
    r = resolve(find_dates(f"{day}日")[0], reference)
    assert r is not None
    assert r.value <= reference
    assert r.value.day == day
    assert reference - r.value < timedelta(days=92)  # within the last few months


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 28))
def test_a_future_day_is_never_before_publication(reference: date, day: int) -> None:
    r = resolve(find_dates(f"{day}日")[0], reference, future=True)
    assert r is not None and r.value >= reference and r.value.day == day
