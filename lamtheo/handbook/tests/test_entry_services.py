from __future__ import annotations

import datetime as dt
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.periods import add_months
from lamtheo.handbook import services
from lamtheo.handbook.models import EntryStatus, HandbookEntry, Progress, Rating
from lamtheo.handbook.tests.helpers import THIS_MONTH, filled, registered
from lamtheo.people.services import person_exempt
from lamtheo.pledges import services as pledges

LAST_MONTH = add_months(THIS_MONTH, -1)


def test_a_month_cannot_be_started_without_a_submitted_registration(tree):
    with pytest.raises(DomainError, match="bản đăng ký"):
        services.entry_start(actor=tree.member_user, person=tree.member, month=THIS_MONTH)


def test_a_future_month_cannot_be_started(tree):
    registered(tree)
    with pytest.raises(DomainError):
        services.entry_start(
            actor=tree.member_user, person=tree.member, month=add_months(THIS_MONTH, 1)
        )


def test_an_exempt_member_is_not_asked_for_the_month(tree):
    registered(tree)
    person_exempt(actor=None, person=tree.member, start_month=THIS_MONTH, reason="Tuổi cao")
    with pytest.raises(DomainError, match="miễn"):
        services.entry_start(actor=tree.member_user, person=tree.member, month=THIS_MONTH)


def test_submitting_needs_every_item_and_the_self_rating(tree):
    registered(tree)
    entry = services.entry_start(actor=tree.member_user, person=tree.member, month=THIS_MONTH)
    with pytest.raises(DomainError, match="Chưa đủ"):
        services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)


def test_a_submission_before_the_due_day_is_on_time(tree):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.on_time is True


def test_a_submission_after_the_due_day_is_late(tree):
    old = add_months(THIS_MONTH, -2)
    p = pledges.pledge_start(actor=tree.member_user, person=tree.member, year=old.year)
    pledges.pledge_save_items(
        actor=tree.member_user,
        pledge=p,
        version=p.version,
        items=[pledges.ItemInput(area=tree.areas[0], text="Giải quyết 100% hồ sơ đúng hạn")],
    )
    pledges.pledge_submit(actor=tree.member_user, pledge=p, version=p.version)
    entry = filled(tree, month=old)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    assert entry.on_time is False


def test_due_date_is_the_fifth_of_the_next_month(tree):
    due = services.due_at(date(2025, 12, 1))
    assert (due.year, due.month, due.day) == (2026, 1, 5)
    assert timezone.localtime(due).time() == dt.time.max


def test_a_submitted_entry_cannot_be_changed(tree):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    with pytest.raises(DomainError):
        services.entry_save_self(
            actor=tree.member_user,
            entry=entry,
            self_assessment="khác",
            self_rating=Rating.EXCELLENT,
            version=entry.version,
        )


def test_the_cell_returns_then_the_member_resubmits_then_the_cell_reviews(tree):
    registered(tree)
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    services.entry_return(
        actor=tree.secretary_user, entry=entry, comment="Ghi rõ số hồ sơ", version=entry.version
    )
    assert entry.status == EntryStatus.RETURNED
    services.entry_save_self(
        actor=tree.member_user,
        entry=entry,
        self_assessment="Đã bổ sung",
        self_rating=Rating.GOOD,
        version=entry.version,
    )
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    services.entry_review(
        actor=tree.secretary_user,
        entry=entry,
        comment="Tốt",
        rating=Rating.DONE,
        version=entry.version,
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.REVIEWED
    assert entry.rating_disagrees


def test_a_draft_cannot_be_reviewed_or_returned(tree):
    registered(tree)
    entry = filled(tree)
    with pytest.raises(DomainError):
        services.entry_review(
            actor=tree.secretary_user,
            entry=entry,
            comment="",
            rating=Rating.GOOD,
            version=entry.version,
        )
    with pytest.raises(DomainError):
        services.entry_return(
            actor=tree.secretary_user, entry=entry, comment="x", version=entry.version
        )


def test_a_secretary_entering_for_a_member_is_recorded(tree):
    registered(tree, person=tree.proxy_member, user=tree.secretary_user)
    entry = filled(tree, person=tree.proxy_member, user=tree.secretary_user)
    services.entry_submit(actor=tree.secretary_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    assert entry.entered_by == tree.secretary_user
    assert entry.history.first().history_change_reason == "Nộp sổ tay tháng (nhập thay)"


def test_two_people_saving_the_same_entry_the_second_is_refused(tree):
    registered(tree)
    entry = services.entry_start(actor=tree.member_user, person=tree.member, month=THIS_MONTH)
    seen_by_both = entry.version
    item = entry.pledge.items.first()
    services.entry_save_item(
        actor=tree.member_user,
        entry=entry,
        item=item,
        progress=Progress.DONE,
        note="thành viên",
        version=seen_by_both,
    )
    other = HandbookEntry.objects.get(pk=entry.pk)
    with pytest.raises(StaleRecord):
        services.entry_save_item(
            actor=tree.secretary_user,
            entry=other,
            item=item,
            progress=Progress.NOT_DONE,
            note="bí thư",
            version=seen_by_both,
        )
    assert entry.items.get().note == "thành viên"


def test_the_database_allows_one_entry_per_person_per_month(tree):
    registered(tree)
    services.entry_start(actor=tree.member_user, person=tree.member, month=THIS_MONTH)
    with pytest.raises(IntegrityError), transaction.atomic():
        HandbookEntry.objects.create(person=tree.member, month=THIS_MONTH, unit=tree.cell)
