"""Fixtures of the inspections app's tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from lamtheo.inspections.feedback.models import FeedbackReport
from lamtheo.inspections.tests.helpers import a_report


@pytest.fixture
def report(tree) -> FeedbackReport:
    """A report about Chi bộ 1 from a visitor who left a name, a phone and an e-mail."""
    return a_report(tree.cell)[0]


@pytest.fixture
def handler(tree) -> User:
    """Đảng bộ Sở A's committee member, who receives reports about its cells (no commission)."""
    return User.objects.get(pk=tree.committee_user.pk)


@pytest.fixture
def limits(settings):
    """Small limits per client: 2 reports and 3 look-ups an hour."""
    settings.LAMTHEO = {**settings.LAMTHEO, "FEEDBACK_PER_HOUR": 2, "FEEDBACK_LOOKUPS_PER_HOUR": 3}
