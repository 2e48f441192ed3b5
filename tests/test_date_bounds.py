"""Dates and months a person types stay within sensible bounds (core.dates, core.periods),
checked by the services too, so that a confirmation posted straight does not pass."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.urls import reverse

from lamtheo.core.form_tokens import new_token
from lamtheo.core.models import Notice
from lamtheo.core.periods import add_months, month_start, today
from lamtheo.learning.meetings.models import CellMeeting
from lamtheo.orgs.models import Role
from lamtheo.people.models import Exemption, Membership, Person


def page_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("day", ["31/12/9999", f"01/01/{today().year + 2}"])
def test_a_meeting_is_announced_at_most_a_year_ahead(tree, login, day):
    url = reverse("learning:meeting_announce", args=[tree.cell.code])
    data = {"kind": "thematic", "held_on": day, "starts_at": "14h00", "place": "Hội trường",
            "agenda": "Học tập chuyên đề", "xac_nhan": "1", "form_token": new_token()}  # fmt: skip
    response = login(tree.secretary_user).post(url, data)
    assert response.status_code == 200
    assert "Chỉ triệu tập trước tối đa một năm" in page_of(response)
    assert not CellMeeting.objects.exists() and not Notice.objects.exists()


@pytest.mark.parametrize("month", ["12/9999", "01/1900"])
def test_a_transfer_month_out_of_bounds_is_refused_even_when_confirmed(tree, login, month):
    url = reverse("people:transfer", args=[tree.member.pk])
    data = {"where": "trong", "to_cell": tree.cell2.pk, "month": month, "note": "",
            "receiving_unit": "", "version": tree.member.version, "xac-nhan": "1"}  # fmt: skip
    response = login(tree.admin_user).post(url, data)
    assert response.status_code == 200
    assert "Tháng" in page_of(response) and "Chưa lưu được" in page_of(response)
    assert Person.objects.get(pk=tree.member.pk).cell == tree.cell
    assert Membership.objects.filter(person=tree.member).count() == 1


def test_the_service_refuses_a_transfer_month_beyond_next_month(tree):
    from lamtheo.core.errors import DomainError
    from lamtheo.people.services import person_transfer

    with pytest.raises(DomainError) as refused:
        person_transfer(actor=tree.committee_user, person=tree.member, to_cell=tree.cell2,
                        month=add_months(month_start(today()), 2))  # fmt: skip
    assert refused.value.field == "month"


def test_an_exemption_from_a_far_month_is_refused(tree, login):
    url = reverse("people:exempt", args=[tree.member.pk])
    data = {"start_month": "12/9999", "end_month": "", "reason": "Sức khỏe",
            "version": tree.member.version, "xac-nhan": "1"}  # fmt: skip
    response = login(tree.secretary_user).post(url, data)
    assert response.status_code == 200
    assert "Tháng bắt đầu được miễn chỉ được đến tháng" in page_of(response)
    assert not Exemption.objects.exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [("01/01/0001", "phải từ ngày 03/02/1930"), ("31/12/9999", "không được sau ngày")],
)
def test_a_role_start_out_of_bounds_is_refused(tree, login, day, message):
    before = Role.objects.count()
    response = login(tree.admin_user).post(
        reverse("accounts:role_new", args=[tree.cell.code]),
        {"person_code": tree.member.code, "kind": "deputy", "start_date": day},
    )
    assert response.status_code == 200
    assert message in page_of(response)
    assert Role.objects.count() == before


def test_a_role_from_a_real_past_date_is_given(tree, login):
    response = login(tree.admin_user).post(
        reverse("accounts:role_new", args=[tree.cell.code]),
        {"person_code": tree.member.code, "kind": "deputy", "start_date": "15/03/2020"},
    )
    assert response.status_code == 302
    assert Role.objects.filter(user=tree.member_user, start_date=date(2020, 3, 15)).exists()


def test_minutes_of_a_meeting_before_the_party_was_founded_are_refused(tree, login):
    url = reverse("learning:meeting_new", args=[tree.cell.code])
    response = login(tree.secretary_user).post(url, {
        "kind": "regular", "held_on": "01/01/0001", "place": "Phòng họp",
        "chair": tree.secretary.pk, "clerk": tree.member.pk,
        "proceedings": "Ý kiến", "conclusion": "Kết luận",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Ngày sinh hoạt phải từ ngày 03/02/1930" in page_of(response)
    assert not CellMeeting.objects.exists()
