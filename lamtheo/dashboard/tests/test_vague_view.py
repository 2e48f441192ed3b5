"""The drill-down of the dashboard's "việc làm cụ thể" share to the items not found specific:
counts per child unit for whoever sees the figures, a cell's items with names only to those
who may read its records (each person's items read is logged)."""

from __future__ import annotations

from django.urls import reverse

from lamtheo.core.models import RecordView
from lamtheo.dashboard.selectors import unit_figures, vague_counts
from lamtheo.dashboard.tests.helpers import (
    MARCH,
    SPECIFIC,
    VAGUE,
    VAGUE_2,
    VAGUE_DRAFT,
    YEAR,
)
from lamtheo.pledges.actions import PledgeAction

THANG = f"{YEAR}-03"


def url(code: str) -> str:
    return reverse("dashboard:vague", args=[code]) + f"?thang={THANG}"


def test_the_counts_are_those_of_the_dashboards_share(judged):
    for unit in (judged.bloc, judged.org, judged.cell, judged.cell2, judged.cell_b):
        total, rows = vague_counts(unit, MARCH)
        figures = unit_figures(unit, MARCH)
        assert (total.items, total.specific) == (
            figures.total.items,
            figures.total.specific_items,
        ), unit.name
        by_unit = {r.unit.pk: r.figures for r in figures.rows}
        for row in rows:
            shown = by_unit[row.unit.pk]
            assert (row.counts.items, row.counts.specific) == (shown.items, shown.specific_items)
    total, rows = vague_counts(judged.org, MARCH)
    assert (total.items, total.vague) == (5, 3)
    assert [(r.unit.name, r.counts.items, r.counts.vague) for r in rows] == [
        ("Chi bộ Phòng 1", 4, 2),
        ("Chi bộ Phòng 2", 1, 1),
    ]


def test_the_committee_sees_counts_per_cell_with_links_and_no_names(judged, login):
    r = login(judged.committee_user).get(url(judged.org.code))
    assert r.status_code == 200
    html = r.content.decode()
    assert f'href="{url(judged.cell.code)}"' in html
    assert f'href="{url(judged.cell2.code)}"' in html
    assert VAGUE not in html and judged.member.full_name not in html
    assert not RecordView.objects.exists()


def test_the_cells_secretary_sees_the_vague_items_by_name_and_the_read_is_logged(judged, login):
    r = login(judged.secretary_user).get(url(judged.cell.code))
    assert r.status_code == 200
    html = r.content.decode()
    assert judged.member.full_name in html
    assert VAGUE in html and VAGUE_2 in html
    assert SPECIFIC not in html  # specific items are not listed
    assert VAGUE_DRAFT not in html  # a draft is not in the share
    assert judged.outsider.full_name not in html  # another cell
    pledge = judged.member.pledges.get(year=YEAR)
    assert reverse("pledges:review", args=[pledge.pk]) in html
    views = list(RecordView.objects.values_list("viewer", "person", "action"))
    assert views == [(judged.secretary_user.pk, judged.member.pk, PledgeAction.ITEMS_VIEWED.value)]


def test_the_committee_above_reads_a_cells_items_too(judged, login):
    r = login(judged.committee_user).get(url(judged.cell2.code))
    assert judged.outsider.full_name in r.content.decode()
    assert RecordView.objects.filter(viewer=judged.committee_user, person=judged.outsider).exists()


def test_those_who_see_only_figures_get_counts_without_names(judged, login):
    for user in (judged.propaganda_user, judged.admin_user):
        r = login(user).get(url(judged.cell.code))
        assert r.status_code == 200
        html = r.content.decode()
        assert r.context["total"].vague == 2
        assert judged.member.full_name not in html
        assert VAGUE not in html and VAGUE_2 not in html
        assert "chỉ hiển thị cho bí thư" in html
    assert not RecordView.objects.exists()


def test_the_share_on_the_dashboard_links_to_the_drill_down(judged, login):
    r = login(judged.committee_user).get(
        reverse("dashboard:unit", args=[judged.org.code]) + f"?thang={THANG}"
    )
    assert f'href="{url(judged.org.code)}"' in r.content.decode()


def test_a_unit_without_items_has_no_link_and_an_empty_drill_down(judged, login):
    client = login(judged.other_secretary_user)
    page = client.get(reverse("dashboard:unit", args=[judged.cell_b.code]) + f"?thang={THANG}")
    assert reverse("dashboard:vague", args=[judged.cell_b.code]) not in page.content.decode()
    r = client.get(url(judged.cell_b.code))
    assert r.status_code == 200 and "Không có việc nào còn chung chung" in r.content.decode()
