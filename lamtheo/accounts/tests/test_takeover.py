"""Taking over an account through another door than the one-time code (issue 10's attack):
the contact details a reset goes to, the second step, roles given for a later day, one's own
roles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheo.accounts.models import AccountState
from lamtheo.core.form_tokens import new_token
from lamtheo.orgs.models import Role, RoleKind
from lamtheo.orgs.scope import Capability, can
from lamtheo.orgs.services import role_grant
from lamtheo.people.models import Person
from lamtheo.tests.helpers import make_person, make_user, sign_in


@pytest.fixture
def seated_admin(tree):
    """The bloc's administrator, a member of Chi bộ Phòng 1 (the secretary's cell)."""
    person = make_person("DV010", "Đặng Văn Quang", tree.cell)
    Person.objects.filter(pk=person.pk).update(email="quang@example.vn")
    role_grant(actor=None, user=person.user, unit=tree.bloc, kind=RoleKind.ADMIN)
    person.refresh_from_db()
    return person


def contact(client, person, **values):
    person.refresh_from_db()
    data = {"phone": person.phone, "email": person.email, "version": person.version} | values
    return client.post(reverse("people:edit_contact", args=[person.pk]), data)


def test_a_cell_secretary_cannot_change_the_e_mail_of_an_administrator_in_her_cell(
    tree, seated_admin, login
):
    client = login(tree.secretary_user)
    assert contact(client, seated_admin, email="bich@example.vn").status_code == 404
    seated_admin.refresh_from_db()
    assert seated_admin.email == "quang@example.vn"
    assert contact(client, seated_admin, phone="0912345678").status_code == 404
    profile = client.get(reverse("people:profile", args=[seated_admin.pk])).content.decode()
    assert reverse("people:edit_contact", args=[seated_admin.pk]) not in profile
    # A member without a role: her cell's keeper still corrects it.
    assert contact(client, tree.member, email="an@example.vn").status_code == 302


def test_the_administrator_still_edits_their_own_contact_and_the_old_address_hears_of_it(
    tree, seated_admin, client, django_capture_on_commit_callbacks
):
    sign_in(client, seated_admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        r = contact(client, seated_admin, email="quang.moi@example.vn")
    assert r.status_code == 302
    assert [m.to for m in mail.outbox] == [["quang@example.vn"]]
    body = mail.outbox[0].body
    assert "quang.moi@example.vn" in body and "chính đồng chí" in body
    # The account's own address follows: a reset link no longer reaches the old one.
    seated_admin.user.refresh_from_db()
    assert seated_admin.user.email == "quang.moi@example.vn"


def test_a_change_of_e_mail_by_the_cell_tells_the_old_address(
    tree, login, django_capture_on_commit_callbacks
):
    Person.objects.filter(pk=tree.member.pk).update(email="an.cu@example.vn")
    client = login(tree.secretary_user)
    with django_capture_on_commit_callbacks(execute=True):
        contact(client, tree.member, email="an.moi@example.vn")
    assert [m.to for m in mail.outbox] == [["an.cu@example.vn"]]
    assert "Trần Thị Bình" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact(client, tree.member, phone="0912345678")  # the e-mail stays: no notice
    assert mail.outbox == []


def test_the_administrator_of_a_cell_cannot_reset_the_bloc_administrator_s_second_step(
    tree, seated_admin, client
):
    cell_admin = make_user("qtcb1", "Ngô Thị Mai")
    role_grant(actor=None, user=cell_admin, unit=tree.cell, kind=RoleKind.ADMIN)
    TOTPDevice.objects.create(user=seated_admin.user, name="Điện thoại", confirmed=True)
    sign_in(client, cell_admin)
    url = reverse("signin:reset_two_factor")
    page = client.get(url, {"name": "dv010"}).content.decode()
    assert "Không tìm thấy người có tên đăng nhập này" in page
    assert client.post(url, {"name": "dv010", "reason": "Mất máy"}).status_code == 404
    assert TOTPDevice.objects.filter(user=seated_admin.user).exists()
    # A member of the cell without a role: still hers to reset.
    TOTPDevice.objects.create(user=tree.member_user, name="Điện thoại", confirmed=True)
    assert client.post(url, {"name": "dv001", "reason": "Mất máy"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=tree.member_user).exists()


def test_a_role_from_tomorrow_protects_its_holder_already(tree, login, client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    role_grant(
        actor=None, user=tree.member_user, unit=tree.bloc, kind=RoleKind.ADMIN, start_date=tomorrow
    )
    secretary = login(tree.secretary_user)
    url = reverse("accounts:issue_one", args=[tree.member.pk])
    assert secretary.post(url, {"form_token": new_token()}).status_code == 404
    assert contact(secretary, tree.member, email="bich@example.vn").status_code == 404
    # It opens nothing before its day.
    assert not can(tree.member_user, Capability.MANAGE_ROSTER, tree.bloc)


def test_a_batch_reissue_leaves_out_someone_given_a_role_from_a_later_day(tree, login):
    newcomer = make_person("DV101", "Võ Thị Hạnh", tree.cell, with_user=False)
    client = login(tree.committee_user)
    client.post(reverse("accounts:issue_one", args=[newcomer.pk]), {"form_token": new_token()})
    newcomer.refresh_from_db()
    batch = AccountState.objects.get(user=newcomer.user).batch
    role_grant(
        actor=None,
        user=newcomer.user,
        unit=tree.org,
        kind=RoleKind.COMMITTEE,
        start_date=timezone.localdate() + timedelta(days=3),
    )
    r = client.post(reverse("accounts:batch_reissue", args=[batch.pk]), follow=True)
    assert "Mọi người trong lượt cấp này đã đăng nhập" in r.content.decode()
    assert AccountState.objects.get(user=newcomer.user).batch == batch


def test_nobody_gives_a_role_to_themselves(tree, seated_admin, client):
    sign_in(client, seated_admin.user)
    r = client.post(
        reverse("accounts:role_new", args=[tree.bloc.code]),
        {
            "person_code": "DV010",
            "kind": RoleKind.PROPAGANDA,
            "start_date": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    assert "Đồng chí không tự giao vai trò cho mình được" in r.content.decode()
    assert not Role.objects.filter(user=seated_admin.user, kind=RoleKind.PROPAGANDA).exists()


def test_granting_an_open_role_again_from_another_day_says_since_when_it_is_held(tree, login):
    role_grant(
        actor=None,
        user=tree.member_user,
        unit=tree.cell,
        kind=RoleKind.DEPUTY,
        start_date=date(2025, 1, 1),
    )
    r = login(tree.admin_user).post(
        reverse("accounts:role_new", args=[tree.cell.code]),
        {"person_code": "DV001", "kind": RoleKind.DEPUTY, "start_date": "01/03/2026"},
    )
    assert r.status_code == 200
    assert "Đồng chí Nguyễn Văn An đang giữ vai trò này từ 01/01/2025" in r.content.decode()
    role = Role.objects.get(user=tree.member_user, kind=RoleKind.DEPUTY)
    assert role.start_date == date(2025, 1, 1)


def end_role(client, role, end_date=None):
    end_date = end_date or timezone.localdate()
    return client.post(
        reverse("accounts:role_end", args=[role.pk]),
        {"end_date": end_date.strftime("%d/%m/%Y"), "reason": "Nghỉ hưu"},
    )


def test_nobody_ends_their_own_administrator_role(tree, seated_admin, client):
    sign_in(client, seated_admin.user)
    own = Role.objects.get(user=seated_admin.user, kind=RoleKind.ADMIN)
    r = end_role(client, own)
    assert "không tự thôi vai trò quản trị viên của mình" in r.content.decode()
    own.refresh_from_db()
    assert own.end_date is None


def test_the_last_administrator_of_the_tree_is_not_ended(tree, seated_admin, client, login):
    next_month = timezone.localdate() + timedelta(days=30)
    first = Role.objects.get(user=tree.admin_user, kind=RoleKind.ADMIN)
    second = Role.objects.get(user=seated_admin.user, kind=RoleKind.ADMIN)
    sign_in(client, seated_admin.user)
    assert end_role(client, first, next_month).status_code == 302  # one remains: allowed
    r = end_role(login(tree.admin_user), second, next_month)
    assert "quản trị viên cuối cùng của cây tổ chức" in r.content.decode()
    second.refresh_from_db()
    assert second.end_date is None


def test_a_committee_cannot_end_an_administrator_role_it_could_not_give(tree, login):
    cell_admin = make_user("qtcb1", "Ngô Thị Mai")
    role = role_grant(actor=None, user=cell_admin, unit=tree.cell, kind=RoleKind.ADMIN)
    assert end_role(login(tree.committee_user), role).status_code == 404
    role.refresh_from_db()
    assert role.end_date is None
