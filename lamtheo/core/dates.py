"""Date helpers in Vietnamese conventions (dd/mm/yyyy, the date line of a Party document).

Months and years (first of the month, month arithmetic, the periods a page offers) are in
``lamtheo.core.periods``.

Pure standard-library code.  Functions take plain ``date`` objects; a
``datetime`` is accepted too but is used as-is, so convert aware datetimes to
local time (``django.utils.timezone.localdate``) before passing them in.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from lamtheo.core.vietnamese import nfc

__all__ = [
    "EARLIEST_DATE",
    "historical_date_problem",
    "latest_historical_date",
    "latest_scheduled_date",
    "format_date",
    "parse_date",
    "party_date_line",
]

# Day-first input as typed in Vietnam: 5/3/2025, 05-03-2025, 05.03.2025.
# The backreference requires the same separator twice, rejecting "05/03-2025".
# [0-9] rather than \d so exotic Unicode digits are not silently accepted.
_DMY = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
# ISO 8601 calendar date, as sent by <input type="date"> and APIs.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


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


# Bounds of the dates a person types (a typing slip such as 01/01/0001 or 31/12/9999 must not
# be saved, nor send notices, nor change the current cell at once).
EARLIEST_DATE = date(1930, 2, 3)  # the Party was founded on 3 February 1930
SCHEDULE_DAYS = 365  # a meeting is announced at most a year ahead


def latest_historical_date(on: date) -> date:
    """The last day of next year: the latest a record of something done may carry."""
    return date(on.year + 1, 12, 31)


def latest_scheduled_date(on: date) -> date:
    return on + timedelta(days=SCHEDULE_DAYS)


def historical_date_problem(d: date, *, on: date, what: str = "Ngày") -> str | None:
    """Why `d` cannot be the date of a party record (before the Party was founded, after next
    year), in Vietnamese; None when it can."""
    if d < EARLIEST_DATE:
        return f"{what} phải từ ngày {format_date(EARLIEST_DATE)} trở về sau."
    latest = latest_historical_date(on)
    if d > latest:
        return f"{what} không được sau ngày {format_date(latest)}; vui lòng kiểm tra lại năm."
    return None
