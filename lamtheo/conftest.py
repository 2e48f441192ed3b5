"""Shared test fixtures: a small tree with one person in each role and an outsider.

Đảng bộ Khối (bloc)                      propaganda officer, administrator
└── Đảng bộ Sở A (grassroots)           committee member
    ├── Chi bộ 1 (cell)                 secretary, member, proxy_member (no account)
    └── Chi bộ 2 (cell)                 outsider (member of a sibling cell)
└── Chi bộ cơ sở B (grassroots_cell)     other_secretary
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from lamtheo.campaign.actions import CampaignAction
from lamtheo.campaign.models import Campaign, Topic, TopicKind
from lamtheo.core.audit import tag_all
from lamtheo.orgs.models import RoleKind, UnitKind
from lamtheo.orgs.services import role_grant, unit_create
from lamtheo.pledges.models import ContentArea
from lamtheo.tests.helpers import DEFAULT_AREAS, Tree, make_person, make_user, sign_in


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
        # The whole sign-in: the second step too, for those who must pass it.
        return sign_in(client, user)

    return _login
