"""A small line chart of the monthly rates, drawn as inline SVG on the server.

No JavaScript library: the chart shows on an old office PC, on a phone and on paper.
The dashboard shows it as an image of its own (views.chart); the month-by-month page
draws it inline, above a table of the same figures for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from lamtheo.core.figure_tables import percent
from lamtheo.dashboard.selectors import MonthPoint

SUBMITTED = ("Tỷ lệ nộp sổ tay", "chart-submitted")
REVIEWED = ("Tỷ lệ đã nhận xét", "chart-reviewed")
LEGEND = [SUBMITTED, REVIEWED]
# Each line's colour and dashes, drawn as SVG attributes: the standalone image (chart.svg) has
# no stylesheet, and a <style> in it would be blocked by the Content-Security-Policy. On a page,
# lamtheo.css's .chart-* rules say the same.
STROKES = {"chart-submitted": ("#1d6b35", ""), "chart-reviewed": ("#0b4f8a", "7 4")}

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 30  # room for the axis labels
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass
class Point:
    x: float
    y: float
    label: str  # the tooltip: "Tháng 03/2026: 66,7%"


@dataclass
class Line:
    name: str
    css: str
    colour: str
    dash: str  # stroke-dasharray, "" for a solid line
    segments: list[str]  # "x,y x,y …" for each run of months that have a figure
    points: list[Point]


@dataclass
class Chart:
    width: int
    height: int
    lines: list[Line]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    left: int
    right: float
    bottom: float
    label_x: int  # where the y-axis labels end
    label_y: float  # the baseline of the month labels


def _x(month: int) -> float:
    """Months sit at fixed places, so a year still under way fills the chart from the left."""
    return round(LEFT + (month - 1) * PLOT_W / 11, 1)


def _y(rate: float) -> float:
    return round(TOP + PLOT_H * (1 - min(max(rate, 0.0), 1.0)), 1)


def _line(name: str, css: str, series: list[MonthPoint], attr: str) -> Line:
    segments: list[str] = []
    points: list[Point] = []
    run: list[str] = []
    for p in series:
        rate = getattr(p, attr)
        if rate is None:  # nobody counted that month: break the line rather than draw 0
            if run:
                segments.append(" ".join(run))
            run = []
            continue
        x, y = _x(p.month.month), _y(rate)
        run.append(f"{x},{y}")
        points.append(Point(x, y, f"Tháng {p.month:%m/%Y}: {percent(rate)}"))
    if run:
        segments.append(" ".join(run))
    return Line(name, css, *STROKES[css], segments, points)


def monthly_chart(series: list[MonthPoint]) -> Chart:
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        lines=[
            _line(*SUBMITTED, series, "submission_rate"),
            _line(*REVIEWED, series, "review_rate"),
        ],
        x_ticks=[(_x(m), f"T{m}") for m in range(1, 13)],
        y_ticks=[(_y(v / 100), f"{v}%") for v in (0, 25, 50, 75, 100)],
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=TOP + PLOT_H,
        label_x=LEFT - 6,
        label_y=TOP + PLOT_H + 20,
    )
