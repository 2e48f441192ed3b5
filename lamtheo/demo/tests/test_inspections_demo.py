from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from lamtheo.demo.build import load_demo
from lamtheo.demo.plan import Size
from lamtheo.inspections.models import (
    Finding,
    Inspection,
    InspectionPlan,
    InspectionState,
    RemedyState,
)
from lamtheo.inspections.selectors import (
    inspection_figures,
    overdue_remedies_for,
    remedies_for,
)
from lamtheo.orgs.models import CELL_KINDS, OrgUnit, UnitKind

TINY = Size(orgs=3, cells_per_org=2, people_per_cell=5)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_has_plans_at_three_levels_and_overdue_remedies(db):
    load_demo(size=TINY)
    levels = set(InspectionPlan.objects.values_list("unit__kind", flat=True))
    assert {UnitKind.BLOC, UnitKind.GRASSROOTS} <= levels and levels & set(CELL_KINDS)
    states = set(Inspection.objects.values_list("state", flat=True))
    assert states == {InspectionState.PLANNED, InspectionState.OPEN, InspectionState.CONCLUDED}
    bithu = User.objects.get(username="bithu")
    assert overdue_remedies_for(bithu).exists()
    assert remedies_for(bithu).filter(remedy_state=RemedyState.REPORTED).exists()
    assert overdue_remedies_for(User.objects.get(username="capuy")).exists()


def test_the_demo_figures_read_like_seed_001_and_no_deadline_was_moved_back(db):
    load_demo(size=TINY)
    root = OrgUnit.objects.get(parent=None)
    figures = inspection_figures(root, timezone.localdate().year)
    # "gần 800 cuộc … các đảng ủy trực thuộc hơn 700; Ban Thường vụ gần 100": most below.
    assert 0 < figures.own.total < figures.below.total
    assert figures.total.overdue and figures.total.remedied and figures.total.remedying
    assert len([c for c in figures.categories if c.figures.faults]) >= 3
    # Every deadline is the one the finding was written with: no write behind the services.
    for finding in Finding.objects.exclude(deadline=None):
        assert {h.deadline for h in finding.history.all()} == {finding.deadline}
