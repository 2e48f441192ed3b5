"""Moving a person within the tree or out of it, exempting them, their leaving and return:
the rules, the accounts, the figures, and the pages (form, check your answers, done)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from lamtheo.core.errors import DomainError
from lamtheo.core.figures import open_year
from lamtheo.core.periods import add_months, month_start
from lamtheo.dashboard.models import CellMonthStat
from lamtheo.people import services
from lamtheo.people.models import Exemption, Leaving, LeavingKind, Membership, Person

THIS_MONTH = month_start(date.today())
LAST_MONTH = add_months(THIS_MONTH, -1)
NEXT_MONTH = add_months(THIS_MONTH, 1)


def members(cell, month) -> int:
    return CellMonthStat.objects.get(unit=cell, month=month).members


def fresh(person) -> Person:
    return Person.objects.select_related("user", "cell").get(pk=person.pk)


def url(name, person, *args) -> str:
    return reverse(f"people:{name}", args=[person.pk, *args])


# --- leaving and returning (services) -----------------------------------------------------


def test_leaving_closes_the_membership_the_roster_and_the_account(tree):
    open_year(THIS_MONTH.year)
    before = members(tree.cell, THIS_MONTH)
    person = tree.member
    leaving = services.person_leave(actor=tree.secretary_user, person=person,
                                    kind=LeavingKind.LEFT_PARTY, month=THIS_MONTH,
                                    note="Quyết định số 12-QĐ/ĐU", version=0)  # fmt: skip
    person = fresh(person)
    assert person.cell is None and not person.user.is_active
    assert Membership.objects.get(person=person).end_month == THIS_MONTH
    # The earlier months stay counted in the cell; this one no longer.
    assert members(tree.cell, THIS_MONTH) == before - 1
    assert members(tree.cell, LAST_MONTH) == before
    assert leaving.account_closed and leaving.from_cell == tree.cell
    assert leaving.history.get().history_action == "lamtheo.people.leaving.recorded"
    assert person.history.latest().history_action == "lamtheo.people.person.left"


def test_a_return_reopens_the_membership_and_the_account(tree):
    open_year(THIS_MONTH.year)
    person = tree.member
    services.person_leave(actor=tree.admin_user, person=person, kind=LeavingKind.MOVED_OUT,
                          month=LAST_MONTH, receiving_unit="Đảng bộ Sở Y tế tỉnh Khánh Hòa",
                          version=0)  # fmt: skip
    with pytest.raises(DomainError):  # not in the month they left
        services.person_return(actor=tree.admin_user, person=fresh(person), cell=tree.cell2,
                               month=LAST_MONTH, version=1)  # fmt: skip
    services.person_return(actor=tree.admin_user, person=fresh(person), cell=tree.cell2,
                           month=THIS_MONTH, version=1)  # fmt: skip
    person = fresh(person)
    assert person.cell == tree.cell2 and person.user.is_active
    assert Leaving.objects.get(person=person).returned_month == THIS_MONTH
    assert members(tree.cell2, THIS_MONTH) == 2 and members(tree.cell2, LAST_MONTH) == 1


def test_an_account_closed_before_the_leaving_stays_closed_on_return(tree):
    user = tree.member.user
    user.is_active = False
    user.save()
    services.person_leave(actor=tree.admin_user, person=tree.member, kind=LeavingKind.LEFT_PARTY,
                          month=THIS_MONTH, version=0)  # fmt: skip
    services.person_return(actor=tree.admin_user, person=fresh(tree.member), cell=tree.cell,
                           month=NEXT_MONTH, version=1)  # fmt: skip
    assert not fresh(tree.member).user.is_active


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": LeavingKind.MOVED_OUT, "receiving_unit": "  "}, "receiving_unit"),
        ({"kind": LeavingKind.DIED, "month": date(2020, 1, 1)}, "month"),  # not after joining
        ({"kind": LeavingKind.DIED, "month": add_months(THIS_MONTH, 2)}, "month"),
    ],
)
def test_a_leaving_keeps_its_rules(tree, kwargs, field):
    kwargs = {"month": THIS_MONTH} | kwargs
    with pytest.raises(DomainError) as refused:
        services.person_leave(actor=tree.admin_user, person=tree.member, version=0, **kwargs)
    assert refused.value.field == field
    assert fresh(tree.member).cell == tree.cell and fresh(tree.member).user.is_active


def test_nobody_returns_after_death_nor_leaves_twice(tree):
    services.person_leave(actor=tree.admin_user, person=tree.member, kind=LeavingKind.DIED,
                          month=THIS_MONTH, version=0)  # fmt: skip
    with pytest.raises(DomainError, match="từ trần"):
        services.person_return(actor=tree.admin_user, person=fresh(tree.member), cell=tree.cell,
                               month=NEXT_MONTH, version=1)  # fmt: skip
    with pytest.raises(DomainError, match="không sinh hoạt ở chi bộ nào"):
        services.person_leave(actor=tree.admin_user, person=fresh(tree.member),
                              kind=LeavingKind.LEFT_PARTY, month=NEXT_MONTH, version=1)  # fmt: skip


# --- exemptions (services) -------------------------------------------------------------------


def test_exemptions_do_not_overlap_and_end_when_recorded(tree):
    open_year(THIS_MONTH.year)
    expected = CellMonthStat.objects.get(unit=tree.cell, month=THIS_MONTH).expected
    e = services.person_exempt(actor=tree.secretary_user, person=tree.member, reason="Ốm dài ngày",
                               start_month=LAST_MONTH, version=0)  # fmt: skip
    assert CellMonthStat.objects.get(unit=tree.cell, month=THIS_MONTH).expected == expected - 1
    with pytest.raises(DomainError, match="đã được miễn"):
        services.person_exempt(actor=tree.secretary_user, person=tree.member, reason="Đi học",
                               start_month=date(2024, 1, 1), end_month=THIS_MONTH)  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.exemption_end(actor=tree.secretary_user, exemption=e, end_month=LAST_MONTH,
                               version=1)  # fmt: skip
    assert refused.value.field == "end_month"
    services.exemption_end(actor=tree.secretary_user, exemption=e, end_month=THIS_MONTH,
                           version=1)  # fmt: skip
    assert Exemption.objects.get(pk=e.pk).end_month == THIS_MONTH
    assert CellMonthStat.objects.get(unit=tree.cell, month=THIS_MONTH).expected == expected
    assert CellMonthStat.objects.get(unit=tree.cell, month=LAST_MONTH).expected == expected - 1
    # Before the first exemption: no overlap.
    services.person_exempt(actor=tree.secretary_user, person=tree.member, reason="Đi học",
                           start_month=date(2024, 1, 1), end_month=date(2024, 7, 1))  # fmt: skip


# --- the pages ---------------------------------------------------------------------------------


def test_a_move_within_the_tree_is_checked_then_confirmed(tree, login):
    client = login(tree.admin_user)
    # The same name may recur elsewhere: each cell is offered with the unit above it.
    assert (
        "Chi bộ Phòng 2 – Đảng bộ Sở A" in client.get(url("transfer", tree.member)).content.decode()
    )
    data = {"where": "trong", "to_cell": str(tree.cell2.pk), "month": f"{THIS_MONTH:%m/%Y}",
            "note": "", "version": "0"}  # fmt: skip
    check = client.post(url("transfer", tree.member), data)
    assert check.status_code == 200
    assert "Kiểm tra trước khi chuyển sinh hoạt" in check.content.decode()
    assert fresh(tree.member).cell == tree.cell  # nothing yet
    back = client.post(url("transfer", tree.member), data | {"sua-lai": "1"})
    assert 'name="to_cell"' in back.content.decode() and "Tiếp tục" in back.content.decode()
    done = client.post(url("transfer", tree.member), data | {"xac-nhan": "1"})
    assert done.url == url("done", tree.member, "chuyen-sinh-hoat")
    assert fresh(tree.member).cell == tree.cell2
    page = client.get(done.url).content.decode()
    assert "Việc tiếp theo" in page and "Chi bộ Phòng 2" in page


def test_a_cell_secretary_cannot_move_someone_into_a_cell_she_does_not_keep(tree, login):
    client = login(tree.secretary_user)
    form = client.get(url("transfer", tree.member)).content.decode()
    assert "Chi bộ Phòng 2" not in form
    data = {"where": "trong", "to_cell": str(tree.cell2.pk), "month": f"{THIS_MONTH:%m/%Y}",
            "version": "0", "xac-nhan": "1"}  # fmt: skip
    response = client.post(url("transfer", tree.member), data)
    assert (
        response.status_code == 200 and "Vui lòng chọn nơi chuyển đến" in response.content.decode()
    )
    assert fresh(tree.member).cell == tree.cell


def test_a_move_out_of_the_tree_names_the_receiving_unit_and_closes_the_account(tree, login):
    client = login(tree.secretary_user)
    data = {"where": "ngoai", "receiving_unit": "", "month": f"{THIS_MONTH:%m/%Y}",
            "version": "0"}  # fmt: skip
    missing = client.post(url("transfer", tree.member), data).content.decode()
    assert "Vui lòng ghi tên tổ chức đảng nơi chuyển đến" in missing
    data["receiving_unit"] = "Chi bộ Sở Tài chính tỉnh Khánh Hòa"
    check = client.post(url("transfer", tree.member), data).content.decode()
    assert "tài khoản của đồng chí bị khóa" in check
    done = client.post(url("transfer", tree.member), data | {"xac-nhan": "1"})
    assert fresh(tree.member).cell is None and not fresh(tree.member).user.is_active
    page = client.get(done.url).content.decode()
    assert "Chi bộ Sở Tài chính tỉnh Khánh Hòa" in page and "đã bị khóa" in page
    # The profile now offers the return, to those who keep the cell the person left.
    assert url("return", tree.member) in client.get(url("profile", tree.member)).content.decode()


def test_leaving_and_returning_through_the_pages(tree, login):
    client = login(tree.secretary_user)
    data = {"kind": "left_party", "month": f"{THIS_MONTH:%m/%Y}", "note": "", "version": "0"}
    assert (
        "Kiểm tra trước khi ghi nhận"
        in client.post(url("leave", tree.member), data).content.decode()
    )
    done = client.post(url("leave", tree.member), data | {"xac-nhan": "1"})
    assert "Ra khỏi Đảng" in client.get(done.url).content.decode()
    # A second page left open on the same person: stale, said in Vietnamese.
    again = client.post(url("exempt", tree.member), {"start_month": f"{THIS_MONTH:%m/%Y}",
                                                      "reason": "Ốm", "version": "0",
                                                      "xac-nhan": "1"})  # fmt: skip
    assert again.status_code == 302  # the person has no cell now: back to the profile
    back = {"cell": str(tree.cell.pk), "month": f"{NEXT_MONTH:%m/%Y}", "version": "1"}
    done = client.post(url("return", tree.member), back | {"xac-nhan": "1"})
    assert done.url == url("done", tree.member, "tro-lai")
    assert fresh(tree.member).cell == tree.cell and fresh(tree.member).user.is_active
    assert "đã được mở lại" in client.get(done.url).content.decode()


def test_exempting_and_ending_through_the_pages(tree, login):
    client = login(tree.secretary_user)
    data = {"start_month": f"{LAST_MONTH:%m/%Y}", "end_month": "", "reason": "Tuổi cao",
            "version": "0"}  # fmt: skip
    bad = client.post(url("exempt", tree.member), data | {"start_month": "13/2025"})
    assert "Vui lòng nhập tháng theo dạng tháng/năm" in bad.content.decode()
    done = client.post(url("exempt", tree.member), data | {"xac-nhan": "1"})
    assert "chưa xác định ngày kết thúc" in client.get(done.url).content.decode()
    e = Exemption.objects.get(person=tree.member)
    stale = client.post(url("exemption_end", tree.member, e.pk),
                        {"last_month": f"{THIS_MONTH:%m/%Y}", "version": "0", "xac-nhan": "1"})  # fmt: skip
    assert "vừa được người khác thay đổi" in stale.content.decode()
    done = client.post(url("exemption_end", tree.member, e.pk),
                       {"last_month": f"{THIS_MONTH:%m/%Y}", "version": "1", "xac-nhan": "1"})  # fmt: skip
    assert done.status_code == 302
    assert Exemption.objects.get(pk=e.pk).end_month == NEXT_MONTH
    # Another person's exemption under this person's address is not found.
    other = services.person_exempt(actor=None, person=tree.secretary, reason="Ốm",
                                   start_month=LAST_MONTH)  # fmt: skip
    assert client.get(url("exemption_end", tree.member, other.pk)).status_code == 404
