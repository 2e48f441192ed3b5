"""The temporary reach of an open inspection's team (orgs.scope.inspection_reach) and the
logged reads of the inspected unit's records."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from lamtheo.core.models import RecordView
from lamtheo.inspections import services
from lamtheo.inspections.actions import InspectionAction
from lamtheo.inspections.tests.helpers import a_plan, an_inspection, opened, today
from lamtheo.orgs.scope import Capability, can, inspection_reach


def _fresh(user):
    for attr in ("_lamtheo_inspection_windows", "_lamtheo_grants"):
        if hasattr(user, attr):
            delattr(user, attr)
    return user


@pytest.fixture
def plan(tree):
    return a_plan(tree.committee_user, tree.org)


def test_the_team_reads_the_inspected_subtree_for_the_period_only_while_open(tree, plan):
    reader = tree.outsider.user  # a member of Chi bộ 2: no role reaches Chi bộ 1
    assert not can(reader, Capability.VIEW_RECORDS, tree.cell)
    period = {"period_start": date(2025, 1, 1), "period_end": date(2025, 6, 30)}
    ins = an_inspection(tree.committee_user, plan, tree.cell, [reader], **period)
    assert inspection_reach(_fresh(reader), tree.cell.path, date(2025, 3, 1)) is None
    services.inspection_open(actor=tree.committee_user, inspection=ins, version=ins.version)
    window = inspection_reach(_fresh(reader), tree.cell.path, date(2025, 3, 1))
    assert window is not None and window.inspection_id == ins.pk
    assert inspection_reach(reader, tree.cell.path, date(2025, 7, 1)) is None  # after
    assert inspection_reach(reader, tree.cell2.path, date(2025, 3, 1)) is None  # elsewhere
    assert inspection_reach(reader, tree.org.path, date(2025, 3, 1)) is None  # above
    assert inspection_reach(_fresh(tree.member_user), tree.cell.path, date(2025, 3, 1)) is None
    services.inspection_cancel(
        actor=tree.committee_user, inspection=ins, reason="Hoãn", version=ins.version
    )
    assert inspection_reach(_fresh(reader), tree.cell.path, date(2025, 3, 1)) is None


def test_every_person_opened_by_the_team_is_logged(tree, plan, client, login):
    reader = tree.outsider.user
    ins = opened(tree.committee_user, plan, tree.cell, [reader])
    login(reader)
    page = client.get(reverse("inspections:records", args=[ins.pk]))
    assert page.status_code == 200 and tree.member.full_name in page.content.decode()
    assert not RecordView.objects.exists()  # a list of names is not a person's records
    url = reverse("inspections:person_records", args=[ins.pk, tree.member.pk])
    assert client.get(url).status_code == 200
    view = RecordView.objects.get()
    assert view.viewer == reader and view.person == tree.member
    assert view.action == InspectionAction.RECORDS_VIEWED.value
    # Someone outside the inspected unit is not opened through it.
    other = reverse("inspections:person_records", args=[ins.pk, tree.outsider.pk])
    assert client.get(other).status_code == 404


def test_a_concluded_inspection_closes_the_reach(tree, plan, client, login):
    from lamtheo.inspections.tests.helpers import concluded, strength

    reader = tree.outsider.user
    ins = opened(tree.committee_user, plan, tree.cell, [reader, tree.committee_user])
    strength(tree.committee_user, ins)
    concluded(tree.committee_user, ins)
    login(reader)
    assert client.get(reverse("inspections:records", args=[ins.pk])).status_code == 404
    assert ins.period_end == today()
