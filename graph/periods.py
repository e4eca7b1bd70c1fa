"""Event dates as periods: a date given to the month or year covers every day of it, so a
filter by date range keeps an event whose period overlaps the range (as the canned queries do)."""

from __future__ import annotations

import calendar


def period(date: str | None, precision: str | None = None) -> tuple[str, str] | None:
    """The first and last day of a date given to the day, month or year (None when undated
    or unreadable); ``precision`` ("month", "year") widens a full date that stands for more.

    >>> period("2026-02"), period("2024"), period("2026-01-13T00:00:00"), period(None), period("x")
    (('2026-02-01', '2026-02-28'), ('2024-01-01', '2024-12-31'), ('2026-01-13', '2026-01-13'), None, None)
    >>> period("2026-01-01", "month"), period("2026-01-01", "year")
    (('2026-01-01', '2026-01-31'), ('2026-01-01', '2026-12-31'))
    """
    if not date:
        return None
    keep = {"month": 7, "year": 4}.get(precision or "", 10)
    parts = date[:keep].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        day = int(parts[2])
        return f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}-{day:02d}"
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None
