"""Guards for CI: a run that asked for PostgreSQL really ran on it."""

from __future__ import annotations

from django.db import connection

from lamtheo.settings import env_bool


def test_the_database_is_the_one_asked_for(db):
    expected = "postgresql" if env_bool("LAMTHEO_REQUIRE_POSTGRES", False) else None
    assert connection.vendor in ("sqlite", "postgresql")
    if expected:
        assert connection.vendor == expected


def test_the_language_is_vietnamese_and_dates_are_dd_mm_yyyy(settings):
    from datetime import date

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(date(2025, 3, 5), "SHORT_DATE_FORMAT") == "05/03/2025"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
