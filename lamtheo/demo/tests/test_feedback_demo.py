from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from lamtheo.demo.build import load_demo
from lamtheo.demo.plan import Size
from lamtheo.inspections.feedback import selectors
from lamtheo.inspections.feedback.models import FeedbackReport, FeedbackState

TINY = Size(orgs=3, cells_per_org=3, people_per_cell=5)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_has_feedback_in_every_state_some_anonymous(db):
    load_demo(size=TINY)
    reports = FeedbackReport.objects.all()
    assert set(reports.values_list("state", flat=True)) == set(FeedbackState.values)
    assert reports.filter(state=FeedbackState.ACCEPTED, inspection__isnull=False).exists()
    assert reports.filter(anonymous=True).exists() and reports.filter(anonymous=False).exists()
    inspector = User.objects.get(username="kiemtra")
    assert selectors.queue(inspector).exists()
    # Nobody of the unit concerned reads what is about it.
    for username in ("bithu", "dangvien"):
        user = User.objects.get(username=username)
        about_own = reports.filter(unit=user.person.cell)
        assert about_own.exists()
        assert not any(selectors.can_handle(user, r) for r in about_own)
