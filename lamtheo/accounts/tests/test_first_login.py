from __future__ import annotations

from django.urls import reverse

from lamtheo.accounts.models import AccountState
from lamtheo.accounts.tests.helpers import code_of, slips_text
from lamtheo.core.form_tokens import new_token

NEW_PASSWORD = "Hoa-sen-no-2026"


def logs_in(client, username: str, password: str) -> bool:
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def issue_code_for_member(client, tree) -> str:
    r = client.post(
        reverse("accounts:issue_one", args=[tree.member.pk]), {"form_token": new_token()}
    )
    return code_of(slips_text(r), "dv001")


def test_the_first_log_in_with_a_code_goes_to_set_a_new_password_first(tree, client, login):
    code = issue_code_for_member(login(tree.secretary_user), tree)
    client.logout()
    r = client.post(reverse("login"), {"username": "dv001", "password": code})
    assert r.status_code == 302
    home = client.get(reverse("home:home"))
    assert home.status_code == 302 and home.url == reverse("accounts:set_password")
    assert client.get(reverse("pledges:mine", args=[2026])).url == reverse("accounts:set_password")
    page = client.get(reverse("accounts:set_password")).content.decode()
    assert "Đặt mật khẩu mới" in page and "Nhập lại mật khẩu mới" in page


def test_after_setting_the_password_nothing_more_is_asked_and_the_code_is_spent(
    tree, client, login
):
    code = issue_code_for_member(login(tree.secretary_user), tree)
    client.logout()
    client.post(reverse("login"), {"username": "dv001", "password": code})
    r = client.post(
        reverse("accounts:set_password"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert r.status_code == 302 and r.url == reverse("home:home")
    assert client.get(reverse("home:home")).status_code == 200  # still logged in
    state = AccountState.objects.get(user=tree.member_user)
    assert not state.must_change_password and state.password_set_at
    assert state.history.first().history_action == "lamtheo.accounts.account.password_set"
    client.logout()
    assert not logs_in(client, "dv001", code)
    assert logs_in(client, "dv001", NEW_PASSWORD)


def test_a_weak_or_mismatched_password_gets_a_vietnamese_message(tree, client, login):
    code = issue_code_for_member(login(tree.secretary_user), tree)
    client.logout()
    client.post(reverse("login"), {"username": "dv001", "password": code})
    r = client.post(
        reverse("accounts:set_password"),
        {"new_password1": NEW_PASSWORD, "new_password2": "khac-han-2026"},
    )
    assert "Hai lần nhập mật khẩu mới không giống nhau." in r.content.decode()
    assert AccountState.objects.get(user=tree.member_user).must_change_password


def test_a_person_with_a_password_of_their_own_is_not_redirected(tree, client):
    client.force_login(tree.member_user)
    assert client.get(reverse("home:home")).status_code == 200
    assert client.get(reverse("accounts:set_password")).url == reverse("home:home")


def test_the_password_rules_are_told_in_vietnamese(tree, client, login):
    code = issue_code_for_member(login(tree.secretary_user), tree)
    client.logout()
    client.post(reverse("login"), {"username": "dv001", "password": code})
    r = client.post(
        reverse("accounts:set_password"), {"new_password1": "1234", "new_password2": "1234"}
    )
    page = r.content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in page
    assert "Mật khẩu không được toàn chữ số." in page
    assert "too short" not in page
