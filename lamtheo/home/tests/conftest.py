"""Fixtures of the home page's tests: this month opens for submitting from its first day
(see lamtheo/handbook/tests/conftest.py)."""

from lamtheo.handbook.tests.conftest import month_open_from_its_first_day  # noqa: F401
