"""Builders shared by the tests of every app: accounts, people, and the shape of the `tree`
fixture (lamtheo/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from lamtheo.orgs.models import OrgUnit
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
