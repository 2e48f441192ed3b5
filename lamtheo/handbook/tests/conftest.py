"""Fixtures of the handbook's tests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def month_open_from_its_first_day(settings):
    """Most tests submit this month whatever day they run on: open a month for submitting
    from its first day. The window's own tests (test_submission_window.py) set the day back
    with `open_day` and move the clock with `clock`."""
    settings.LAMTHEO = {**settings.LAMTHEO, "HANDBOOK_OPEN_DAY": 1}


@pytest.fixture
def open_day(settings):
    """The opening day as a deployment sets it (the default, the 25th)."""
    settings.LAMTHEO = {**settings.LAMTHEO, "HANDBOOK_OPEN_DAY": 25}
    return 25


@pytest.fixture
def clock(monkeypatch):
    """Set the local date and time the app sees: clock(year, month, day, hour=10)."""

    def _set(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
        moment = timezone.make_aware(dt.datetime(year, month, day, hour))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return _set
