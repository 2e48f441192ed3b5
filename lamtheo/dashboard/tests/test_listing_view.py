from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from lamtheo.dashboard.tests.helpers import MARCH, YEAR
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.people.services import person_exempt, person_transfer
from lamtheo.tests.helpers import make_person, make_user


def url(code: str, kind: str, **params) -> str:
    params.setdefault("thang", f"{MARCH:%Y-%m}")
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('dashboard:listing', args=[code, kind])}?{query}"


def names(response) -> list[str]:
    return [r.person.full_name for r in response.context["rows"]]


def test_not_submitted_lists_exactly_the_people_behind_the_rate(played, login):
    response = login(played.propaganda_user).get(url("DBK", "chua-nop"))
    assert response.status_code == 200
    # Returned, draft and missing all count as not submitted; Vietnamese name order.
    assert names(response) == ["Trần Thị Bình", "Lê Văn Cường", "Phạm Văn Dũng", "Bùi Thị Lan"]
    states = {r.person.full_name: r.state for r in response.context["rows"]}
    assert states == {
        "Trần Thị Bình": "Trả lại",
        "Lê Văn Cường": "Đang viết",
        "Phạm Văn Dũng": "Chưa ghi",
        "Bùi Thị Lan": "Chưa ghi",
    }


def test_a_list_stays_inside_the_users_subtree(played, login):
    response = login(played.committee_user).get(url("DBSA", "chua-nop"))
    assert "Bùi Thị Lan" not in names(response)
    assert names(response) == ["Trần Thị Bình", "Lê Văn Cường", "Phạm Văn Dũng"]


def test_the_list_names_each_persons_cell_and_duty_but_no_handbook_text(played, login):
    response = login(played.committee_user).get(url("DBSA", "chua-nop"))
    html = response.content.decode()
    assert "Chi bộ Phòng 2" in html and "Chuyên viên" in html
    assert "Hoàn thành tốt" not in html  # the self-assessment written in the fixture
    assert "Đề nghị ghi rõ kết quả" not in html  # the cell's return comment


def test_not_registered_lists_people_without_a_submitted_registration(played, login):
    response = login(played.propaganda_user).get(url("DBK", "chua-dang-ky"))
    assert names(response) == ["Phạm Văn Dũng", "Bùi Thị Lan"]
    assert {r.state for r in response.context["rows"]} == {"Chưa viết"}


def test_returned_lists_the_returned_entries(played, login):
    response = login(played.secretary_user).get(url("CB1", "tra-lai"))
    assert names(response) == ["Trần Thị Bình"]


def test_an_exempt_member_is_not_on_the_list(played, login):
    person_exempt(
        actor=played.admin_user,
        person=played.proxy_member,
        start_month=date(YEAR, 2, 1),
        end_month=date(YEAR, 5, 1),
        reason="Ốm dài ngày",
    )
    client = login(played.secretary_user)
    assert "Phạm Văn Dũng" not in names(client.get(url("CB1", "chua-nop")))
    assert "Phạm Văn Dũng" in names(client.get(url("CB1", "chua-nop", thang=f"{YEAR}-06")))


def test_a_transferred_member_is_listed_in_the_cell_of_that_month(played, login):
    person_transfer(
        actor=played.admin_user, person=played.member, to_cell=played.cell2, month=date(YEAR, 7, 1)
    )
    client = login(played.committee_user)
    june = {
        code: names(client.get(url(code, "chua-nop", thang=f"{YEAR}-06")))
        for code in ("CB1", "CB2")
    }
    august = {
        code: names(client.get(url(code, "chua-nop", thang=f"{YEAR}-08")))
        for code in ("CB1", "CB2")
    }
    assert "Nguyễn Văn An" in june["CB1"] and "Nguyễn Văn An" not in june["CB2"]
    assert "Nguyễn Văn An" in august["CB2"] and "Nguyễn Văn An" not in august["CB1"]


def test_the_search_ignores_diacritics(played, login):
    response = login(played.propaganda_user).get(url("DBK", "chua-nop", q="dung"))
    assert names(response) == ["Phạm Văn Dũng"]
    response = login(played.propaganda_user).get(url("DBK", "chua-nop", q="TRAN THI"))
    assert names(response) == ["Trần Thị Bình"]


def test_the_list_is_paginated_by_fifty(played, login, django_assert_max_num_queries):
    for i in range(55):
        make_person(
            f"P{i:03d}",
            f"Đinh Văn Phúc {i:03d}",
            played.cell2,
            with_user=False,
            start=date(YEAR, 1, 1),
        )
    client = login(played.committee_user)
    # 12: one of them reads when the list was last reminded (a second click needs a
    # confirmation), one the second step's device of the committee member (django-otp).
    with django_assert_max_num_queries(12):
        first = client.get(url("DBSA", "chua-nop"))
    second = client.get(url("DBSA", "chua-nop", trang=2))
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 3 + 55 - 50
    assert first.context["page"].paginator.count == 58
    assert not set(names(first)) & set(names(second))
    assert client.get(url("DBSA", "chua-nop", trang="abc")).status_code == 200


def test_the_list_needs_the_right_to_remind(played, login):
    inspector = make_user("ubkt", "Kiều Văn Sơn")
    role_grant(actor=None, user=inspector, unit=played.org, kind=RoleKind.INSPECTOR)
    client = login(inspector)
    assert client.get(reverse("dashboard:unit", args=["DBSA"])).status_code == 200
    assert client.get(url("DBSA", "chua-nop")).status_code == 404


@pytest.mark.parametrize("code", ["CBB", "DBK"])
def test_a_list_outside_the_scope_is_404(played, login, code):
    assert login(played.committee_user).get(url(code, "chua-nop")).status_code == 404


def test_a_member_without_a_role_cannot_open_a_list(played, login):
    assert login(played.member_user).get(url("CB1", "chua-nop")).status_code == 404


def test_an_unknown_list_is_404(played, login):
    assert login(played.propaganda_user).get(url("DBK", "khong-co")).status_code == 404


def test_a_bad_month_falls_back_without_crashing(played, login):
    assert login(played.propaganda_user).get(url("DBK", "chua-nop", thang="xyz")).status_code == 200
