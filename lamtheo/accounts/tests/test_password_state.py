"""The one-time code is spent by whatever way the person chooses a password of their own, and
the new password is never the one in use."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from lamtheo.accounts.models import AccountState
from lamtheo.accounts.tests.helpers import code_of, slips_text
from lamtheo.core.form_tokens import new_token
from lamtheo.people.models import Person
from lamtheo.tests.helpers import PASSWORD

NEW = "Hoa-sen-no-2026"


def new_code_for_member(client, tree) -> str:
    r = client.post(
        reverse("accounts:issue_one", args=[tree.member.pk]), {"form_token": new_token()}
    )
    return code_of(slips_text(r), "dv001")


def test_a_password_set_by_the_reset_e_mail_ends_the_must_change(tree, client, login):
    new_code_for_member(login(tree.secretary_user), tree)
    client.logout()
    client.post(reverse("signin:password_reset"), {"email": "dv001@example.vn"})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[-1].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    r = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert r.status_code == 302
    client.post(reverse("login"), {"username": "dv001", "password": NEW})
    assert client.get(reverse("home:home")).status_code == 200
    state = AccountState.objects.get(user=tree.member_user)
    assert not state.must_change_password
    assert state.history.first().history_action == "lamtheo.accounts.account.password_set"


def test_the_first_password_is_not_the_one_time_code(tree, client, login):
    code = new_code_for_member(login(tree.secretary_user), tree)
    client.logout()
    client.post(reverse("login"), {"username": "dv001", "password": code})
    r = client.post(
        reverse("accounts:set_password"), {"new_password1": code, "new_password2": code}
    )
    assert "Mật khẩu mới phải khác mã đăng nhập dùng một lần" in r.content.decode()
    assert AccountState.objects.get(user=tree.member_user).must_change_password


def test_the_new_password_is_not_the_current_one(tree, login):
    client = login(tree.member_user)
    r = client.post(
        reverse("signin:password_change"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert r.status_code == 200
    assert "Mật khẩu mới phải khác mật khẩu hiện tại" in r.content.decode()


def test_the_code_s_e_mail_links_to_the_log_in_page(
    tree, login, django_capture_on_commit_callbacks
):
    Person.objects.filter(pk=tree.member.pk).update(email="an@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        new_code_for_member(login(tree.secretary_user), tree)
    assert "Trang đăng nhập: http://testserver/dang-nhap/" in mail.outbox[-1].body
