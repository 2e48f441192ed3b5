"""The inspection figures: each write updates the kept rows, the rows equal a rebuild, the
page adds them up by level, by child unit and by category, overdue is read on the day of
reading, and the page and its .xlsx open only to those who read the inspections."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.core import figures as registry
from lamtheo.core.errors import DomainError
from lamtheo.inspections import services
from lamtheo.inspections.figures import InspectionFigures
from lamtheo.inspections.models import (
    FindingCategory,
    FindingKind,
    FindingYearStat,
    InspectionKind,
    InspectionYearStat,
)
from lamtheo.inspections.selectors import inspection_figures
from lamtheo.inspections.tests.helpers import (
    a_plan,
    an_inspection,
    concluded,
    inspection_data,
    opened,
    shortcoming,
    strength,
    today,
)
from lamtheo.orgs.scope import Capability, can

KEEPER = InspectionFigures()


def inspections_rows(unit) -> dict:
    rows = InspectionYearStat.objects.filter(unit=unit, year=today().year)
    return {(r.kind, r.state): r.count for r in rows}


def findings_rows(unit) -> dict:
    rows = FindingYearStat.objects.filter(unit=unit, year=today().year)
    found: dict = {}
    for r in rows:
        found[(r.kind, r.remedy_state)] = found.get((r.kind, r.remedy_state), 0) + r.count
    return found


def assert_rebuild_agrees() -> None:
    year = today().year
    kept = KEEPER.figures_of(year)
    KEEPER.rebuild_year(year)
    assert KEEPER.figures_of(year) == kept


def test_the_keeper_is_registered():
    assert "inspections" in {k.name for k in registry.keepers()}


# --- each event updates the rows ------------------------------------------------------------


def test_creating_opening_and_cancelling_count_at_the_planning_unit(tree):
    plan = a_plan(tree.committee_user, tree.org)
    first = an_inspection(tree.committee_user, plan, tree.cell, [tree.committee_user])
    assert inspections_rows(tree.org) == {("inspection", "planned"): 1}
    assert inspections_rows(tree.cell) == {}  # counted where it is run, not where it looks
    services.inspection_open(actor=tree.committee_user, inspection=first, version=first.version)
    an_inspection(tree.committee_user, plan, tree.cell2, [tree.committee_user],
                  kind=InspectionKind.SURVEY)  # fmt: skip
    assert inspections_rows(tree.org) == {("inspection", "open"): 1, ("survey", "planned"): 1}
    services.inspection_cancel(actor=tree.committee_user, inspection=first,
                               reason="Trùng lịch", version=first.version)  # fmt: skip
    assert inspections_rows(tree.org) == {("inspection", "cancelled"): 1,
                                          ("survey", "planned"): 1}  # fmt: skip
    assert_rebuild_agrees()


def test_findings_and_each_step_of_a_remedy_update_the_unit_inspected(tree):
    plan = a_plan(tree.committee_user, tree.org)
    inspection = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    strength(tree.committee_user, inspection)
    finding = shortcoming(tree.committee_user, inspection)
    dropped = shortcoming(tree.committee_user, inspection, kind=FindingKind.VIOLATION)
    assert findings_rows(tree.cell) == {("strength", "none"): 1, ("shortcoming", "pending"): 1,
                                        ("violation", "pending"): 1}  # fmt: skip
    services.finding_remove(actor=tree.committee_user, finding=dropped, version=dropped.version)
    assert ("violation", "pending") not in findings_rows(tree.cell)
    concluded(tree.committee_user, inspection)
    assert findings_rows(tree.cell)[("shortcoming", "open")] == 1
    assert inspections_rows(tree.org) == {("inspection", "concluded"): 1}
    finding.refresh_from_db()
    services.remedy_report(actor=tree.secretary_user, finding=finding, text="Đã làm",
                           version=finding.version)  # fmt: skip
    assert findings_rows(tree.cell)[("shortcoming", "reported")] == 1
    services.remedy_reopen(actor=tree.committee_user, finding=finding, reason="Chưa đủ",
                           version=finding.version)  # fmt: skip
    assert findings_rows(tree.cell)[("shortcoming", "open")] == 1
    services.remedy_report(actor=tree.secretary_user, finding=finding, text="Đã làm đủ",
                           version=finding.version)  # fmt: skip
    services.remedy_accept(actor=tree.committee_user, finding=finding, version=finding.version)
    assert findings_rows(tree.cell) == {("strength", "none"): 1,
                                        ("shortcoming", "accepted"): 1}  # fmt: skip
    assert_rebuild_agrees()


def test_moving_an_inspection_moves_its_findings_and_cancelling_drops_them(tree):
    plan = a_plan(tree.committee_user, tree.org)
    inspection = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    shortcoming(tree.committee_user, inspection, unit=tree.cell)
    services.inspection_update(actor=tree.committee_user, inspection=inspection,
                               data=inspection_data(tree.org, [tree.committee_user]),
                               version=inspection.version)  # fmt: skip
    assert findings_rows(tree.cell) == {}
    assert findings_rows(tree.org) == {("shortcoming", "pending"): 1}
    services.inspection_cancel(actor=tree.committee_user, inspection=inspection,
                               reason="Đổi kế hoạch", version=inspection.version)  # fmt: skip
    assert findings_rows(tree.org) == {}
    assert_rebuild_agrees()


def test_a_refused_write_leaves_the_rows_as_they_were(tree):
    plan = a_plan(tree.committee_user, tree.org)
    inspection = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    before = KEEPER.figures_of(today().year)
    with pytest.raises(DomainError):
        concluded(tree.committee_user, inspection)  # nothing found yet: refused
    assert KEEPER.figures_of(today().year) == before


# --- reading: by level, by child, by category, overdue on the day of reading ------------------


def a_year(tree):
    """The bloc runs one inspection of Đảng bộ Sở A; the đảng bộ runs three of its cells; the
    cell supervises one member. Findings in two categories."""
    first, second = FindingCategory.objects.order_by("order")[:2]
    bloc = a_plan(tree.propaganda_user, tree.bloc)
    top = opened(tree.propaganda_user, bloc, tree.org, [tree.propaganda_user])
    shortcoming(tree.propaganda_user, top, unit=tree.cell)
    org = a_plan(tree.committee_user, tree.org)
    checked = opened(tree.committee_user, org, tree.cell, [tree.committee_user])
    late = shortcoming(tree.committee_user, checked, days=5)
    services.finding_add(actor=tree.committee_user, inspection=checked, data=services.FindingInput(
        kind=FindingKind.VIOLATION, text="Sổ tay chưa nhận xét", category=second,
        remedy="Nhận xét đủ", responsible_unit=tree.cell,
        deadline=today() + timedelta(days=40)))  # fmt: skip
    concluded(tree.committee_user, checked)
    an_inspection(tree.committee_user, org, tree.cell2, [tree.committee_user],
                  kind=InspectionKind.SUPERVISION_THEMATIC)  # fmt: skip
    an_inspection(tree.committee_user, org, tree.cell2, [tree.committee_user],
                  kind=InspectionKind.SURVEY)  # fmt: skip
    cell = a_plan(tree.secretary_user, tree.cell)
    an_inspection(tree.secretary_user, cell, tree.cell, [tree.secretary_user],
                  kind=InspectionKind.SUPERVISION_REGULAR, person=tree.member)  # fmt: skip
    return first, second, late


def test_the_bloc_reads_its_own_level_apart_from_the_units_below(tree):
    a_year(tree)
    f = inspection_figures(tree.bloc, today().year)
    assert (f.total.total, f.own.total, f.below.total) == (5, 1, 4)
    assert (f.total.inspection, f.total.supervision_regular, f.total.supervision_thematic,
            f.total.survey) == (2, 1, 1, 1)  # fmt: skip
    rows = {r.unit.code: r for r in f.rows}
    assert rows["DBK"].own and rows["DBK"].figures.total == 1
    assert rows["DBSA"].figures.total == 4  # the đảng bộ's three and its cell's one
    assert rows["CBB"].figures.total == 0
    # Findings count where they were found: all three in Đảng bộ Sở A's subtree.
    assert (f.total.shortcoming, f.total.violation) == (2, 1)
    assert rows["DBSA"].figures.faults == 3 and rows["DBK"].figures.faults == 0


def test_a_cell_reads_its_own_figures(tree):
    a_year(tree)
    f = inspection_figures(tree.cell, today().year)
    assert f.rows == []
    assert f.total.total == 1  # its own supervision of a member
    # The bloc's finding in Đảng bộ Sở A (a remedy for this cell) counts at Đảng bộ Sở A.
    assert (f.total.shortcoming, f.total.violation, f.total.remedying) == (1, 1, 2)


def test_overdue_is_read_on_the_day_of_reading_and_ends_with_the_report(tree):
    _first, _second, late = a_year(tree)
    late.refresh_from_db()
    year = today().year
    assert inspection_figures(tree.org, year).total.overdue == 0
    later = late.deadline + timedelta(days=1)
    assert inspection_figures(tree.org, year, today=later).total.overdue == 1
    services.remedy_report(actor=tree.secretary_user, finding=late, text="Đã khắc phục",
                           version=late.version)  # fmt: skip
    figures = inspection_figures(tree.org, year, today=later)
    assert (figures.total.overdue, figures.total.remedying) == (0, 2)


def test_findings_of_one_category_by_child_unit(tree):
    first, second, _late = a_year(tree)
    f = inspection_figures(tree.org, today().year, category=second)
    assert (f.total.shortcoming, f.total.violation) == (0, 1)
    assert f.total.total == 4  # the inspections are not of a category
    named = {c.name: c.figures for c in inspection_figures(tree.org, today().year).categories}
    assert named[first.name].shortcoming == 2 and named[second.name].violation == 1


# --- who sees them ----------------------------------------------------------------------------


def test_the_rule_follows_who_reads_the_inspections(tree):
    rule = Capability.VIEW_INSPECTION_FIGURES
    assert can(tree.committee_user, rule, tree.org) and can(tree.committee_user, rule, tree.cell)
    assert can(tree.propaganda_user, rule, tree.bloc)
    assert can(tree.secretary_user, rule, tree.cell)
    assert not can(tree.secretary_user, rule, tree.org)
    assert not can(tree.admin_user, rule, tree.bloc)  # keeps the roster, not the oversight
    assert not can(tree.member_user, rule, tree.cell)


def test_the_page_shows_the_levels_and_the_category_drill_down(tree, client, login):
    first, second, _late = a_year(tree)
    login(tree.propaganda_user)
    page = client.get(reverse("inspections:figures", args=[tree.bloc.code]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "có 5 cuộc kiểm tra, giám sát, khảo sát" in text
    assert (
        "Đảng bộ Khối các cơ quan tỉnh thực hiện 1 cuộc, các tổ chức đảng trực thuộc thực hiện 4 cuộc"
        in text
    )
    assert f'href="{reverse("inspections:figures", args=["DBSA"])}?nam={today().year}"' in text
    assert f"nhom={second.pk}" in text
    drilled = client.get(reverse("inspections:figures", args=[tree.bloc.code]),
                         {"nam": today().year, "nhom": second.pk})  # fmt: skip
    assert f"Chỉ tính nhóm “{second.name}”" in drilled.content.decode()


def test_the_dashboard_shows_the_section_only_to_those_who_read_inspections(tree, client, login):
    a_year(tree)
    url = reverse("dashboard:unit", args=[tree.org.code])
    login(tree.committee_user)
    assert "Kiểm tra, giám sát năm" in client.get(url).content.decode()
    client.logout()
    login(tree.admin_user)
    page = client.get(url)
    assert page.status_code == 200
    assert "Kiểm tra, giám sát năm" not in page.content.decode()


def test_the_export_has_three_sheets_in_landscape_with_a_total(tree, client, login):
    a_year(tree)
    login(tree.propaganda_user)
    answer = client.get(reverse("inspections:figures_export", args=[tree.bloc.code]),
                        {"nam": today().year})  # fmt: skip
    assert answer.status_code == 200
    book = load_workbook(BytesIO(answer.content))
    assert book.sheetnames == ["Theo cấp thực hiện", "Theo đơn vị được kiểm tra", "Theo nhóm"]
    levels = book["Theo cấp thực hiện"]
    assert levels.page_setup.orientation == "landscape"
    assert [c.value for c in levels[4]][:3] == ["STT", "Tổ chức đảng", "Kiểm tra"]
    names = [levels.cell(row=r, column=2).value for r in range(5, levels.max_row + 1)]
    assert names[0] == "Đảng bộ Khối các cơ quan tỉnh (tại cấp này)"
    assert names[-1] == "Cộng"
    assert levels.cell(row=levels.max_row, column=7).value == 5  # the "Cộng" column
    found = book["Theo đơn vị được kiểm tra"]
    assert found.cell(row=found.max_row, column=4).value == 2  # hạn chế in all
    assert book["Theo nhóm"].max_row >= 6  # headers and the two categories


def test_a_year_that_is_not_a_number_reads_as_this_year(tree, client, login):
    login(tree.committee_user)
    page = client.get(reverse("inspections:figures", args=[tree.org.code]), {"nam": "x"})
    assert page.status_code == 200
    assert f"Năm {today().year} · Số liệu đến ngày {today():%d/%m/%Y}" in page.content.decode()
