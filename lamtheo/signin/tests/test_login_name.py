"""Log-in by the person's code or phone number, any case, blanks around ignored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lamtheo.people.models import Person
from lamtheo.signin.selectors import login_name_key, phone_key
from lamtheo.tests.helpers import PASSWORD, make_person

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"


def log_in(client, name, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": name, "password": password}, REMOTE_ADDR=address
    )


def signed_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize("name", ["dv001", "DV001", "  Dv001 ", "dv001\t"])
def test_the_code_in_any_case_with_blanks_around_logs_in(tree, client, name):
    assert log_in(client, name).status_code == 302
    assert signed_in_as(client) == str(tree.member_user.pk)


def test_the_code_logs_in_even_when_the_username_differs(tree, client):
    Person.objects.filter(pk=tree.member.pk).update(code="HN-2020-0001")
    assert log_in(client, "hn-2020-0001").status_code == 302
    assert signed_in_as(client) == str(tree.member_user.pk)


@pytest.mark.parametrize(
    "typed", ["0912345678", "+84 912 345 678", "0912.345.678", " 84912345678 ", "(+84) 912-345-678"]
)
def test_the_phone_number_in_any_writing_logs_in(tree, client, typed):
    Person.objects.filter(pk=tree.member.pk).update(phone="091 234 5678")
    assert log_in(client, typed).status_code == 302
    assert signed_in_as(client) == str(tree.member_user.pk)


def test_a_phone_number_two_accounts_share_logs_nobody_in(tree, client):
    Person.objects.filter(pk__in=[tree.member.pk, tree.secretary.pk]).update(phone="0912345678")
    r = log_in(client, "0912345678")
    assert r.status_code == 200 and WRONG in r.content.decode()
    assert signed_in_as(client) is None
    assert log_in(client, "DV001").status_code == 302  # the code still works


def test_a_wrong_password_by_phone_gets_the_same_message(tree, client):
    Person.objects.filter(pk=tree.member.pk).update(phone="0912345678")
    by_phone = log_in(client, "0912345678", password="sai-mat-khau").content.decode()
    unknown = log_in(client, "0999999999", password="sai-mat-khau").content.decode()
    assert WRONG in by_phone and WRONG in unknown
    assert signed_in_as(client) is None


def test_an_inactive_account_does_not_log_in(tree, client):
    tree.member_user.is_active = False
    tree.member_user.save()
    assert log_in(client, "dv001").status_code == 200
    assert signed_in_as(client) is None


def test_a_person_without_an_account_does_not_log_in(tree, client):
    make_person("DV009", "Mai Văn Tâm", tree.cell, with_user=False)
    assert log_in(client, "dv009").status_code == 200
    assert signed_in_as(client) is None


def test_log_in_names_are_counted_in_one_spelling():
    assert login_name_key("  DV001 ") == "dv001"
    assert login_name_key("+84 912 345 678") == login_name_key("0912.345.678") == "0912345678"
    assert phone_key("12345") == ""


def test_axes_counts_the_case_and_blank_variants_of_a_name_together(tree, client):
    for i, name in enumerate(["DV001", "dv001 ", " Dv001", "dV001", "DV001"]):
        log_in(client, name, password="sai-mat-khau", address=f"10.0.3.{i}")
    r = log_in(client, "dv001", address="10.0.4.1")
    assert r.status_code == 429


def test_axes_counts_the_writings_of_a_phone_number_together(tree, client):
    Person.objects.filter(pk=tree.member.pk).update(phone="0912345678")
    for i, name in enumerate(
        ["0912345678", "+84912345678", "0912 345 678", "84912345678", "0912.345.678"]
    ):
        log_in(client, name, password="sai-mat-khau", address=f"10.0.5.{i}")
    assert log_in(client, "0912345678", address="10.0.6.1").status_code == 429
    assert log_in(client, "dv001", address="10.0.6.2").status_code == 302


def test_the_log_in_page_tells_how_to_get_a_forgotten_password(tree, client):
    page = client.get(reverse("login")).content.decode()
    assert "Quên mật khẩu?" in page
    assert reverse("signin:password_reset") in page
    assert "Mã định danh" in page and "số điện thoại" in page


def test_the_log_in_error_box_does_not_speak_of_saving(tree, client):
    page = log_in(client, "dv001", password="sai").content.decode()
    assert "Chưa đăng nhập được" in page and "Chưa lưu được" not in page
