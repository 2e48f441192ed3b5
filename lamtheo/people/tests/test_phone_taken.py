"""A phone number is one person's: the log-in by phone matches nobody when two share it."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from lamtheo.people.models import Person
from lamtheo.signin.selectors import user_by_login_name


@pytest.mark.parametrize("typed", ["0912 345 678", "+84 912 345 678", "84912345678", "912345678"])
def test_a_phone_number_another_person_holds_is_refused(tree, login, typed):
    Person.objects.filter(pk=tree.secretary.pk).update(phone="0912.345.678")
    response = login(tree.member_user).post(
        reverse("people:edit_contact", args=[tree.member.pk]),
        {"phone": typed, "email": "", "version": tree.member.version},
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "đã là số của người khác" in page and "Chưa lưu được" in page
    assert Person.objects.get(pk=tree.member.pk).phone == ""
    assert user_by_login_name("0912345678") == tree.secretary_user


def test_ones_own_number_written_otherwise_is_kept(tree, login):
    Person.objects.filter(pk=tree.member.pk).update(phone="0912345678")
    member = Person.objects.get(pk=tree.member.pk)
    response = login(tree.member_user).post(
        reverse("people:edit_contact", args=[member.pk]),
        {"phone": "+84 912 345 678", "email": "an@so.gov.vn", "version": member.version},
    )
    assert response.status_code == 302
