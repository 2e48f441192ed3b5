from __future__ import annotations

from datetime import date, datetime

import pytest

from lamtheo.core.dates import format_date, parse_date, party_date_line

# --- format_date / parse_date ----------------------------------------------


def test_format_date_uses_day_month_year_with_leading_zeros():
    assert format_date(date(2025, 3, 5)) == "05/03/2025"
    assert format_date(date(2025, 11, 15)) == "15/11/2025"


def test_format_date_of_none_is_empty():
    assert format_date(None) == ""


def test_format_date_accepts_a_datetime():
    assert format_date(datetime(2025, 3, 5, 23, 59)) == "05/03/2025"


def test_format_date_pads_small_years():
    assert format_date(date(999, 1, 2)) == "02/01/0999"


@pytest.mark.parametrize(
    "text",
    ["5/3/2025", "05/03/2025", "05-03-2025", "05.03.2025", "2025-03-05", "  05/03/2025  "],
)
def test_parse_date_accepts_common_vietnamese_and_iso_forms(text):
    assert parse_date(text) == date(2025, 3, 5)


def test_parse_date_reads_day_before_month():
    assert parse_date("12/01/2025") == date(2025, 1, 12)


def test_parse_date_accepts_a_real_leap_day():
    assert parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2025",
        "29/02/2025",
        "00/01/2025",
        "32/01/2025",
        "01/13/2025",
        "2025-13-01",
        "2025-02-30",
        "01/01/0000",
        "5/3/25",
        "05/03-2025",
        "05/03/2025 10:00",
        "abc",
        "",
        "   ",
        "٠٥/٠٣/٢٠٢٥",  # Arabic-Indic digits
    ],
)
def test_parse_date_returns_none_for_invalid_text(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("value", [None, 20250305, date(2025, 3, 5)])
def test_parse_date_never_raises_on_non_strings(value):
    assert parse_date(value) is None


def test_parse_date_round_trips_format_date():
    d = date(2024, 12, 31)
    assert parse_date(format_date(d)) == d


# --- party_date_line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 3, 5), "Nha Trang, ngày 05 tháng 3 năm 2025"),
        (date(2025, 2, 5), "Nha Trang, ngày 05 tháng 02 năm 2025"),
        (date(2025, 1, 9), "Nha Trang, ngày 09 tháng 01 năm 2025"),
        (date(2025, 11, 15), "Nha Trang, ngày 15 tháng 11 năm 2025"),
        (date(2025, 12, 10), "Nha Trang, ngày 10 tháng 12 năm 2025"),
        (date(2025, 10, 1), "Nha Trang, ngày 01 tháng 10 năm 2025"),
    ],
)
def test_party_date_line_pads_days_below_10_and_only_months_1_and_2(d, expected):
    assert party_date_line("Nha Trang", d) == expected


def test_party_date_line_normalizes_the_place():
    assert (
        party_date_line("  Khánh   Hòa ", date(2025, 9, 2)) == "Khánh Hòa, ngày 02 tháng 9 năm 2025"
    )


def test_party_date_line_without_place_has_no_leading_comma():
    assert party_date_line("", date(2025, 9, 2)) == "ngày 02 tháng 9 năm 2025"
