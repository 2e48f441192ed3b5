from __future__ import annotations

from datetime import date

import pytest

from lamtheo.dashboard.selectors import months_offered, period_from, years_offered

ON = date(2026, 11, 22)


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
