"""Shared test fixtures: a small tree with one person in each role and an outsider.

Đảng bộ Khối (bloc)                      propaganda officer, administrator
└── Đảng bộ Sở A (grassroots)           committee member
    ├── Chi bộ 1 (cell)                 secretary, member, proxy_member (no account)
    └── Chi bộ 2 (cell)                 outsider (member of a sibling cell)
└── Chi bộ cơ sở B (grassroots_cell)     other_secretary
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User

from lamtheo.campaign.actions import CampaignAction
from lamtheo.campaign.models import Campaign, Topic, TopicKind
from lamtheo.core.audit import tag_all
from lamtheo.orgs.models import OrgUnit, RoleKind, UnitKind
from lamtheo.orgs.services import role_grant, unit_create
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


@pytest.fixture
def tree(db) -> Tree:
    bloc = unit_create(
        code="DBK", name="Đảng bộ Khối các cơ quan tỉnh", kind=UnitKind.BLOC, parent=None
    )
    org = unit_create(code="DBSA", name="Đảng bộ Sở A", kind=UnitKind.GRASSROOTS, parent=bloc)
    cell = unit_create(code="CB1", name="Chi bộ Phòng 1", kind=UnitKind.CELL, parent=org)
    cell2 = unit_create(code="CB2", name="Chi bộ Phòng 2", kind=UnitKind.CELL, parent=org)
    cell_b = unit_create(
        code="CBB", name="Chi bộ cơ sở B", kind=UnitKind.GRASSROOTS_CELL, parent=bloc
    )
    areas = [ContentArea.objects.create(title=t, order=i) for i, t in enumerate(DEFAULT_AREAS)]
    campaign = Campaign.objects.first() or Campaign.objects.create(  # the migration's preload
        name="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        directive="Chỉ thị 05-CT/TW",
    )
    with tag_all(actor=None, action=CampaignAction.TOPIC_CREATED, reason="Tạo chuyên đề"):
        Topic.objects.create(
            campaign=campaign,
            kind=TopicKind.ANNUAL,
            year=date.today().year,
            title="Chuyên đề thử nghiệm của năm",
        )
    member = make_person("DV001", "Nguyễn Văn An", cell, duty="Chuyên viên phòng Kế hoạch")
    secretary = make_person("DV002", "Trần Thị Bình", cell, duty="Trưởng phòng")
    outsider = make_person("DV003", "Lê Văn Cường", cell2)
    proxy_member = make_person("DV004", "Phạm Văn Dũng", cell, with_user=False)
    role_grant(actor=None, user=secretary.user, unit=cell, kind=RoleKind.SECRETARY)
    committee_user = make_user("capuy", "Hoàng Văn Em")
    role_grant(actor=None, user=committee_user, unit=org, kind=RoleKind.COMMITTEE)
    propaganda_user = make_user("tuyengiao", "Đỗ Thị Giang")
    role_grant(actor=None, user=propaganda_user, unit=bloc, kind=RoleKind.PROPAGANDA)
    admin_user = make_user("quantri", "Vũ Văn Hải")
    role_grant(actor=None, user=admin_user, unit=bloc, kind=RoleKind.ADMIN)
    other = make_person("DV005", "Bùi Thị Lan", cell_b)
    role_grant(actor=None, user=other.user, unit=cell_b, kind=RoleKind.SECRETARY)
    return Tree(
        bloc,
        org,
        cell,
        cell2,
        cell_b,
        member,
        secretary,
        outsider,
        proxy_member,
        committee_user,
        propaganda_user,
        admin_user,
        other.user,
        areas,
    )


@pytest.fixture
def login(client):
    def _login(user: User):
        client.force_login(user)
        return client

    return _login
