from __future__ import annotations

from django.urls import reverse

from lamtheo.accounts.models import AccountState, BatchKind, IssueBatch
from lamtheo.core.form_tokens import new_token
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.tests.helpers import PASSWORD, make_person


def test_the_cell_secretary_gives_a_member_a_new_code_recorded_in_the_history(tree, login):
    client = login(tree.secretary_user)
    r = client.post(
        reverse("accounts:issue_one", args=[tree.member.pk]), {"form_token": new_token()}
    )
    assert "Đã cấp mã mới cho đồng chí Nguyễn Văn An" in r.content.decode()
    tree.member_user.refresh_from_db()
    assert not tree.member_user.check_password(PASSWORD)
    state = AccountState.objects.get(user=tree.member_user)
    last = state.history.first()
    assert last.history_action == "lamtheo.accounts.account.code_reissued"
    assert last.history_user == tree.secretary_user
    assert IssueBatch.objects.get().kind == BatchKind.RESET


def test_the_cell_secretary_neither_creates_accounts_nor_locks_them(tree, login):
    client = login(tree.secretary_user)
    assert client.get(reverse("accounts:issue_one", args=[tree.proxy_member.pk])).status_code == 404
    assert client.get(reverse("accounts:deactivate", args=[tree.member.pk])).status_code == 404
    assert client.get(reverse("accounts:issue_all", args=[tree.cell.code])).status_code == 404


def test_locking_needs_a_reason_and_is_audited(tree, login, client):
    admin = login(tree.admin_user)
    url = reverse("accounts:deactivate", args=[tree.member.pk])
    r = admin.post(url, {"reason": ""})
    assert "Vui lòng ghi lý do" in r.content.decode()
    r = admin.post(url, {"reason": "Chuyển công tác ra ngoài tỉnh"})
    assert r.status_code == 302
    tree.member_user.refresh_from_db()
    assert not tree.member_user.is_active
    last = AccountState.objects.get(user=tree.member_user).history.first()
    assert (last.history_action, last.history_change_reason, last.history_user) == (
        "lamtheo.accounts.account.deactivated",
        "Chuyển công tác ra ngoài tỉnh",
        tree.admin_user,
    )
    client.logout()
    client.post(reverse("login"), {"username": "dv001", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_unlocking_lets_the_person_log_in_again(tree, login, client):
    admin = login(tree.admin_user)
    admin.post(reverse("accounts:deactivate", args=[tree.member.pk]), {"reason": "Nhầm"})
    r = admin.post(reverse("accounts:reactivate", args=[tree.member.pk]), {"reason": "Khóa nhầm"})
    assert r.status_code == 302
    tree.member_user.refresh_from_db()
    assert tree.member_user.is_active
    last = AccountState.objects.get(user=tree.member_user).history.first()
    assert last.history_action == "lamtheo.accounts.account.reactivated"


def test_a_locked_account_gets_no_new_code_until_unlocked(tree, login):
    admin = login(tree.admin_user)
    admin.post(reverse("accounts:deactivate", args=[tree.member.pk]), {"reason": "Nghỉ hưu"})
    r = admin.post(
        reverse("accounts:issue_one", args=[tree.member.pk]), {"form_token": new_token()}
    )
    assert "đang bị khóa: mở khóa trước khi cấp mã mới" in r.content.decode()


def test_nobody_takes_over_an_account_whose_roles_they_could_not_assign(tree, login):
    # The administrator of the bloc sits in Chi bộ 1 as a member.
    admin_person = make_person("DV300", "Cao Văn Quân", tree.cell)
    role_grant(actor=None, user=admin_person.user, unit=tree.bloc, kind=RoleKind.ADMIN)
    for user in (tree.secretary_user, tree.committee_user):
        client = login(user)
        for name in ("accounts:issue_one", "accounts:deactivate"):
            assert client.get(reverse(name, args=[admin_person.pk])).status_code == 404
        page = client.get(reverse("accounts:unit", args=[tree.cell.code])).content.decode()
        row = page[page.index("Cao Văn Quân") :]
        assert "Cấp mã mới" not in row[: row.index("</tr>")]
    assert (
        login(tree.admin_user)
        .get(reverse("accounts:issue_one", args=[admin_person.pk]))
        .status_code
        == 200
    )


def test_the_cell_secretary_resets_members_but_not_her_deputy(tree, login):
    role_grant(actor=None, user=tree.member_user, unit=tree.cell, kind=RoleKind.DEPUTY)
    r = login(tree.secretary_user).get(reverse("accounts:issue_one", args=[tree.member.pk]))
    assert r.status_code == 404
    # The committee above, who could assign the deputy's role, can.
    r = login(tree.committee_user).get(reverse("accounts:issue_one", args=[tree.member.pk]))
    assert r.status_code == 200
