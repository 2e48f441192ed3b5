from __future__ import annotations

from dataclasses import dataclass

from django.template import Context, Template

from lamtheo.core.figure_tables import (
    Cell,
    Column,
    count_text,
    figures_table,
    parse_column_sort,
    percent,
    ratio,
    sort_by_column,
    sort_links,
    sort_text,
)
from lamtheo.orgs.models import OrgUnit


@dataclass
class Counts:
    done: int
    due: int

    @property
    def rate(self) -> float | None:
        return ratio(self.done, self.due)


@dataclass
class Line:
    unit: OrgUnit
    figures: Counts
    own: bool = False


COLUMNS = [
    Column("Phải làm", "due", sort="phai"),
    Column("Tỷ lệ", "rate", part="done", whole="due", sort="ty-le"),
    Column("Tỷ lệ trần", "rate", rate=True),
]


def line(name: str, done: int, due: int, **kwargs) -> Line:
    return Line(OrgUnit(name=name, code=name, is_active=True), Counts(done, due), **kwargs)


def test_figures_read_the_vietnamese_way():
    assert percent(2 / 3) == "66,7%" and percent(0.25) == "25%" and percent(None) == "—"
    assert count_text(1234567) == "1.234.567" and count_text(None) == "—"
    assert count_text("dưới 3") == "dưới 3"


def test_a_ratio_with_nobody_to_count_is_none():
    assert ratio(1, 4) == 0.25
    assert ratio(0, 0) is None


def test_rows_sort_on_a_column_with_the_uncounted_last():
    rows = [line("An", 1, 2), line("Bình", 0, 0), line("Cường", 2, 2)]
    ascending = sort_by_column(rows, COLUMNS, ("ty-le", False))
    descending = sort_by_column(rows, COLUMNS, ("ty-le", True))
    assert [r.unit.name for r in ascending] == ["An", "Cường", "Bình"]
    assert [r.unit.name for r in descending] == ["Cường", "An", "Bình"]


def test_only_known_keys_sort():
    assert parse_column_sort("-ty-le", COLUMNS) == ("ty-le", True)
    assert parse_column_sort("ten", COLUMNS) == ("ten", False)
    assert parse_column_sort("ty-le-tran", COLUMNS) is None  # shown, not sortable
    assert parse_column_sort(None, COLUMNS) is None
    assert sort_text(("ty-le", True)) == "-ty-le" and sort_text(None) == ""


def test_the_sorted_columns_link_reverses_the_order():
    links = sort_links(COLUMNS, ("ty-le", False), lambda sort: f"sap-xep={sort}")
    assert list(links) == ["ten", "phai", "ty-le"]
    assert links["ty-le"] == {"label": "Tỷ lệ", "query": "sap-xep=-ty-le", "aria": "ascending"}
    assert links["phai"]["aria"] == "none"


def test_the_table_has_a_cell_per_column_and_a_total():
    rows = [line("An", 1, 2), line("Khối", 0, 1, own=True)]
    table = figures_table(COLUMNS, rows, Counts(1, 3), url_name="x", query="thang=2026-03")
    assert [h.label for h in table.headers] == ["Tổ chức đảng", "Phải làm", "Tỷ lệ", "Tỷ lệ trần"]
    first, own = table.rows
    assert first.cells == [Cell(2), Cell(0.5, rate=True, part=1, whole=2), Cell(0.5, rate=True)]
    assert first.linked and not own.linked and own.note == "tại cấp này"
    assert table.total == [Cell(3), Cell(1 / 3, rate=True), Cell(1 / 3, rate=True)]


def test_a_table_can_go_without_a_total():
    assert figures_table(COLUMNS, [], None, url_name="x", query="").total is None


def render_cell(cell: Cell) -> str:
    return Template("{% load figure_tags %}{% figure_cell c %}").render(Context({"c": cell}))


def test_the_cells_render_as_counts_rates_or_rates_with_their_counts():
    assert render_cell(Cell(1234)) == '<td class="num">1.234</td>'
    assert render_cell(Cell(0.5, rate=True)) == '<td class="num">50%</td>'
    with_counts = render_cell(Cell(0.5, rate=True, part=1, whole=2))
    assert with_counts.startswith('<td class="num">50%<br><span class="muted">1/2</span>')
    assert '<rect width="50" height="1"/>' in with_counts
