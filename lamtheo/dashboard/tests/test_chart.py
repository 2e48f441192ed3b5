from __future__ import annotations

from datetime import date

from lamtheo.core.figure_tables import percent
from lamtheo.dashboard.chart import monthly_chart
from lamtheo.dashboard.selectors import MonthPoint


def test_percent_uses_a_decimal_comma_and_a_dash_for_nothing():
    assert percent(2 / 3) == "66,7%"
    assert percent(0.25) == "25%"
    assert percent(None) == "—"


def test_a_month_with_nobody_to_count_breaks_the_line():
    series = [
        MonthPoint(date(2025, 1, 1), 10, 5, 5),
        MonthPoint(date(2025, 2, 1), 0, 0, 0),
        MonthPoint(date(2025, 3, 1), 10, 10, 0),
    ]
    submitted = monthly_chart(series).lines[0]
    assert len(submitted.segments) == 2
    assert len(submitted.points) == 2


def test_full_rates_sit_on_top_and_months_keep_their_place():
    chart = monthly_chart([MonthPoint(date(2025, 3, 1), 4, 4, 2)])
    point = chart.lines[0].points[0]
    assert point.y == min(y for y, _ in chart.y_ticks)
    assert point.x == chart.x_ticks[2][0]  # March, even when January and February are absent
    assert chart.lines[1].points[0].label.endswith("50%")
