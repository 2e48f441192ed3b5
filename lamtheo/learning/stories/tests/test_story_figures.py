from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.core.periods import add_months, month_start
from lamtheo.learning.stories import services as s
from lamtheo.learning.stories.figures import readings_behind, story_unit_figures
from lamtheo.learning.stories.models import StoryReading
from lamtheo.orgs.models import UnitKind
from lamtheo.orgs.services import unit_create

MONTH = add_months(month_start(date.today()), -1)


def _day(n: int) -> date:
    return MONTH.replace(day=n)


@pytest.fixture
def readings(tree):
    """Two readings at Chi bộ 1, one at Đảng bộ Sở A, one at Chi bộ cơ sở B, one at the
    bloc itself in MONTH; one more at Chi bộ 1 the month before (not counted)."""
    for i in range(6):
        s.story_create(actor=tree.propaganda_user, title=f"Mẩu chuyện {i}", text="Nội dung.",
                       source="Biên soạn")  # fmt: skip
    done = [
        (tree.secretary_user, tree.cell, _day(3)),
        (tree.secretary_user, tree.cell, _day(4)),
        (tree.committee_user, tree.org, _day(5)),
        (tree.other_secretary_user, tree.cell_b, _day(6)),
        (tree.propaganda_user, tree.bloc, _day(7)),
        (tree.secretary_user, tree.cell, add_months(MONTH, -1).replace(day=10)),
    ]
    return [s.story_mark_read(actor=a, unit=u, on=d) for a, u, d in done]


def _row(fig, unit):
    return next(r.figures for r in fig.rows if r.unit == unit and not r.own)


def test_the_figures_count_briefings_and_units_that_read_per_child_unit(tree, readings):
    fig = story_unit_figures(tree.bloc, MONTH)
    t = fig.total
    assert (t.readings, t.units, t.reading_units) == (5, 5, 4)
    assert t.reading_rate == pytest.approx(0.8)
    own = fig.rows[0]
    assert own.own and own.unit == tree.bloc
    assert (own.figures.readings, own.figures.units, own.figures.reading_units) == (1, 1, 1)
    org = _row(fig, tree.org)
    assert (org.readings, org.units, org.reading_units) == (3, 3, 2)
    cell_b = _row(fig, tree.cell_b)
    assert (cell_b.readings, cell_b.units, cell_b.reading_units) == (1, 1, 1)


def test_a_month_without_readings_shows_no_briefings_and_a_zero_share_of_units(tree, readings):
    fig = story_unit_figures(tree.org, add_months(MONTH, -2))
    assert (fig.total.readings, fig.total.reading_units, fig.total.units) == (0, 0, 3)
    assert fig.total.reading_rate == 0


def test_the_figures_drill_down_to_a_cell_that_counts_only_its_own_readings(tree, readings):
    fig = story_unit_figures(tree.cell, MONTH)
    assert fig.rows == []
    assert (fig.total.readings, fig.total.units, fig.total.reading_units) == (2, 1, 1)
    cell2 = story_unit_figures(tree.cell2, MONTH).total
    assert (cell2.readings, cell2.units, cell2.reading_units) == (0, 1, 0)


def test_the_readings_behind_the_figure_are_those_of_the_subtree_and_the_month(tree, readings):
    listed = list(readings_behind(tree.org, MONTH))
    assert [(r.read_on, r.unit) for r in listed] == [
        (_day(3), tree.cell),
        (_day(4), tree.cell),
        (_day(5), tree.org),
    ]


def test_the_page_shows_the_rows_and_links_down_to_the_child_units(tree, readings, login):
    url = reverse("learning:story_figures", args=[tree.org.code])
    page = login(tree.committee_user).get(url, {"thang": f"{MONTH:%Y-%m}"}).content.decode()
    assert reverse("learning:story_figures", args=[tree.cell.code]) in page
    assert "Chi bộ Phòng 2" in page and "2/3 đơn vị" in page
    assert reverse("learning:story_figures_readings", args=[tree.org.code]) in page


def test_the_list_behind_the_figure_shows_date_unit_story_and_who_marked_it(tree, readings,
                                                                            login):  # fmt: skip
    url = reverse("learning:story_figures_readings", args=[tree.org.code])
    page = login(tree.committee_user).get(url, {"thang": f"{MONTH:%Y-%m}"}).content.decode()
    first = readings[0]
    assert f"{_day(3):%d/%m/%Y}" in page and first.story.title in page
    assert "Trần Thị Bình" in page and "Hoàng Văn Em" in page
    assert "Chi bộ cơ sở B" not in page  # another subtree


@pytest.mark.parametrize("name", ["story_figures", "story_figures_export",
                                  "story_figures_readings"])  # fmt: skip
def test_the_figures_are_a_404_outside_the_viewers_scope(tree, login, name):
    url = reverse(f"learning:{name}", args=[tree.org.code])
    assert login(tree.other_secretary_user).get(url).status_code == 404
    assert login(tree.secretary_user).get(url).status_code == 404  # a cell's secretary
    assert login(tree.committee_user).get(url).status_code == 200


def test_the_export_has_vietnamese_headers_the_rows_and_the_readings(tree, readings, login):
    url = reverse("learning:story_figures_export", args=[tree.bloc.code])
    response = login(tree.propaganda_user).get(url, {"thang": f"{MONTH:%Y-%m}"})
    assert response["Content-Disposition"].endswith(f'-{MONTH:%Y-%m}.xlsx"')
    wb = load_workbook(BytesIO(response.content))
    table = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    assert table[3][:4] == ["STT", "Tổ chức đảng", "Buổi thông tin đầu giờ có đọc mẩu chuyện",
                            "Số đơn vị"]  # fmt: skip
    names = [r[1] for r in table[4:]]
    assert names == ["Đảng bộ Khối các cơ quan tỉnh (tại cấp này)", "Đảng bộ Sở A",
                     "Chi bộ cơ sở B", "Cộng Đảng bộ Khối các cơ quan tỉnh"]  # fmt: skip
    assert table[-1][2:5] == [5, 5, 4]
    listed = [list(r) for r in wb.worksheets[1].iter_rows(values_only=True)]
    assert listed[3] == ["STT", "Ngày đọc", "Đơn vị", "Mẩu chuyện", "Người ghi nhận"]
    assert [r[1] for r in listed[4:]] == [f"{_day(n):%d/%m/%Y}" for n in (3, 4, 5, 6, 7)]


def _grow(tree, n: int) -> None:
    """n more cells under Đảng bộ Sở A, each with a reading in MONTH."""
    story = s.story_create(actor=tree.propaganda_user, title="Thêm", text="Nội dung.",
                           source="Biên soạn")  # fmt: skip
    for i in range(n):
        cell = unit_create(code=f"CBX{i}", name=f"Chi bộ X{i}", kind=UnitKind.CELL,
                           parent=tree.org)  # fmt: skip
        StoryReading.objects.create(unit=cell, story=story, period=_day(8), read_on=_day(8))


def test_the_query_count_of_the_figures_does_not_grow_with_the_subtree(
    tree, readings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        small = story_unit_figures(tree.bloc, MONTH)
    _grow(tree, 25)
    with django_assert_max_num_queries(3):
        big = story_unit_figures(tree.bloc, MONTH)
    assert big.total.readings == small.total.readings + 25
    assert _row(big, tree.org).units == 28


def test_the_dashboard_unit_page_links_to_the_figures_of_the_month(tree, login):
    url = reverse("dashboard:unit", args=[tree.org.code])
    page = login(tree.committee_user).get(url, {"thang": f"{MONTH:%Y-%m}"}).content.decode()
    link = reverse("learning:story_figures", args=[tree.org.code])
    assert f'{link}?thang={MONTH:%Y-%m}"' in page
