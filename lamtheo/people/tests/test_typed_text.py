"""Text typed into a form is checked once for the whole app (core.forms): invisible characters
that mean nothing are dropped, control and direction characters are refused naming the field,
and text made only of invisible characters is empty."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from lamtheo.people.models import Person


def party_form(person, **changes) -> dict:
    data = {"full_name": person.full_name, "birth_date": "", "gender": "", "status": person.status,
            "duty": person.duty, "joined_on": "", "full_member_on": "", "party_card_number": "",
            "citizen_id": "", "version": person.version}  # fmt: skip
    return data | changes


def post_party_data(tree, login, **changes):
    url = reverse("people:edit_party_data", args=[tree.member.pk])
    return login(tree.secretary_user).post(url, party_form(tree.member, **changes))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Nguyễn\x0bViết", "ký tự điều khiển"),
        ("Nguyễn\x00Viết", "ký tự điều khiển"),
        ("Nguyễn\x85Viết", "ký tự điều khiển"),
        ("Nguyễn \u202eViết", "điều khiển hướng chữ"),
        ("Nguyễn \u2066Viết", "điều khiển hướng chữ"),
    ],
)
def test_a_control_or_direction_character_in_a_name_is_refused_naming_the_field(
    tree, login, name, kind
):
    before = Person.objects.get(pk=tree.member.pk).full_name
    response = post_party_data(tree, login, full_name=name)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Chưa lưu được" in page
    assert "Ô “Họ và tên” có" in page and kind in page
    assert "Null characters" not in page
    assert Person.objects.get(pk=tree.member.pk).full_name == before


def test_zero_width_characters_are_dropped_from_what_is_saved(tree, login):
    response = post_party_data(tree, login, full_name="\ufeffNguyễn\u200b Viết\u00ad Xuân\u200d")
    assert response.status_code == 302
    assert Person.objects.get(pk=tree.member.pk).full_name == "Nguyễn Viết Xuân"


def test_a_name_made_only_of_invisible_characters_is_empty(tree, login):
    response = post_party_data(tree, login, full_name="\u200b\u2060 \ufeff")
    assert response.status_code == 200
    assert "Vui lòng nhập họ và tên." in html.unescape(response.content.decode())


def test_tabs_and_line_breaks_are_still_typed_text():
    from lamtheo.core.forms import clean_typed_text

    assert clean_typed_text("Dòng 1\r\n\tDòng 2", "Nội dung") == "Dòng 1\r\n\tDòng 2"
