from __future__ import annotations

from datetime import date, datetime

import pytest

from lamtheo.core.periods import (
    FIRST_YEAR,
    add_months,
    default_month,
    month_label,
    month_slug,
    month_start,
    months_between,
    months_of_year,
    months_offered,
    parse_month,
    period_from,
    year_from,
    year_links,
    years_offered,
)

ON = date(2026, 11, 22)

# --- months ------------------------------------------------------------------


def test_month_start_is_the_first_day_of_the_month():
    assert month_start(date(2025, 3, 31)) == date(2025, 3, 1)
    assert month_start(date(2025, 3, 1)) == date(2025, 3, 1)


def test_month_start_of_a_datetime_is_a_plain_date():
    result = month_start(datetime(2025, 3, 5, 8, 30))
    assert result == date(2025, 3, 1)
    assert type(result) is date


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 3, 5), 0, date(2025, 3, 1)),
        (date(2025, 3, 5), 1, date(2025, 4, 1)),
        (date(2025, 12, 15), 1, date(2026, 1, 1)),
        (date(2025, 1, 31), -1, date(2024, 12, 1)),
        (date(2025, 1, 31), 1, date(2025, 2, 1)),  # no day overflow into March
        (date(2025, 3, 1), -13, date(2024, 2, 1)),
        (date(2025, 3, 1), 24, date(2027, 3, 1)),
        (date(2025, 11, 1), 14, date(2027, 1, 1)),
    ],
)
def test_add_months_works_across_year_boundaries(start, n, expected):
    assert add_months(start, n) == expected


def test_months_between_spans_a_new_year_inclusively():
    assert list(months_between(date(2024, 11, 20), date(2025, 2, 3))) == [
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]


def test_months_between_within_one_month_yields_that_month():
    assert list(months_between(date(2025, 3, 1), date(2025, 3, 31))) == [date(2025, 3, 1)]


def test_months_between_is_empty_when_end_is_before_start():
    assert list(months_between(date(2025, 3, 1), date(2025, 2, 28))) == []


def test_month_label_is_vietnamese():
    assert month_label(date(2025, 3, 17)) == "Tháng 03/2025"
    assert month_label(date(2025, 12, 1)) == "Tháng 12/2025"


def test_month_slug_is_year_dash_month():
    assert month_slug(date(2025, 3, 17)) == "2025-03"


@pytest.mark.parametrize("text", ["2025-03", "03/2025", "3/2025", "2025-3", " 2025-03 "])
def test_parse_month_accepts_slug_and_display_forms(text):
    assert parse_month(text) == date(2025, 3, 1)


@pytest.mark.parametrize(
    "text", ["2025-13", "2025-00", "13/2025", "03/25", "2025-03-05", "abc", "", None]
)
def test_parse_month_returns_none_for_invalid_text(text):
    assert parse_month(text) is None


def test_parse_month_round_trips_month_slug():
    for d in months_between(date(2024, 10, 1), date(2025, 3, 1)):
        assert parse_month(month_slug(d)) == d


def test_months_of_year_are_the_twelve_firsts():
    months = months_of_year(2025)
    assert len(months) == 12 and months[0] == date(2025, 1, 1) and months[-1] == date(2025, 12, 1)


# --- the periods a page offers and reads -----------------------------------------------


def test_the_default_month_is_the_month_before():
    assert default_month(ON) == date(2026, 10, 1)
    assert default_month(date(2027, 1, 31)) == date(2026, 12, 1)


def test_the_default_month_is_the_previous_one():
    assert period_from({}, on=ON) == date(2026, 10, 1)


def test_in_january_the_default_is_december_of_last_year():
    assert period_from({}, on=date(2027, 1, 3)) == date(2026, 12, 1)


def test_a_month_in_the_query_is_used():
    assert period_from({"thang": "2026-03"}, on=ON) == date(2026, 3, 1)
    assert period_from({"thang": "03/2025"}, on=ON) == date(2025, 3, 1)


def test_the_current_month_may_be_asked_for_but_not_a_future_one():
    assert period_from({"thang": "2026-11"}, on=ON) == date(2026, 11, 1)
    assert period_from({"thang": "2026-12"}, on=ON) == date(2026, 10, 1)


def test_a_past_year_opens_on_december_and_this_year_on_the_default():
    assert period_from({"nam": "2024"}, on=ON) == date(2024, 12, 1)
    assert period_from({"nam": "2026"}, on=ON) == date(2026, 10, 1)
    assert period_from({"nam": "2027"}, on=date(2027, 1, 3)) == date(2027, 1, 1)


@pytest.mark.parametrize(
    "params",
    [
        {"thang": "abc"},
        {"thang": "2026-13"},
        {"thang": "1900-01"},
        {"nam": "99999"},
        {"nam": "2030"},
        {"nam": " "},
        {"nam": "１２３４"},
        {"thang": ""},
    ],
)
def test_bad_values_fall_back_to_the_default(params):
    assert period_from(params, on=ON) == date(2026, 10, 1)


def test_only_begun_months_are_offered():
    assert months_offered(2026, on=ON)[-1] == date(2026, 11, 1)
    assert len(months_offered(2025, on=ON)) == 12
    assert months_offered(2027, on=ON) == []


def test_the_last_five_years_are_offered_newest_first():
    assert years_offered(on=ON) == [2026, 2025, 2024, 2023, 2022]


def test_the_year_links_mark_the_year_shown():
    links = year_links(2025, on=ON)
    assert [link["year"] for link in links] == [2026, 2025, 2024, 2023, 2022]
    assert [link["current"] for link in links] == [False, True, False, False, False]
    assert links[0]["query"] == "nam=2026"


def test_no_year_before_the_campaign_is_offered():
    assert years_offered(on=date(FIRST_YEAR + 1, 6, 1)) == [FIRST_YEAR + 1, FIRST_YEAR]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 2026),
        ({"nam": "2024"}, 2024),
        ({"nam": "2030"}, 2026),
        ({"nam": "1990"}, FIRST_YEAR),
        ({"nam": "abc"}, 2026),
        ({"nam": ""}, 2026),
    ],
)
def test_year_from_keeps_the_year_between_the_first_year_and_this_year(params, expected):
    assert year_from(params, on=ON) == expected
