from __future__ import annotations

from django.urls import reverse

from lamtheo.accounts.models import AccountState, BatchKind, IssueBatch
from lamtheo.core.form_tokens import new_token
from lamtheo.tests.helpers import PASSWORD


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
