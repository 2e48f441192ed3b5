"""Months and years: the periods the campaign's records and figures are kept by.

A month is always the ``date`` of its first day. The pages pick a period with ?thang=YYYY-MM
or ?nam=YYYY; anything invalid or in the future falls back to a sensible default rather
than failing, and only periods that have begun are offered in the pickers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from urllib.parse import urlencode

from django.utils import timezone

__all__ = [
    "FIRST_YEAR",
    "YEARS_OFFERED",
    "add_months",
    "default_month",
    "month_label",
    "month_slug",
    "month_start",
    "months_between",
    "months_of_year",
    "months_offered",
    "parse_month",
    "period_from",
    "today",
    "year_from",
    "year_links",
    "years_offered",
]

# Chỉ thị 03-CT/TW (2011) started the yearly registration; nothing older is kept.
FIRST_YEAR = 2011
YEARS_OFFERED = 5

# Months: "2025-03" (slug / <input type="month">) or "03/2025" (as displayed).
# [0-9] rather than \d so exotic Unicode digits are not silently accepted.
_MONTH_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_MONTH_MY = re.compile(r"([0-9]{1,2})[/-]([0-9]{4})")
_YEAR = re.compile(r"[0-9]{4}")


# --- month arithmetic -----------------------------------------------------------------


def month_start(d: date) -> date:
    """First day of d's month (always a plain date, even for a datetime)."""
    return date(d.year, d.month, 1)


def add_months(d: date, n: int) -> date:
    """First day of the month n months after d's month (n may be negative)."""
    # Count months from year 0 so year boundaries need no special case.
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, 1)


def months_between(start: date, end: date) -> Iterator[date]:
    """First-of-month dates from start's month to end's month, inclusive.

    Empty when end's month is before start's month.
    """
    current = month_start(start)
    last = month_start(end)
    while current <= last:
        yield current
        current = add_months(current, 1)


def months_of_year(year: int) -> list[date]:
    """The twelve months of `year`."""
    return [date(year, m, 1) for m in range(1, 13)]


# --- months as text -------------------------------------------------------------------


def month_label(d: date) -> str:
    """Human label for a monthly period: "Tháng 03/2025"."""
    return f"Tháng {d.month:02d}/{d.year:04d}"


def month_slug(d: date) -> str:
    """URL/query-string form of a month: "2025-03" (inverse of parse_month)."""
    return f"{d.year:04d}-{d.month:02d}"


def parse_month(text: str | None) -> date | None:
    """Parse "2025-03" or "03/2025" (also "3/2025") to the first of that month.

    None when empty or invalid; never raises.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if m := _MONTH_ISO.fullmatch(text):
        return _first_of(int(m[1]), int(m[2]))
    if m := _MONTH_MY.fullmatch(text):
        return _first_of(int(m[2]), int(m[1]))
    return None


def _first_of(year: int, month: int) -> date | None:
    try:
        return date(year, month, 1)
    except ValueError:  # month 13, year 0
        return None


# --- the periods a page offers and reads ----------------------------------------------


def today() -> date:
    """Today in the project's time zone (Asia/Ho_Chi_Minh), not the server's."""
    return timezone.localdate()


def default_month(on: date | None = None) -> date:
    """The previous month: a month's entries are due in the first days of the next."""
    return add_months(month_start(on or today()), -1)


def months_offered(year: int, on: date | None = None) -> list[date]:
    """The months of `year` that have begun (future months are never offered)."""
    current = month_start(on or today())
    last = 12 if year < current.year else (current.month if year == current.year else 0)
    return [date(year, m, 1) for m in range(1, last + 1)]


def years_offered(on: date | None = None) -> list[int]:
    """This year and the few before it (not before FIRST_YEAR), newest first."""
    current = (on or today()).year
    return list(range(current, max(FIRST_YEAR, current - YEARS_OFFERED + 1) - 1, -1))


def year_links(current: int, on: date | None = None) -> list[dict]:
    """The year links above a figures page: each offered year, its query, and which one
    is shown."""
    return [
        {"year": y, "query": urlencode({"nam": y}), "current": y == current}
        for y in years_offered(on)
    ]


def period_from(params: Mapping[str, str], on: date | None = None) -> date:
    """The month asked for by ?thang=YYYY-MM or ?nam=YYYY; anything invalid or in the
    future falls back to the default month rather than failing."""
    current = month_start(on or today())
    month = parse_month(params.get("thang"))
    if month is not None and FIRST_YEAR <= month.year and month <= current:
        return month
    raw_year = (params.get("nam") or "").strip()
    if _YEAR.fullmatch(raw_year) and FIRST_YEAR <= int(raw_year) <= current.year:
        year = int(raw_year)
        if year < current.year:
            return date(year, 12, 1)
        fallback = default_month(current)
        return fallback if fallback.year == year else current
    return default_month(current)


def year_from(params: Mapping[str, str], on: date | None = None) -> int:
    """The year asked for by ?nam=YYYY, kept between FIRST_YEAR and this year; this year
    when it is missing or not a number."""
    this_year = (on or today()).year
    try:
        return min(max(int(params.get("nam", this_year)), FIRST_YEAR), this_year)
    except ValueError:
        return this_year


EARLIEST_MONTH = date(1930, 2, 1)  # the month the Party was founded


def move_month_problem(month: date, *, on: date | None = None, what: str = "Tháng") -> str | None:
    """Why `month` cannot be the month a person moves, leaves, returns or is exempted from
    (before the Party was founded, or later than next month: a move is recorded once
    decided), in Vietnamese; None when it can."""
    latest = add_months(month_start(on or today()), 1)
    if month < EARLIEST_MONTH:
        return f"{what} phải từ tháng {EARLIEST_MONTH:%m/%Y} trở về sau."
    if month > latest:
        return f"{what} chỉ được đến tháng {latest:%m/%Y}; vui lòng ghi nhận khi đã có quyết định."
    return None
