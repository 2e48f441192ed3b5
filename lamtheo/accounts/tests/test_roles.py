from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lamtheo.core.dates import format_date
from lamtheo.orgs.models import Role, RoleKind
from lamtheo.orgs.scope import Capability, can
from lamtheo.orgs.services import unit_create
from lamtheo.tests.helpers import make_person


def row_of(page: str, unit_name: str) -> str:
    row = page[page.index(f">{unit_name}") :]
    return row[: row.index("</tr>")]


def test_a_cell_without_a_current_secretary_is_flagged(tree, login):
    page = login(tree.committee_user).get(reverse("accounts:roles", args=[tree.org.code]))
    page = page.content.decode()
    assert "Chưa có bí thư" in row_of(page, "Chi bộ Phòng 2")
    assert "Chưa có bí thư" not in row_of(page, "Chi bộ Phòng 1")
    assert "Trần Thị Bình" in row_of(page, "Chi bộ Phòng 1")


def test_the_committee_staffs_a_cell_below_it_with_a_start_date(tree, login):
    client = login(tree.committee_user)
    start = timezone.localdate() - timedelta(days=3)
    r = client.post(
        reverse("accounts:role_new", args=[tree.cell2.code]),
        {"person_code": "dv003", "kind": RoleKind.SECRETARY, "start_date": format_date(start)},
    )
    assert r.status_code == 302
    role = Role.objects.get(unit=tree.cell2, kind=RoleKind.SECRETARY)
    assert (role.user, role.start_date, role.end_date) == (tree.outsider.user, start, None)
    last = role.history.first()
    assert (last.history_action, last.history_user) == (
        "lamtheo.orgs.role.granted",
        tree.committee_user,
    )
    assert can(tree.outsider.user, Capability.REVIEW, tree.cell2)
    page = client.get(reverse("accounts:roles", args=[tree.org.code])).content.decode()
    assert "Chưa có bí thư" not in row_of(page, "Chi bộ Phòng 2")


def test_a_role_that_starts_later_does_not_count_yet(tree, login):
    client = login(tree.committee_user)
    later = timezone.localdate() + timedelta(days=10)
    client.post(
        reverse("accounts:role_new", args=[tree.cell2.code]),
        {"person_code": "DV003", "kind": RoleKind.SECRETARY, "start_date": format_date(later)},
    )
    assert not can(tree.outsider.user, Capability.REVIEW, tree.cell2)
    page = client.get(reverse("accounts:roles", args=[tree.org.code])).content.decode()
    assert "Chưa có bí thư" in row_of(page, "Chi bộ Phòng 2")
    assert f"từ {format_date(later)}" in row_of(page, "Chi bộ Phòng 2")


def test_a_role_goes_only_to_someone_with_an_account_in_scope(tree, login):
    client = login(tree.committee_user)
    url = reverse("accounts:role_new", args=[tree.cell.code])
    today = format_date(timezone.localdate())
    no_account = client.post(
        url, {"person_code": "DV004", "kind": RoleKind.DEPUTY, "start_date": today}
    )
    assert "chưa có tài khoản đang hoạt động" in no_account.content.decode()
    elsewhere = client.post(
        url, {"person_code": "DV005", "kind": RoleKind.DEPUTY, "start_date": today}
    )
    assert "Không tìm thấy người có mã này trong phạm vi" in elsewhere.content.decode()
    bad_date = client.post(
        url, {"person_code": "DV001", "kind": RoleKind.DEPUTY, "start_date": "31/02/2026"}
    )
    assert "Ngày chưa đúng" in bad_date.content.decode()
    assert not Role.objects.filter(kind=RoleKind.DEPUTY).exists()


def test_only_an_administrator_gives_the_administrator_role(tree, login):
    committee = login(tree.committee_user).get(reverse("accounts:role_new", args=[tree.cell.code]))
    assert 'value="admin"' not in committee.content.decode()
    admin = login(tree.admin_user).get(reverse("accounts:role_new", args=[tree.cell.code]))
    assert 'value="admin"' in admin.content.decode()
    r = login(tree.committee_user).post(
        reverse("accounts:role_new", args=[tree.cell.code]),
        {"person_code": "DV001", "kind": RoleKind.ADMIN, "start_date": "01/12/2026"},
    )
    assert "Vui lòng chọn một vai trò trong danh sách." in r.content.decode()


def test_ending_a_role_keeps_it_in_the_history_and_stops_its_rights(tree, login):
    role = Role.objects.get(user=tree.secretary_user, unit=tree.cell)
    client = login(tree.committee_user)
    url = reverse("accounts:role_end", args=[role.pk])
    r = client.post(url, {"end_date": format_date(timezone.localdate()), "reason": ""})
    assert "Vui lòng ghi lý do" in r.content.decode()
    r = client.post(
        url, {"end_date": format_date(timezone.localdate()), "reason": "Chuyển công tác"}
    )
    assert r.status_code == 302
    role.refresh_from_db()
    assert role.end_date == timezone.localdate()
    last = role.history.first()
    assert (last.history_action, last.history_change_reason) == (
        "lamtheo.orgs.role.ended",
        "Chuyển công tác",
    )
    secretary = type(tree.secretary_user).objects.get(pk=tree.secretary_user.pk)
    assert not can(secretary, Capability.REVIEW, tree.cell)
    page = client.get(reverse("accounts:roles", args=[tree.org.code])).content.decode()
    assert "Chưa có bí thư" in row_of(page, "Chi bộ Phòng 1")


def test_a_role_cannot_end_before_it_started(tree, login):
    role = Role.objects.get(user=tree.secretary_user, unit=tree.cell)
    Role.objects.filter(pk=role.pk).update(start_date=timezone.localdate())
    r = login(tree.admin_user).post(
        reverse("accounts:role_end", args=[role.pk]),
        {"end_date": format_date(timezone.localdate() - timedelta(days=1)), "reason": "Nhầm"},
    )
    assert "phải từ ngày bắt đầu" in r.content.decode()


def test_units_are_listed_in_vietnamese_order_below_their_parent(tree, login):
    for code, name in [
        ("CBD", "Chi bộ Đào tạo"),
        ("CBC", "Chi bộ Cấp cứu"),
        ("CBZ", "Chi bộ Y tế"),
    ]:
        unit_create(code=code, name=name, kind="cell", parent=tree.org)
    page = login(tree.admin_user).get(reverse("accounts:roles", args=[tree.org.code]))
    page = page.content.decode()
    names = ["Chi bộ Cấp cứu", "Chi bộ Đào tạo", "Chi bộ Phòng 1", "Chi bộ Phòng 2", "Chi bộ Y tế"]
    positions = [page.index(f">{n}") for n in names]
    assert positions == sorted(positions)
    assert page.index(">Đảng bộ Sở A") < positions[0]


def test_people_listed_on_a_unit_in_vietnamese_order(tree, login):
    make_person("DV201", "Nguyễn Văn Ánh", tree.cell2, with_user=False)
    make_person("DV202", "Trần Văn Bảo", tree.cell2, with_user=False)
    page = login(tree.admin_user).get(reverse("accounts:unit", args=[tree.cell2.code]))
    page = page.content.decode()
    assert page.index("Nguyễn Văn Ánh") < page.index("Trần Văn Bảo") < page.index("Lê Văn Cường")


def test_the_start_date_is_offered_as_today_in_dd_mm_yyyy(tree, login):
    page = login(tree.admin_user).get(reverse("accounts:role_new", args=[tree.cell.code]))
    assert f'value="{format_date(timezone.localdate())}"' in page.content.decode()


def test_a_cell_has_one_secretary_until_the_one_in_office_steps_down(tree, login):
    client = login(tree.committee_user)
    today = timezone.localdate()
    url = reverse("accounts:role_new", args=[tree.cell.code])
    data = {"person_code": "DV001", "kind": RoleKind.SECRETARY, "start_date": format_date(today)}
    page = client.post(url, data).content.decode()
    assert "đã có Bí thư là đồng chí Trần Thị Bình" in page
    assert not Role.objects.filter(user=tree.member.user, kind=RoleKind.SECRETARY).exists()
    # A deputy beside her is fine; once her role ends, the new secretary starts that day.
    assert client.post(url, data | {"kind": RoleKind.DEPUTY}).status_code == 302
    Role.objects.filter(user=tree.secretary.user, kind=RoleKind.SECRETARY).update(end_date=today)
    assert client.post(url, data).status_code == 302
    assert Role.objects.get(unit=tree.cell, kind=RoleKind.SECRETARY, end_date=None).user == (
        tree.member.user
    )


def test_the_database_keeps_one_open_secretary_per_unit(tree):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(user=tree.member.user, unit=tree.cell, kind=RoleKind.SECRETARY)
