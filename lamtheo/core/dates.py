"""Date helpers in Vietnamese conventions (dd/mm/yyyy, monthly periods).

Pure standard-library code.  Functions take plain ``date`` objects; a
``datetime`` is accepted too but is used as-is, so convert aware datetimes to
local time (``django.utils.timezone.localdate``) before passing them in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lamtheo.core.vietnamese import nfc

__all__ = [
    "add_months",
    "format_date",
    "month_label",
    "month_slug",
    "month_start",
    "months_between",
    "parse_date",
    "parse_month",
    "party_date_line",
]

# Day-first input as typed in Vietnam: 5/3/2025, 05-03-2025, 05.03.2025.
# The backreference requires the same separator twice, rejecting "05/03-2025".
# [0-9] rather than \d so exotic Unicode digits are not silently accepted.
_DMY = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
# ISO 8601 calendar date, as sent by <input type="date"> and APIs.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# Months: "2025-03" (slug / <input type="month">) or "03/2025" (as displayed).
_MONTH_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_MONTH_MY = re.compile(r"([0-9]{1,2})[/-]([0-9]{4})")


def format_date(d: date | None) -> str:
    """dd/mm/yyyy ("05/03/2025"); None gives "" so templates need no guard."""
    if d is None:
        return ""
    # f-string rather than strftime: %Y is not zero-padded for years < 1000
    # on every platform.
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    # date() validates ranges and month lengths (31/02, 29/02 in non-leap years).
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str | None) -> date | None:
    """Parse a user-typed date; None when empty or invalid.  Never raises.

    Accepts d/m/yyyy with "/", "-" or "." and ISO yyyy-mm-dd.  Two-digit years
    are rejected on purpose: "5/3/25" is ambiguous in old records.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if m := _DMY.fullmatch(text):
        return _safe_date(int(m[4]), int(m[3]), int(m[1]))
    if m := _ISO.fullmatch(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return None


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
        return _safe_date(int(m[1]), int(m[2]), 1)
    if m := _MONTH_MY.fullmatch(text):
        return _safe_date(int(m[2]), int(m[1]), 1)
    return None


def party_date_line(place: str, d: date) -> str:
    """Place-and-date line of a Party document.

    "Nha Trang, ngày 05 tháng 3 năm 2025".  Hướng dẫn 36-HD/VPTW: days below
    10 and months 1 and 2 take a leading zero; other months do not (so a
    "tháng 1" can't be altered into "tháng 11" by hand).
    """
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    line = f"ngày {day} tháng {month} năm {d.year}"
    place = nfc(place)
    return f"{place}, {line}" if place else line
