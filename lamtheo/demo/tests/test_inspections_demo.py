from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from lamtheo.demo.build import load_demo
from lamtheo.demo.plan import Size
from lamtheo.inspections.models import Inspection, InspectionPlan, InspectionState, RemedyState
from lamtheo.inspections.selectors import overdue_remedies_for, remedies_for

TINY = Size(orgs=3, cells_per_org=2, people_per_cell=5)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_has_plans_at_two_levels_and_overdue_remedies(db):
    load_demo(size=TINY)
    assert InspectionPlan.objects.values("unit__depth").distinct().count() == 2
    states = set(Inspection.objects.values_list("state", flat=True))
    assert states == {InspectionState.PLANNED, InspectionState.OPEN, InspectionState.CONCLUDED}
    bithu = User.objects.get(username="bithu")
    assert overdue_remedies_for(bithu).exists()
    assert remedies_for(bithu).filter(remedy_state=RemedyState.REPORTED).exists()
    assert overdue_remedies_for(User.objects.get(username="capuy")).exists()
