"""The demo keeps the rules the app enforces, and shows them: months submitted in their
window, nobody reviewing their own work, a secretary with something in her queue, a meeting
announced with its invitations, decisions told to their people, the top unit's place name."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lamtheo.core.models import Notice
from lamtheo.demo.build import load_demo
from lamtheo.demo.context import Context
from lamtheo.demo.data.units import DEMO_ROOT_CODE
from lamtheo.demo.entries import submit
from lamtheo.demo.generator import demo_period
from lamtheo.demo.notices import DOCUMENT_PLACE
from lamtheo.demo.plan import Organization, Size
from lamtheo.handbook.models import EntryStatus, HandbookEntry
from lamtheo.handbook.selectors import review_queue
from lamtheo.handbook.services import due_at, opens_at
from lamtheo.learning.meetings.models import CellMeeting, MeetingStatus
from lamtheo.learning.meetings.selectors import expected_people
from lamtheo.orgs.models import OrgUnit, Role, RoleKind, UnitSettings
from lamtheo.orgs.selectors import document_place
from lamtheo.pledges.models import Pledge, PledgeStatus
from lamtheo.pledges.selectors import ReviewRouting

TINY = Size(orgs=3, cells_per_org=2, people_per_cell=5)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db) -> None:
    load_demo(size=TINY)


def test_no_demo_month_is_on_time_outside_its_window(demo):
    submitted = HandbookEntry.objects.filter(first_submitted_at__isnull=False)
    assert submitted.filter(on_time=True).exists() and submitted.filter(on_time=False).exists()
    for e in submitted:
        assert e.first_submitted_at >= opens_at(e.month), (e.month, e.first_submitted_at)
        in_window = e.first_submitted_at <= due_at(e.month)
        assert e.on_time == in_window, (e.month, e.first_submitted_at)


def test_a_short_month_is_submitted_on_time_only_from_its_opening_day():
    # February: from the 25th to 5 March; the old rule (up to 9 days before the due day)
    # put some on 24 February.
    org = Organization(root=None, year=2026, months=[], units=[], people=[])
    now = timezone.make_aware(timezone.datetime(2026, 6, 1, 12))
    ctx = Context(random.Random(1), org, [], now)
    for _ in range(500):
        entry: dict = {}
        submit(ctx, entry, date(2026, 2, 1), late=False)
        assert opens_at(date(2026, 2, 1)) <= entry["submitted_at"] <= due_at(date(2026, 2, 1))
        assert entry["on_time"]


def test_nobody_reviews_their_own_work_the_secretary_s_goes_to_her_deputy(demo):
    assert not HandbookEntry.objects.filter(reviewed_by=F("person__user")).exists()
    assert not Pledge.objects.filter(decided_by=F("person__user")).exists()
    reviewed = list(
        HandbookEntry.objects.filter(status=EntryStatus.REVIEWED).select_related("unit", "person")
    )
    routing = ReviewRouting(OrgUnit.objects.all())
    for e in reviewed:  # by whom the app routes it to, never its author
        assert e.reviewed_by_id in routing.reviewer_ids(e.unit, e.person.user_id), e
    bithu = User.objects.get(username="bithu")
    deputy = Role.objects.get(unit=bithu.person.cell, kind=RoleKind.DEPUTY).user
    own = HandbookEntry.objects.filter(person__user=bithu, status=EntryStatus.REVIEWED)
    assert own.exists() and set(own.values_list("reviewed_by", flat=True)) == {deputy.pk}
    assert Pledge.objects.get(person__user=bithu).decided_by == deputy


def test_the_secretary_s_queue_holds_a_handful_oldest_first(demo):
    queue = review_queue(User.objects.get(username="bithu"))
    kinds = [i.kind for i in queue]
    assert kinds.count("pledge") >= 1 and kinds.count("entry") >= 3
    assert len(queue) <= 15
    _, months = demo_period(timezone.localdate())
    assert {i.record.month for i in queue if i.kind == "entry"} <= set(months[-2:])
    times = [i.submitted_at for i in queue]
    assert times == sorted(times)
    # Her own last month waits for the committee above, not for her.
    bithu_person = User.objects.get(username="bithu").person
    assert bithu_person not in [i.person for i in queue]
    deputy = Role.objects.get(unit=bithu_person.cell, kind=RoleKind.DEPUTY).user
    assert bithu_person in [i.person for i in review_queue(deputy)]


def test_a_meeting_is_announced_in_the_secretary_s_cell_with_its_invitations(demo):
    bithu = User.objects.select_related("person__cell").get(username="bithu")
    cell = bithu.person.cell
    meeting = CellMeeting.objects.get(unit=cell, status=MeetingStatus.ANNOUNCED)
    today = timezone.localdate()
    assert today < meeting.held_on <= today + timedelta(days=7)
    assert meeting.place and meeting.agenda.strip() and meeting.starts_at
    url = reverse("learning:meeting_announcement", args=[meeting.pk])
    invited = {p.user_id for p in expected_people(cell, meeting.month)} - {bithu.pk}
    told = set(Notice.objects.filter(url=url, sender=bithu).values_list("user_id", flat=True))
    assert invited and told == invited


def test_decisions_are_in_the_members_notices_read_and_unread(demo):
    member = User.objects.get(username="dangvien")
    returned = HandbookEntry.objects.filter(person__user=member, status=EntryStatus.RETURNED)
    last = returned.latest("month")
    notice = Notice.objects.get(
        user=member, url=reverse("handbook:month", args=[last.person_id, last.month])
    )
    assert last.return_comment.strip() in notice.text and "trả lại" in notice.text
    assert notice.sender.username == "bithu" and notice.sender_title.startswith("Bí thư")
    assert notice.read_at is None and notice.created_at < timezone.now() - timedelta(hours=1)
    accepted = Pledge.objects.get(person__user=member, status=PledgeStatus.ACCEPTED)
    read = Notice.objects.get(user=member, url=reverse("pledges:mine", args=[accepted.year]))
    assert read.read_at is not None and "thông qua" in read.text


def test_the_top_unit_has_its_place_name_set_through_the_settings(demo):
    root = OrgUnit.objects.get(code=DEMO_ROOT_CODE)
    cell = User.objects.get(username="bithu").person.cell
    place = document_place(cell)
    assert (place.name, place.unit) == (DOCUMENT_PLACE, root)
    assert UnitSettings.history.filter(unit=root, history_user__username="quantri").exists()
