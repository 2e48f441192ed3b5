"""The member profile: who reads and edits what, the rules of the party data, the version
check, the audit trail, the export."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.models import RecordView
from lamtheo.core.periods import month_start
from lamtheo.people import services
from lamtheo.people.models import LeavingKind, MemberStatus, Person


def profile_url(person) -> str:
    return reverse("people:profile", args=[person.pk])


def party_form(person, **changes) -> dict:
    data = {"full_name": person.full_name, "birth_date": "", "gender": "", "status": person.status,
            "duty": person.duty, "joined_on": "", "full_member_on": "", "party_card_number": "",
            "citizen_id": "", "version": person.version}  # fmt: skip
    return data | changes


# --- the rules of the party data -----------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"joined_on": date(2010, 5, 19), "full_member_on": date(2010, 5, 19)}, "full_member_on"),
        ({"joined_on": date(2010, 5, 19), "full_member_on": date(2009, 1, 1)}, "full_member_on"),
        ({"full_member_on": date(2011, 5, 19)}, "joined_on"),
        ({"birth_date": date(1990, 1, 1), "joined_on": date(1989, 1, 1)}, "joined_on"),
        ({"joined_on": date(2999, 1, 1)}, "joined_on"),
        (
            {
                "status": MemberStatus.PROBATIONARY,
                "joined_on": date(2024, 1, 1),
                "full_member_on": date(2025, 1, 1),
            },
            "full_member_on",
        ),  # fmt: skip
        ({"status": MemberStatus.NON_MEMBER, "party_card_number": "12345678"}, "status"),
    ],
)
def test_the_party_data_keeps_its_rules(tree, values, field):
    person = tree.member
    with pytest.raises(DomainError) as refused:
        services.person_update_party_data(
            actor=tree.secretary_user, person=person, version=person.version, **values
        )
    assert refused.value.field == field
    person.refresh_from_db()
    assert person.joined_on is None and person.version == 0


def test_the_database_refuses_a_full_member_date_before_joining(tree):
    Person.objects.filter(pk=tree.member.pk).update(joined_on=date(2010, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=tree.member.pk).update(full_member_on=date(2009, 1, 1))


@pytest.mark.parametrize("field", ["citizen_id", "party_card_number"])
def test_an_identity_number_belongs_to_one_person(tree, field):
    services.person_update_party_data(
        actor=tree.secretary_user, person=tree.member, version=0, **{field: "001234567890"}
    )
    other = tree.secretary
    with pytest.raises(DomainError) as refused:
        services.person_update_party_data(
            actor=tree.secretary_user, person=other, version=0, **{field: "001234567890"}
        )
    assert refused.value.field == field
    # Empty is not a number: many people may have none.
    services.person_update_party_data(actor=tree.secretary_user, person=other, version=0,
                                      **{field: ""})  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=other.pk).update(**{field: "001234567890"})


def test_a_stale_page_changes_nothing(tree):
    person = tree.member
    services.person_update_contact(actor=tree.member_user, person=person, version=0,
                                   phone="0912345678", email="")  # fmt: skip
    seen_before = Person.objects.get(pk=person.pk)
    seen_before.version = 0
    with pytest.raises(StaleRecord):
        services.person_update_party_data(actor=tree.secretary_user, person=seen_before,
                                          version=0, duty="Phó trưởng phòng")  # fmt: skip
    person.refresh_from_db()
    assert person.duty == "Chuyên viên phòng Kế hoạch" and person.phone == "0912345678"


def test_each_change_is_audited_with_its_action_and_its_author(tree):
    person = tree.member
    services.person_update_contact(actor=tree.member_user, person=person, version=0,
                                   phone="0912 345 678", email="an@so.gov.vn")  # fmt: skip
    services.person_update_party_data(actor=tree.secretary_user, person=person, version=1,
                                      joined_on=date(2010, 5, 19))  # fmt: skip
    rows = list(person.history.order_by("history_date"))
    assert [(r.history_action, r.history_user) for r in rows[-2:]] == [
        ("lamtheo.people.person.contact_changed", tree.member_user),
        ("lamtheo.people.person.party_data_changed", tree.secretary_user),
    ]
    assert rows[-1].joined_on == date(2010, 5, 19) and rows[-2].phone == "0912 345 678"


# --- the pages --------------------------------------------------------------------------------


def test_the_member_edits_their_contact_details_but_not_their_party_data(tree, login):
    client = login(tree.member_user)
    person = tree.member
    assert client.get(reverse("people:edit_party_data", args=[person.pk])).status_code == 404
    response = client.post(reverse("people:edit_contact", args=[person.pk]),
                           {"phone": "0912.345.678", "email": "an@so.gov.vn", "version": 0})  # fmt: skip
    assert response.status_code == 302 and response.url == profile_url(person)
    person.refresh_from_db()
    assert (person.phone, person.email) == ("0912345678", "an@so.gov.vn")
    page = client.get(profile_url(person)).content.decode()
    assert "0912345678" in page and "Lịch sử thay đổi" in page
    assert reverse("people:edit_party_data", args=[person.pk]) not in page


def test_the_cell_secretary_edits_the_party_data(tree, login):
    client = login(tree.secretary_user)
    person = tree.member
    data = party_form(person, joined_on="19/05/2010", full_member_on="19/05/2011",
                      party_card_number="093 456 78", citizen_id="001 090 012 345")  # fmt: skip
    response = client.post(reverse("people:edit_party_data", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.joined_on == date(2010, 5, 19) and person.full_member_on == date(2011, 5, 19)
    assert (person.party_card_number, person.citizen_id) == ("09345678", "001090012345")
    page = client.get(profile_url(person)).content.decode()
    assert "19/05/2010" in page and "Sửa thông tin đảng viên" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"citizen_id": "12345"}, "Số định danh cá nhân gồm 12 chữ số"),
        ({"joined_on": "31/02/2010"}, "Vui lòng nhập ngày theo dạng ngày/tháng/năm"),
        (
            {"joined_on": "19/05/2010", "full_member_on": "01/01/2010"},
            "Ngày chính thức phải sau ngày vào Đảng",
        ),  # fmt: skip
        ({"status": "boss"}, "Vui lòng chọn một tình trạng"),
        ({"version": "abc"}, "Trang này đã cũ"),
        ({"version": "7"}, "vừa được người khác thay đổi"),
    ],
)
def test_bad_party_data_is_refused_with_a_clear_message(tree, login, changes, message):
    client = login(tree.secretary_user)
    url = reverse("people:edit_party_data", args=[tree.member.pk])
    response = client.post(url, party_form(tree.member, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Chưa lưu được" in response.content.decode()


def test_profiles_out_of_scope_are_not_found(tree, login):
    # A member of a sibling cell, and the secretary of another cell.
    assert login(tree.outsider.user).get(profile_url(tree.member)).status_code == 404
    client = login(tree.other_secretary_user)
    assert client.get(profile_url(tree.member)).status_code == 404
    assert client.get(reverse("people:edit_contact", args=[tree.member.pk])).status_code == 404


def test_the_roster_and_the_menu_lead_to_the_profile(tree, login):
    page = login(tree.secretary_user).get(reverse("orgs:unit", args=["CB1"])).content.decode()
    assert profile_url(tree.member) in page
    assert reverse("people:export", args=["CB1"]) in page
    home = login(tree.member_user).get(reverse("home:home")).content.decode()
    assert f'href="{profile_url(tree.member)}"' in home
    assert login(tree.member_user).get(reverse("people:my_profile")).url == profile_url(tree.member)
    # Someone with a role but no profile has no such entry.
    assert "Hồ sơ của tôi" not in login(tree.committee_user).get(
        reverse("home:home")).content.decode()  # fmt: skip


# --- the export ----------------------------------------------------------------------------


def rows_of(content: bytes) -> list[tuple]:
    sheet = load_workbook(BytesIO(content)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=5)]


def test_the_export_lists_the_profiles_of_the_subtree_now(tree, login):
    services.person_update_party_data(actor=tree.secretary_user, person=tree.member, version=0,
                                      joined_on=date(2010, 5, 19),
                                      citizen_id="001090012345")  # fmt: skip
    services.person_exempt(actor=tree.secretary_user, person=tree.proxy_member, reason="Tuổi cao",
                           start_month=date(2025, 1, 1))  # fmt: skip
    services.person_leave(actor=tree.admin_user, person=tree.outsider, kind=LeavingKind.DIED,
                          month=month_start(date.today()), version=0)  # fmt: skip
    response = login(tree.committee_user).get(reverse("people:export", args=["DBSA"]))
    assert response.status_code == 200
    rows = {r[1]: r for r in rows_of(response.content)}
    # The subtree of Đảng bộ Sở A, without the one who died nor the cell outside it.
    assert set(rows) == {"DV001", "DV002", "DV004"}
    assert rows["DV001"][6] == "19/05/2010" and rows["DV001"][9] == "001090012345"
    assert rows["DV004"][5] == "Đảng viên chính thức, miễn công tác và sinh hoạt đảng"
    assert rows["DV001"][13] == "Chi bộ Phòng 1"
    assert login(tree.committee_user).get(
        reverse("people:export", args=["CBB"])).status_code == 404  # fmt: skip


def test_a_look_at_someone_elses_profile_is_logged_not_ones_own(tree, login):
    login(tree.member_user).get(profile_url(tree.member))
    assert not RecordView.objects.exists()
    login(tree.committee_user).get(profile_url(tree.member))
    view = RecordView.objects.get()
    assert (view.viewer, view.person, view.action) == (
        tree.committee_user, tree.member, "lamtheo.people.person.viewed")  # fmt: skip


def test_a_units_people_page_finds_the_people_and_those_who_left(tree, login):
    services.person_leave(actor=tree.admin_user, person=tree.outsider, kind=LeavingKind.MOVED_OUT,
                          month=month_start(date.today()), receiving_unit="Đảng bộ tỉnh bạn",
                          version=0)  # fmt: skip
    client = login(tree.committee_user)
    assert client.get(reverse("people:home")).url == reverse("people:unit_people", args=["DBSA"])
    page = client.get(reverse("people:unit_people", args=["DBSA"])).content.decode()
    assert profile_url(tree.member) in page and profile_url(tree.secretary) in page
    # Who left stays findable (their return is recorded from their profile).
    assert "Đã ra khỏi danh sách" in page and profile_url(tree.outsider) in page
    found = client.get(reverse("people:unit_people", args=["DBSA"]), {"q": "nguyen van an"})
    assert [p.code for p in found.context["people"]] == ["DV001"]
    by_code = client.get(reverse("people:unit_people", args=["DBSA"]), {"q": "dv002"})
    assert [p.code for p in by_code.context["people"]] == ["DV002"]
    assert client.get(reverse("people:unit_people", args=["CBB"])).status_code == 404
    assert "Cán bộ, đảng viên</a>" in page  # the menu entry
    home = f'href="{reverse("people:home")}"'
    assert home not in login(tree.member_user).get(reverse("home:home")).content.decode()
