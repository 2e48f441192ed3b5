"""The demo organization: built once by code from a fixed seed, with one log-in per role."""

from __future__ import annotations

import random
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from lamtheo.accounts.models import AccountState
from lamtheo.dashboard.models import CellMonthStat, CellYearStat
from lamtheo.demo.build import DEMO_PASSWORD, DEMO_SIZE, load_demo
from lamtheo.demo.data.units import DEMO_ROOT_CODE
from lamtheo.demo.generator import SEED, demo_period
from lamtheo.demo.plan import Size, plan_organization
from lamtheo.handbook.models import EntryItem, HandbookEntry
from lamtheo.orgs.models import OrgUnit, Role, RoleKind, UnitKind
from lamtheo.people.models import Membership, Person
from lamtheo.pledges.models import Pledge, PledgeItem, PledgeStatus

TINY = Size(orgs=3, cells_per_org=2, people_per_cell=5)
MONTHS = [date(2026, m, 1) for m in range(1, 11)]
TABLES = [OrgUnit, User, Role, Person, Membership, Pledge, PledgeItem, HandbookEntry, EntryItem,
          CellMonthStat, CellYearStat]  # fmt: skip


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_a_second_load_creates_nothing(db):
    created = load_demo(size=TINY)
    before = row_counts()

    assert load_demo(size=TINY) == {}
    assert row_counts() == before
    assert created["cán bộ, đảng viên"] == before["Person"] > 10
    assert created["sổ tay tháng"] == before["HandbookEntry"] > 0


def test_the_command_prints_the_log_ins_every_time(db):
    load_demo(size=TINY)
    out = StringIO()

    call_command("load_demo", stdout=out)  # already there: only reads the log-ins back

    text = out.getvalue()
    assert "đã có sẵn, không tạo thêm" in text
    assert DEMO_PASSWORD in text and "CHỈ DÙNG CHO BẢN DEMO" in text
    for username in ("dangvien", "dangvien2", "bithu", "capuy", "tuyengiao", "quantri"):
        assert f"\n{username} " in text
    assert "Chờ đăng nhập lần đầu" in text


def test_each_log_in_holds_its_role_and_the_demo_password(db):
    load_demo(size=TINY)
    member = Person.objects.select_related("cell").get(user__username="dangvien")
    root = OrgUnit.objects.get(code=DEMO_ROOT_CODE)
    # The member's grassroots organization (a đảng bộ bộ phận may stand in between).
    org = OrgUnit.objects.get(pk__in=member.cell.ancestor_ids(), kind=UnitKind.GRASSROOTS)
    expected = {
        "bithu": (RoleKind.SECRETARY, member.cell),
        "capuy": (RoleKind.COMMITTEE, org),
        "tuyengiao": (RoleKind.PROPAGANDA, root),
        "quantri": (RoleKind.ADMIN, root),
    }
    for username, (kind, unit) in expected.items():
        user = User.objects.get(username=username)
        assert Role.objects.filter(user=user, kind=kind, unit=unit).exists(), username
        assert user.check_password(DEMO_PASSWORD)
        person = user.person
        # Django's first/last name hold the given name and the rest, in Vietnamese order.
        assert user.get_full_name() == person.full_name


def test_the_member_has_last_month_to_write_and_the_second_member_no_registration(db):
    load_demo(size=TINY)
    year, months = demo_period(timezone.localdate())
    member = Person.objects.get(user__username="dangvien")
    second = Person.objects.get(user__username="dangvien2")

    assert Pledge.objects.get(person=member, year=year).status == PledgeStatus.ACCEPTED
    assert not HandbookEntry.objects.filter(person=member, month=months[-1]).exists()
    assert HandbookEntry.objects.filter(person=member).count() == len(months) - 1
    assert not Pledge.objects.filter(person=second).exists()


def test_the_figures_are_built_for_every_cell(db):
    load_demo(size=TINY)
    year, _ = demo_period(timezone.localdate())
    cells = OrgUnit.objects.filter(kind__in=["cell", "grassroots_cell"]).count()

    assert CellYearStat.objects.filter(year=year).count() == cells
    assert CellMonthStat.objects.filter(month__year=year).count() == 12 * cells


def test_the_same_seed_plans_the_same_organization():
    def names() -> list[str]:
        root = OrgUnit(code="DBK", path="0000001")
        org = plan_organization(random.Random(SEED), root=root, size=DEMO_SIZE,
                                     year=2026, months=MONTHS)  # fmt: skip
        return [p.full_name for p in org.people]

    first = names()
    assert first == names()
    assert 2500 < len(first) < 3500  # about 3,000 people in about 300 cells


def test_nearly_everyone_has_an_account_a_few_wait_for_their_first_log_in(db):
    load_demo(size=TINY)
    people = Person.objects.all()
    assert not people.filter(user__isnull=True).exists()
    assert not User.objects.filter(password__startswith="!").exists()
    waiting = AccountState.objects.filter(must_change_password=True)
    bithu_cell = Person.objects.get(user__username="bithu").cell
    assert 0 < waiting.count() <= 3
    assert set(waiting.values_list("user__person__cell", flat=True)) == {bithu_cell.pk}
    assert AccountState.objects.count() == User.objects.count()
