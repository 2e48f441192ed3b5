"""Changing one's password, and resetting a forgotten one by an e-mail link."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from lamtheo.people.models import Person
from lamtheo.tests.helpers import PASSWORD

NEW = "Mot-mat-khau-moi-2025"


def test_the_header_links_to_the_account_page_with_the_password_change(tree, login):
    client = login(tree.member_user)
    assert reverse("signin:account") in client.get(reverse("home:home")).content.decode()
    page = client.get(reverse("signin:account")).content.decode()
    assert reverse("signin:password_change") in page and "Đổi mật khẩu" in page


def test_a_member_changes_the_password_and_stays_signed_in(tree, login):
    client = login(tree.member_user)
    r = client.post(
        reverse("signin:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert r.status_code == 302 and r.url == reverse("signin:password_change_done")
    assert client.get(reverse("home:home")).status_code == 200
    tree.member_user.refresh_from_db()
    assert tree.member_user.check_password(NEW)


def test_a_wrong_current_password_and_a_mismatch_are_said_in_vietnamese(tree, login):
    client = login(tree.member_user)
    page = client.post(
        reverse("signin:password_change"),
        {"old_password": "sai", "new_password1": NEW, "new_password2": NEW + "x"},
    ).content.decode()
    assert "Mật khẩu hiện tại chưa đúng" in page
    assert "Hai lần nhập mật khẩu mới chưa giống nhau" in page
    tree.member_user.refresh_from_db()
    assert tree.member_user.check_password(PASSWORD)


def test_a_weak_new_password_is_refused(tree, login):
    client = login(tree.member_user)
    r = client.post(
        reverse("signin:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert r.status_code == 200
    tree.member_user.refresh_from_db()
    assert tree.member_user.check_password(PASSWORD)


def ask_reset(client, email):
    return client.post(reverse("signin:password_reset"), {"email": email})


def test_the_reset_page_answers_the_same_for_a_known_and_an_unknown_address(tree, client):
    known = ask_reset(client, "dv001@example.vn")
    unknown = ask_reset(client, "khong-co-ai@example.vn")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("signin:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dv001@example.vn"]
    done = client.get(known.url).content.decode()
    assert "Nếu địa chỉ thư điện tử vừa nhập là của một tài khoản" in done


def test_the_reset_page_explains_the_way_without_e_mail(tree, client):
    page = client.get(reverse("signin:password_reset")).content.decode()
    assert "bí thư chi bộ" in page and "mã đăng nhập dùng một lần" in page


def test_the_reset_link_goes_to_the_address_on_the_person_record(tree, client):
    User.objects.filter(pk=tree.member_user.pk).update(email="")
    Person.objects.filter(pk=tree.member.pk).update(email="an.nguyen@gmail.com")
    ask_reset(client, "An.Nguyen@gmail.com")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["An.Nguyen@gmail.com"]
    assert "Đặt lại mật khẩu" in message.subject
    assert "Tên đăng nhập của đồng chí: dv001" in message.body


def test_the_reset_link_sets_a_new_password_once(tree, client):
    ask_reset(client, "dv001@example.vn")
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    r = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert r.status_code == 302 and r.url == reverse("signin:password_reset_complete")
    tree.member_user.refresh_from_db()
    assert tree.member_user.check_password(NEW)
    again = client.get(link, follow=True).content.decode()
    assert "Đường dẫn không còn dùng được" in again
