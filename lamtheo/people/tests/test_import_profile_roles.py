"""The roster import's profile columns (ngày vào Đảng, ngày chính thức, số thẻ đảng viên,
số CCCD) and its “Vai trò” column, and the accounts offered on its done page."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.accounts.models import AccountState, AccountStatus, BatchKind, IssueBatch
from lamtheo.accounts.selectors import people_of, status_of
from lamtheo.accounts.services import codes_issue
from lamtheo.accounts.tests.helpers import slips_text
from lamtheo.orgs.models import OrgUnit, Role, RoleKind
from lamtheo.people.imports import build_template
from lamtheo.people.models import Person
from lamtheo.people.tests.helpers import run
from lamtheo.tests.helpers import sign_in

PAGE = reverse("people:import")
NEW_CELL = [("CBM", "Chi bộ Phòng Mới", "Chi bộ trực thuộc", "DBSA")]


def person(
    code,
    name,
    *,
    status="Đảng viên chính thức",
    cell="CBM",
    birth="",
    joined="",
    full="",
    card="",
    cccd="",
    roles="",
    duty="",
):
    return (code, name, birth, "", status, duty, cell, "", "", "", joined, full, card, cccd, roles)


def problems(result) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.message) for p in result.problems]


# --- the profile columns --------------------------------------------------------------------


def test_it_writes_the_party_data_of_new_and_stored_people(tree):
    result = run(
        tree.admin_user,
        NEW_CELL,
        [
            person(
                "DV701",
                "Đặng Thị Thu",
                birth="02/02/1985",
                joined="19/05/2010",
                full="19/05/2011",
                card="012345678",
                cccd="001185012345",
            ),
            person("DV001", "Nguyễn Văn An", cell="CB1", joined="03/02/2015"),
        ],
    )
    assert result.ok, result.problems
    thu = Person.objects.get(code="DV701")
    assert (thu.joined_on, thu.full_member_on, thu.party_card_number, thu.citizen_id) == (
        date(2010, 5, 19),
        date(2011, 5, 19),
        "012345678",
        "001185012345",
    )
    assert Person.objects.get(code="DV001").joined_on == date(2015, 2, 3)
    assert result.people.updated == 1
    # The same file again changes nothing.
    again = run(tree.admin_user, NEW_CELL, [person("DV001", "Nguyễn Văn An", cell="CB1")])
    assert again.ok and not again.changed


def test_it_checks_the_dates_in_order_like_the_profile_does(tree):
    result = run(
        tree.admin_user,
        NEW_CELL,
        [
            person("DV711", "Mai Văn Một", birth="01/01/1990", joined="01/01/1989"),
            person("DV712", "Mai Văn Hai", joined="01/06/2012", full="01/03/2012"),
            person(
                "DV713",
                "Mai Văn Ba",
                status="Đảng viên dự bị",
                joined="01/06/2024",
                full="01/06/2025",
            ),
            person("DV714", "Mai Văn Bốn", full="01/06/2012"),
        ],
    )
    assert problems(result) == [
        (2, "Ngày vào Đảng", "ngày vào Đảng phải sau ngày sinh."),
        (3, "Ngày chính thức", "ngày chính thức phải sau ngày vào Đảng."),
        (
            4,
            "Ngày chính thức",
            "đảng viên dự bị chưa có ngày chính thức: vui lòng bỏ trống ngày chính thức hoặc "
            "chọn tình trạng “Đảng viên chính thức”.",
        ),
        (5, "Ngày vào Đảng", "vui lòng nhập ngày vào Đảng trước ngày chính thức."),
    ]
    assert not Person.objects.filter(code__startswith="DV71").exists()


def test_it_checks_a_stored_persons_dates_against_what_the_file_changes(tree):
    Person.objects.filter(code="DV001").update(birth_date=date(1990, 1, 1))
    result = run(
        tree.admin_user, people=[person("DV001", "Nguyễn Văn An", cell="CB1", joined="01/01/1985")]
    )
    assert problems(result) == [(2, "Ngày vào Đảng", "ngày vào Đảng phải sau ngày sinh.")]


def test_it_wants_digits_of_the_right_length(tree):
    result = run(
        tree.admin_user,
        NEW_CELL,
        [
            person("DV721", "Lý Văn Một", card="12-345", cccd="00118501234"),
            person("DV722", "Lý Văn Hai", cccd=1185012345),  # a number: Excel dropped the zeros
        ],
    )
    assert problems(result) == [
        (
            2,
            "Số thẻ đảng viên",
            "“12-345” chỉ được gồm chữ số (không có chữ, dấu cách hay dấu chấm).",
        ),
        (2, "Số CCCD", "“00118501234” có 11 chữ số; cần đúng 12 chữ số."),
        (
            3,
            "Số CCCD",
            "“1185012345” có 10 chữ số; cần đúng 12 chữ số. Nếu số bắt đầu bằng 0, có thể "
            "Excel đã bỏ mất số 0 ở đầu: định dạng ô là Văn bản (Text) rồi gõ lại.",
        ),
    ]


def test_a_number_belongs_to_one_person_in_the_file_and_in_the_database(tree):
    Person.objects.filter(code="DV003").update(citizen_id="001185099999")
    result = run(
        tree.admin_user,
        NEW_CELL,
        [
            person("DV731", "Vi Văn Một", card="1234567"),
            person("DV732", "Vi Văn Hai", card="1234567"),
            person("DV733", "Vi Văn Ba", cccd="001185099999"),
            person("DV003", "Lê Văn Cường", cell="CB2", cccd="001185099999"),
        ],
    )
    assert problems(result) == [
        (3, "Số thẻ đảng viên", "Số thẻ đảng viên 1234567 trùng với dòng 2."),
        (
            4,
            "Số CCCD",
            "Số CCCD 001185099999 đã có ở một người khác trong danh sách (mã “DV003”). "
            "Vui lòng kiểm tra lại.",
        ),
        # DV003 may keep their own number, but not share it with another row.
        (5, "Số CCCD", "Số CCCD 001185099999 trùng với dòng 4."),
    ]


def test_the_template_has_the_profile_and_role_columns_with_their_guide():
    wb = load_workbook(BytesIO(build_template()))
    headers = [c.value for c in wb["Nhân sự"][1]]
    assert headers[-5:] == [
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Số thẻ đảng viên",
        "Số CCCD",
        "Vai trò",
    ]
    guide = "\n".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "đúng 12 chữ số" in guide and "Bí thư; Phó Bí thư; Cấp ủy viên" in guide


# --- roles ----------------------------------------------------------------------------------


def test_the_role_column_gives_roles_on_the_cell_with_an_account_that_cannot_log_in_yet(tree):
    result = run(
        tree.admin_user,
        NEW_CELL,
        [
            person("DV741", "Hồ Thị Sen", roles="Bí thư"),
            person("DV742", "Hồ Văn Lúa", roles="Phó Bí thư, Cấp ủy viên"),
            person("DV743", "Hồ Văn Mạ", duty="Bí thư chi bộ"),  # free text gives nothing
        ],
        name="chi-bo-moi.xlsx",
    )
    assert result.ok, result.problems
    assert result.roles == 3
    sen = Person.objects.select_related("user").get(code="DV741")
    assert sen.user.username == "dv741" and not sen.user.has_usable_password()
    role = Role.objects.get(user=sen.user)
    assert (role.unit.code, role.kind, role.start_date) == ("CBM", RoleKind.SECRETARY, date.today())
    latest = role.history.latest()
    assert latest.history_user == tree.admin_user
    assert latest.history_change_reason == "Nhập danh sách từ tệp “chi-bo-moi.xlsx”"
    assert set(Role.objects.filter(user__person__code="DV742").values_list("kind", flat=True)) == {
        RoleKind.DEPUTY,
        RoleKind.COMMITTEE,
    }
    assert Person.objects.get(code="DV743").user is None
    # Still “no account” for the accounts pages: no usable password, no code issued.
    assert status_of(sen) == AccountStatus.NONE
    none = people_of(tree.org, AccountStatus.NONE).values_list("code", flat=True)
    assert {"DV741", "DV742", "DV743"} <= set(none)
    assert "DV741" not in people_of(tree.org, AccountStatus.ACTIVE).values_list("code", flat=True)
    # Again: nothing new.
    again = run(tree.admin_user, NEW_CELL, [person("DV741", "Hồ Thị Sen", roles="Bí thư")])
    assert again.ok and again.roles == 0 and Role.objects.filter(user=sen.user).count() == 1


def test_it_refuses_an_unknown_role_a_role_for_a_non_member_and_a_taken_username(tree):
    User.objects.create(username="dv753")
    result = run(
        tree.admin_user,
        NEW_CELL,
        [
            person("DV751", "Tô Văn Một", roles="Bí thư chi bộ, Trưởng phòng"),
            person("DV752", "Tô Văn Hai", status="Quần chúng", roles="Cấp ủy viên"),
            person("DV753", "Tô Văn Ba", roles="Bí thư"),
        ],
    )
    assert [(r, c) for r, c, _ in problems(result)] == [
        (2, "Vai trò"),
        (3, "Vai trò"),
        (4, "Vai trò"),
    ]
    assert "“Trưởng phòng” không phải vai trò" in result.problems[0].message
    assert "quần chúng" in result.problems[1].message
    assert "“dv753”" in result.problems[2].message
    assert not OrgUnit.objects.filter(code="CBM").exists()  # all or nothing


def test_issuing_an_account_opens_the_user_the_import_made(tree):
    run(tree.admin_user, NEW_CELL, [person("DV761", "Kha Thị Hồng", roles="Bí thư")])
    hong = Person.objects.select_related("user", "cell").get(code="DV761")
    user_id = hong.user_id
    batch, issued = codes_issue(actor=tree.admin_user, unit=hong.cell, people=[hong])
    hong.refresh_from_db()
    assert hong.user_id == user_id and issued[0].new_account
    assert hong.user.has_usable_password()
    assert AccountState.objects.get(user=hong.user).must_change_password
    assert status_of(hong) == AccountStatus.WAITING


# --- the done page: accounts for the people just imported -----------------------------------


def _upload(people, units=NEW_CELL):
    return SimpleUploadedFile("chi-bo-moi.xlsx", build_template(units, people))


def test_the_done_page_offers_accounts_for_exactly_the_people_just_imported(tree, login):
    client = login(tree.admin_user)
    response = client.post(
        PAGE,
        {
            "file": _upload(
                [
                    person("DV771", "Lạc Thị Một", roles="Bí thư"),
                    person("DV772", "Lạc Văn Hai"),
                    person("DV001", "Nguyễn Văn An", cell="CB1", joined="01/01/2015"),
                ]
            )
        },
    )
    page = response.content.decode()
    assert "Cấp tài khoản cho 2 người vừa nhập" in page
    assert "Đã giao 1 vai trò" in page
    link = page.split('href="/tai-khoan/nhap/')[1].split('"')[0]
    url = f"/tai-khoan/nhap/{link}"
    check = client.get(url)
    text = check.content.decode()
    assert "Cấp tài khoản cho 2 người vừa nhập?" in text
    assert "Lạc Thị Một" in text and "Lạc Văn Hai" in text and "Nguyễn Văn An" not in text
    issued = client.post(url, {"form_token": check.context["token"]})
    assert issued.status_code == 200
    slips = slips_text(issued)
    assert "dv771" in slips and "dv772" in slips and "dv001" not in slips
    batch = IssueBatch.objects.get()
    assert (batch.kind, batch.size, batch.unit.code) == (BatchKind.IMPORT, 2, "CBM")
    assert status_of(Person.objects.get(code="DV771")) == AccountStatus.WAITING
    # Opened again: nobody left.
    assert "đều đã có tài khoản" in client.get(url).content.decode()


def test_the_imported_peoples_page_is_the_importers_own(tree, login):
    response = login(tree.admin_user).post(
        PAGE, {"file": _upload([person("DV781", "Lâm Văn Một")])}
    )
    link = response.content.decode().split('href="/tai-khoan/nhap/')[1].split('"')[0]
    # Another session, even of an issuer: the token means nothing there.
    other = sign_in(Client(), tree.committee_user)
    assert other.get(f"/tai-khoan/nhap/{link}").status_code == 404


def test_nothing_to_offer_when_everyone_imported_has_an_account(tree, login):
    response = login(tree.admin_user).post(
        PAGE, {"file": _upload([person("DV001", "Nguyễn Văn An", cell="CB1", joined="01/01/2015")])}
    )
    assert "người vừa nhập" not in response.content.decode()


@pytest.mark.parametrize("roles", ["Phó Bí thư", ""])
def test_a_role_on_a_stored_person_with_an_account_keeps_the_account(tree, roles):
    user = tree.member.user
    result = run(
        tree.admin_user, people=[person("DV001", "Nguyễn Văn An", cell="CB1", roles=roles)]
    )
    assert result.ok, result.problems
    tree.member.refresh_from_db()
    assert tree.member.user == user and user.has_usable_password()
    assert Role.objects.filter(user=user, kind=RoleKind.DEPUTY).exists() == bool(roles)


def test_a_cell_gets_one_secretary_from_the_file_and_none_beside_the_one_in_office(tree):
    result = run(
        tree.admin_user,
        NEW_CELL,
        [
            person("DV781", "Mai Văn Một", roles="Bí thư"),
            person("DV782", "Mai Văn Hai", roles="Bí thư"),
            person("DV001", "Nguyễn Văn An", cell="CB1", roles="Bí thư"),
        ],
    )
    assert [(r, c) for r, c, _ in problems(result)] == [(3, "Vai trò"), (4, "Vai trò")]
    assert "dòng 2 cũng ghi Bí thư" in result.problems[0].message
    assert "đã có Bí thư là đồng chí Trần Thị Bình" in result.problems[1].message
    assert not Person.objects.filter(code="DV781").exists()  # all or nothing
    # The secretary in office named again is no clash.
    again = run(
        tree.admin_user, people=[person("DV002", "Trần Thị Bình", cell="CB1", roles="Bí thư")]
    )
    assert again.ok, again.problems
