from __future__ import annotations

from datetime import date

import pytest

from lamtheo.dashboard.selectors import month_series, monthly_figures, unit_figures
from lamtheo.dashboard.tests.helpers import MARCH, YEAR, open_year
from lamtheo.orgs.models import UnitKind
from lamtheo.orgs.services import unit_create
from lamtheo.people.services import person_exempt, person_transfer
from lamtheo.tests.helpers import fill, make_person

SEPTEMBER = date(YEAR, 9, 1)


def rows_by_code(figures):
    return {r.unit.code: r.figures for r in figures.rows}


def test_the_bloc_counts_everyone_in_its_subtree(played):
    t = unit_figures(played.bloc, MARCH).total
    assert (t.members, t.expected, t.submitted, t.reviewed, t.returned) == (5, 5, 1, 1, 1)
    assert t.registered == 3
    assert t.submission_rate == pytest.approx(0.2)
    assert t.registration_rate == pytest.approx(0.6)
    assert t.review_rate == 1.0


def test_the_bloc_has_one_row_per_child_unit(played):
    rows = rows_by_code(unit_figures(played.bloc, MARCH))
    assert set(rows) == {"DBSA", "CBB"}
    assert (rows["DBSA"].expected, rows["DBSA"].submitted, rows["DBSA"].registered) == (4, 1, 3)
    assert (rows["CBB"].expected, rows["CBB"].submitted, rows["CBB"].registered) == (1, 0, 0)


def test_the_grassroots_organization_shows_its_cells(played):
    figures = unit_figures(played.org, MARCH)
    rows = rows_by_code(figures)
    assert [r.unit.code for r in figures.rows] == ["CB1", "CB2"]
    assert rows["CB1"].submission_rate == pytest.approx(1 / 3)
    assert rows["CB1"].registration_rate == pytest.approx(2 / 3)
    assert rows["CB2"].submission_rate == 0
    assert figures.total.submission_rate == pytest.approx(0.25)
    assert figures.total.registration_rate == pytest.approx(0.75)


def test_a_cell_shows_its_own_figures_and_no_rows(played):
    figures = unit_figures(played.cell, MARCH)
    assert figures.rows == []
    t = figures.total
    assert (t.members, t.expected, t.submitted, t.reviewed, t.returned) == (3, 3, 1, 1, 1)
    assert t.items == 2  # An's and Bình's registrations, one item each


def test_the_review_rate_counts_reviewed_among_submitted(played):
    fill(played.outsider, MARCH)  # Cường's draft is now submitted, not reviewed
    t = unit_figures(played.org, MARCH).total
    assert (t.submitted, t.reviewed) == (2, 1)
    assert t.review_rate == 0.5


def test_a_transfer_counts_in_the_old_cell_before_and_the_new_cell_after(played):
    person_transfer(
        actor=played.admin_user, person=played.member, to_cell=played.cell2, month=date(YEAR, 7, 1)
    )
    fill(played.member, SEPTEMBER)
    march = rows_by_code(unit_figures(played.org, MARCH))
    september = rows_by_code(unit_figures(played.org, SEPTEMBER))
    assert (march["CB1"].members, march["CB2"].members) == (3, 1)
    assert march["CB1"].submitted == 1  # An's March entry stays with the old cell
    assert (september["CB1"].members, september["CB2"].members) == (2, 2)
    assert (september["CB1"].submitted, september["CB2"].submitted) == (0, 1)
    # A registration counts, month by month, in the cell that counts the person that month.
    assert (march["CB1"].registered, march["CB2"].registered) == (2, 1)
    assert (september["CB1"].registered, september["CB2"].registered) == (1, 2)
    assert (september["CB1"].expected, september["CB2"].expected) == (2, 2)


def test_an_exempt_member_is_not_expected_in_the_months_of_the_exemption(played):
    person_exempt(
        actor=played.admin_user,
        person=played.proxy_member,
        start_month=date(YEAR, 2, 1),
        end_month=date(YEAR, 5, 1),
        reason="Tuổi cao",
    )
    march = unit_figures(played.cell, MARCH).total
    june = unit_figures(played.cell, date(YEAR, 6, 1)).total
    assert (march.members, march.expected) == (3, 2)
    assert march.submission_rate == 0.5
    assert (june.members, june.expected) == (3, 3)


def test_the_series_has_every_month_of_a_past_year(played):
    series = month_series(played.bloc, MARCH)
    assert [p.month for p in series] == [date(YEAR, m, 1) for m in range(1, 13)]
    march = series[2]
    assert (march.expected, march.submitted, march.reviewed) == (5, 1, 1)
    assert series[0].submission_rate == 0


def test_the_series_leaves_out_a_month_still_under_way_unless_it_is_viewed(played):
    on = date(YEAR, 4, 20)  # April's entries are not due before 5 May
    series = month_series(played.bloc, MARCH, on=on)
    assert [p.month.month for p in series] == [1, 2, 3]
    series = month_series(played.bloc, date(YEAR, 4, 1), on=on)
    assert [p.month.month for p in series] == [1, 2, 3, 4]


def test_monthly_figures_give_each_child_its_months_and_add_up(played):
    monthly = monthly_figures(played.org, MARCH)
    assert [r.unit.code for r in monthly.rows] == ["CB1", "CB2"]
    cb1_march = monthly.rows[0].points[2]
    assert (cb1_march.expected, cb1_march.submitted, cb1_march.reviewed) == (3, 1, 1)
    assert monthly.series == month_series(played.org, MARCH)
    assert monthly.series[2].submission_rate == 0.25


def test_monthly_figures_of_a_cell_have_no_rows(played, django_assert_num_queries):
    with django_assert_num_queries(1):
        monthly = monthly_figures(played.cell, MARCH)
    assert monthly.rows == []
    assert monthly.series[2].expected == 3


def test_an_empty_unit_shows_dashes_not_zero_division(tree):
    open_year(YEAR)
    empty = unit_create(code="DBR", name="Đảng bộ mới", kind=UnitKind.GRASSROOTS, parent=tree.bloc)
    t = unit_figures(empty, MARCH).total
    assert t.submission_rate is None and t.registration_rate is None
    assert t.specific_rate is None


def test_figures_take_a_constant_number_of_queries(played, django_assert_num_queries):
    with django_assert_num_queries(2):
        unit_figures(played.bloc, MARCH)
    bigger = unit_create(
        code="DBL", name="Đảng bộ lớn", kind=UnitKind.GRASSROOTS, parent=played.bloc
    )
    for i in range(12):
        cell = unit_create(code=f"L{i}", name=f"Chi bộ {i}", kind=UnitKind.CELL, parent=bigger)
        make_person(f"L{i}P", f"Ngô Văn Lực {i}", cell, with_user=False, start=date(YEAR, 1, 1))
    assert unit_figures(played.bloc, MARCH).total.members == 5 + 12
    with django_assert_num_queries(2):
        unit_figures(played.bloc, MARCH)
    with django_assert_num_queries(1):
        month_series(played.bloc, MARCH)
    with django_assert_num_queries(2):
        monthly_figures(played.bloc, MARCH)
