"""Builders shared by the tests of every app: accounts, people, and the shape of the `tree`
fixture (lamtheo/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheo.handbook import services as handbook
from lamtheo.handbook.models import HandbookEntry, Progress, Rating
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import requires_two_factor
from lamtheo.people.models import MemberStatus, Person
from lamtheo.people.services import person_create
from lamtheo.pledges.models import ContentArea

PASSWORD = "mat-khau-thu-nghiem-2025"
DEFAULT_AREAS = [
    "Việc thực hiện nhiệm vụ chính trị theo nghị quyết cấp ủy",
    "Việc thực hiện Nghị quyết Trung ương 4 gắn với Chỉ thị 05",
    "Việc thực hiện trách nhiệm nêu gương",
]


@dataclass
class Tree:
    bloc: OrgUnit
    org: OrgUnit
    cell: OrgUnit
    cell2: OrgUnit
    cell_b: OrgUnit
    member: Person
    secretary: Person
    outsider: Person
    proxy_member: Person
    committee_user: User
    propaganda_user: User
    admin_user: User
    other_secretary_user: User
    areas: list[ContentArea]

    @property
    def member_user(self) -> User:
        return self.member.user

    @property
    def secretary_user(self) -> User:
        return self.secretary.user


def make_user(username: str, full_name: str = "") -> User:
    # The whole name in first_name, so get_full_name() keeps the Vietnamese order.
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=full_name or username,
        email=f"{username}@example.vn",
    )


def make_person(
    code: str,
    name: str,
    cell: OrgUnit,
    *,
    with_user: bool = True,
    start: date = date(2020, 1, 1),
    duty: str = "Chuyên viên",
) -> Person:
    user = make_user(code.lower(), name) if with_user else None
    return person_create(
        actor=None,
        code=code,
        full_name=name,
        status=MemberStatus.FULL,
        cell=cell,
        start_month=start,
        duty=duty,
        user=user,
    )


def fill(person: Person, month: date, *, submit: bool = True, actor=None) -> HandbookEntry:
    """The person's handbook month, every item done and self-assessed, through the services
    (submitted unless `submit` is false)."""

    actor = actor or person.user
    entry = handbook.entry_start(actor=actor, person=person, month=month)
    for item in entry.pledge.items.all():
        handbook.entry_save_item(
            actor=actor,
            entry=entry,
            item=item,
            progress=Progress.DONE,
            note="Đã thực hiện",
            version=entry.version,
        )
    handbook.entry_save_self(
        actor=actor,
        entry=entry,
        self_assessment="Hoàn thành tốt",
        self_rating=Rating.GOOD,
        version=entry.version,
    )
    if submit:
        handbook.entry_submit(actor=actor, entry=entry, version=entry.version)
    return entry


def sign_in(client, user: User):
    """Log `user` in on the test client as after the whole sign-in: password and, for those
    who must use it (orgs.scope.requires_two_factor), the second step (a TOTP device made
    for the test, the session marked verified as django_otp.login does)."""
    client.force_login(user)
    if requires_two_factor(User.objects.get(pk=user.pk)):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Thử nghiệm")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
