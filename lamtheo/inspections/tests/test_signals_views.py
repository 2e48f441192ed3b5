"""The formalism signals' pages as a committee or inspector uses them: the ranking of the
subtree, a cell's signals with their explanations, the evidence (each opening logged) and
"Đưa vào kế hoạch" (check page, one inspection on a double click)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from lamtheo.core.dates import format_date
from lamtheo.core.form_tokens import new_token
from lamtheo.core.models import RecordView
from lamtheo.inspections.actions import InspectionAction
from lamtheo.inspections.models import Inspection, InspectionState
from lamtheo.inspections.signals.compute import compute
from lamtheo.inspections.signals.kinds import EXPLANATIONS
from lamtheo.inspections.signals.models import Signal, SignalKind
from lamtheo.inspections.tests.helpers import a_plan, today
from lamtheo.inspections.tests.signal_helpers import YEAR, ordinary_cell, plant
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.tests.helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted(tree):
    """Copied notes in one cell of Đảng bộ Sở A, all-top ratings in a cell outside it."""
    inside = ordinary_cell("CBT", tree.org)
    plant(SignalKind.NOTES_COPIED, inside)
    outside = ordinary_cell("CBN", tree.bloc)
    plant(SignalKind.ALL_TOP, outside)
    ordinary_cell("CBO", tree.org)
    compute(year=YEAR)
    return inside, outside


def test_the_ranking_shows_the_cells_of_the_subtree_only(tree, client, login, planted):
    inside, outside = planted
    login(tree.committee_user)
    page = client.get(reverse("inspections:signals", args=[tree.org.code]), {"nam": YEAR})
    text = page.content.decode()
    assert page.status_code == 200
    assert inside["cell"].name in text and outside["cell"].name not in text
    assert "Sổ tay chép lại: 1 · 4" in text  # one month, four handbook months
    assert "không phải kết luận vi phạm" in text
    assert "Chi bộ CBO" not in text  # an ordinary cell is not ranked


def test_an_inspector_of_the_bloc_sees_both_cells(tree, client, login, planted):
    inside, outside = planted
    inspector = make_user("uykt", "Phan Văn Kiểm")
    role_grant(actor=None, user=inspector, unit=tree.bloc, kind=RoleKind.INSPECTOR)
    login(inspector)
    text = client.get(
        reverse("inspections:signals", args=[tree.bloc.code]), {"nam": YEAR}
    ).content.decode()
    assert inside["cell"].name in text and outside["cell"].name in text


def test_a_cell_page_explains_each_signal_without_names(tree, client, login, planted):
    inside, _ = planted
    login(tree.committee_user)
    page = client.get(
        reverse("inspections:signals_cell", args=[inside["cell"].code]), {"nam": YEAR}
    )
    text = page.content.decode()
    e = EXPLANATIONS[SignalKind.NOTES_COPIED]
    assert e.why in text and e.unless in text
    assert "4/6" in text
    assert inside["people"][0].full_name not in text  # counts here; names behind "Xem căn cứ"
    assert not RecordView.objects.exists()


def test_opening_the_evidence_is_logged_for_each_person_named(tree, client, login, planted):
    inside, _ = planted
    signal = Signal.objects.get(unit=inside["cell"])
    login(tree.committee_user)
    page = client.get(reverse("inspections:signals_evidence", args=[signal.pk]))
    text = page.content.decode()
    copied = inside["people"][:4]
    for p in copied:
        assert p.full_name in text
    assert inside["people"][5].full_name not in text
    views = RecordView.objects.filter(viewer=tree.committee_user)
    assert {v.person_id for v in views} == {p.pk for p in copied}
    assert {v.action for v in views} == {InspectionAction.SIGNAL_EVIDENCE_VIEWED.value}


def test_the_evidence_of_a_cell_outside_the_subtree_is_not_found(tree, client, login, planted):
    _, outside = planted
    signal = Signal.objects.get(unit=outside["cell"])
    login(tree.committee_user)
    assert client.get(reverse("inspections:signals_evidence", args=[signal.pk])).status_code == 404
    assert not RecordView.objects.exists()


def test_add_to_plan_is_prefilled_and_a_double_click_adds_one_inspection(
    tree, client, login, planted
):
    inside, _ = planted
    plan = a_plan(tree.committee_user, tree.org)
    login(tree.committee_user)
    url = reverse("inspections:signals_add_to_plan", args=[inside["cell"].code])
    check = client.get(url, {"nam": YEAR}).content.decode()
    assert "sổ tay chép lại" in check and "Thêm vào kế hoạch" in check
    data = {
        "plan": plan.pk,
        "kind": "supervision_thematic",
        "subject": "Việc ghi sổ tay (dấu hiệu: sổ tay chép lại)",
        "period_start": f"01/03/{YEAR}",
        "period_end": f"31/03/{YEAR}",
        "starts_on": format_date(today()),
        "ends_on": format_date(today() + timedelta(days=7)),
        "form_token": new_token(),
    }
    first = client.post(url, data)
    again = client.post(url, data)
    inspection = Inspection.objects.get()
    assert first.url == again.url == reverse("inspections:inspection", args=[inspection.pk])
    assert inspection.unit == inside["cell"] and inspection.plan == plan
    assert inspection.state == InspectionState.PLANNED
    assert inspection.history.first().history_action == "lamtheo.inspections.inspection.created"
    # A new page (another form token) does not add a second inspection of the cell.
    later = client.post(url, data | {"form_token": new_token()})
    assert later.url == first.url and Inspection.objects.count() == 1
    assert client.get(url).url == first.url


@pytest.mark.parametrize("year", ["²", "٢٠٢٦", "99999999999999999999", "-1"])
def test_an_odd_year_reads_as_this_year(tree, client, login, planted, year):
    inside, _ = planted
    login(tree.committee_user)
    for name, code in [("signals", tree.org.code), ("signals_cell", inside["cell"].code)]:
        assert (
            client.get(reverse(f"inspections:{name}", args=[code]), {"nam": year}).status_code
            == 200
        )


def test_add_to_plan_without_a_plan_this_year_asks_to_make_one(tree, client, login, planted):
    inside, _ = planted
    login(tree.committee_user)
    url = reverse("inspections:signals_add_to_plan", args=[inside["cell"].code])
    text = client.get(url).content.decode()
    assert reverse("inspections:plan_new", args=[tree.org.code]) in text
    assert client.post(url, {"form_token": new_token()}).status_code == 200
    assert not Inspection.objects.exists()


def test_the_propaganda_officer_sees_no_signals(tree, client, login, planted):
    """The bloc's propaganda officer plans inspections but is not a committee or inspector."""
    inside, _ = planted
    login(tree.propaganda_user)
    url = reverse("inspections:signals_add_to_plan", args=[inside["cell"].code])
    assert client.get(url).status_code == 404
    assert client.get(reverse("inspections:signals", args=[tree.bloc.code])).status_code == 404
