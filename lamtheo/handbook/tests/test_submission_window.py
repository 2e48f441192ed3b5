"""A month opens for submitting from a set day near its end (the 25th unless set) and is due
by the 5th of the next month; only a submission in that window counts as on time."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from lamtheo.handbook.models import EntryStatus, HandbookEntry
from lamtheo.handbook.tests.helpers import THIS_MONTH, filled, registered
from lamtheo.tests.helpers import fill

SLUG = f"{THIS_MONTH:%Y-%m}"


def test_submitting_the_current_month_on_the_3rd_is_refused_with_the_opening_day(
    tree, login, open_day, clock
):
    clock(THIS_MONTH.year, THIS_MONTH.month, 3)
    registered(tree)
    entry = filled(tree)
    client = login(tree.member_user)
    r = client.post(
        reverse("handbook:check", args=[tree.member.pk, SLUG]), {"version": entry.version}
    )
    assert r.status_code == 200
    opens = date(THIS_MONTH.year, THIS_MONTH.month, 25)
    assert f"chỉ nộp được từ ngày {opens:%d/%m/%Y}" in r.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT and entry.first_submitted_at is None


def test_before_the_opening_day_the_pages_say_when_the_month_opens(tree, login, open_day, clock):
    clock(THIS_MONTH.year, THIS_MONTH.month, 3)
    registered(tree)
    filled(tree)
    client = login(tree.member_user)
    opens = f"{date(THIS_MONTH.year, THIS_MONTH.month, 25):%d/%m/%Y}"
    month_page = client.get(reverse("handbook:month", args=[tree.member.pk, SLUG])).content
    assert f"mở để nộp từ ngày <strong>{opens}</strong>" in month_page.decode()
    check_page = client.get(reverse("handbook:check", args=[tree.member.pk, SLUG])).content
    assert opens in check_page.decode()
    assert "Nộp sổ tay" not in check_page.decode().split("</h1>", 1)[1]


def test_a_submission_from_the_opening_day_to_the_due_day_is_on_time(tree, login, open_day, clock):
    clock(THIS_MONTH.year, THIS_MONTH.month, 25, hour=0)
    registered(tree)
    entry = filled(tree)
    r = login(tree.member_user).post(
        reverse("handbook:check", args=[tree.member.pk, SLUG]), {"version": entry.version}
    )
    assert r.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.on_time


def test_a_submission_after_the_due_day_is_late(tree, open_day, clock):
    registered(tree)
    nxt = THIS_MONTH.replace(year=THIS_MONTH.year + (THIS_MONTH.month == 12))
    nxt = nxt.replace(month=THIS_MONTH.month % 12 + 1)
    clock(nxt.year, nxt.month, 6)
    entry = fill(tree.member, THIS_MONTH)
    assert HandbookEntry.objects.get(pk=entry.pk).on_time is False


def test_the_opening_day_follows_the_setting(tree, login, settings, clock):
    settings.LAMTHEO = {**settings.LAMTHEO, "HANDBOOK_OPEN_DAY": 20}
    clock(THIS_MONTH.year, THIS_MONTH.month, 21)
    registered(tree)
    entry = fill(tree.member, THIS_MONTH)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.on_time
