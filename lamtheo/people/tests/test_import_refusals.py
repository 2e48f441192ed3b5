"""What the roster import refuses (issue 9 item 7): Excel error values, invisible characters,
codes that differ only in case, a duplicated header, hidden sheets with data, an empty file;
and every problem of a file reported in one round."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lamtheo.orgs.models import OrgUnit, RoleKind, UnitKind
from lamtheo.orgs.services import role_grant, unit_create
from lamtheo.people.imports import build_template, roster_import
from lamtheo.people.models import Person
from lamtheo.people.tests.helpers import excel_saved, run, with_part, xlsx

PAGE = reverse("people:import")
PEOPLE_SHEET = "xl/worksheets/sheet2.xml"  # the template's sheet “Nhân sự”


def person(code="DV601", name="Đinh Văn Tâm", cell="CB1", **more) -> tuple:
    values = {
        "birth": "",
        "gender": "Nam",
        "status": "Đảng viên chính thức",
        "duty": "",
        "email": "",
        "phone": "",
        "month": "",
    } | more
    return (
        code,
        name,
        values["birth"],
        values["gender"],
        values["status"],
        values["duty"],
        cell,
        values["email"],
        values["phone"],
        values["month"],
    )


def where(result) -> set[tuple[str, int | None, str]]:
    return {(p.sheet, p.row, p.column) for p in result.problems}


def message(result, sheet: str, row: int | None, column: str) -> str:
    return " ".join(
        p.message for p in result.problems if (p.sheet, p.row, p.column) == (sheet, row, column)
    )


def post(client, data: bytes, name: str = "danh-sach.xlsx") -> str:
    response = client.post(PAGE, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    return response.content.decode()


def text_of(page: str) -> str:
    """The page's text without tags, for messages that cross table cells."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def saved(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def import_bytes(actor, data: bytes, name: str = "danh-sach.xlsx"):
    return roster_import(actor=actor, file=BytesIO(data), file_name=name)


# -- 1. Excel error values ------------------------------------------------------------------


def test_the_page_refuses_an_error_cell_naming_its_row_and_column(tree, login):
    data = with_part(
        build_template(people=[person()]),
        PEOPLE_SHEET,
        lambda xml: re.sub(
            rb'<c r="B2" t="inlineStr">.*?</c>',
            b'<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            xml,
        ),
    )
    page = text_of(post(login(tree.admin_user), data))
    assert "Nhân sự 2 Họ và tên ô có giá trị lỗi của Excel “#DIV/0!”" in page
    assert "Chưa có gì được ghi vào phần mềm" in page
    assert not Person.objects.filter(code="DV601").exists()


def test_an_error_cell_of_any_kind_is_refused_even_in_a_file_saved_by_excel(tree):
    data = with_part(
        excel_saved(build_template(people=[person()])),
        PEOPLE_SHEET,
        lambda xml: xml.replace(b'<c r="G2"', b'<c r="F2" t="e"><v>#SPILL!</v></c><c r="G2"', 1),
    )
    result = import_bytes(tree.admin_user, data)
    assert where(result) == {("Nhân sự", 2, "Chức vụ, nhiệm vụ")}
    assert "“#SPILL!”" in result.problems[0].message


@pytest.mark.parametrize(
    "error", ["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
)
@pytest.mark.parametrize(
    ("field", "column"),
    [("name", "Họ và tên"), ("duty", "Chức vụ, nhiệm vụ"), ("birth", "Ngày sinh")],
)
def test_an_error_value_typed_as_text_is_refused(tree, error, field, column):
    row = person(name=error) if field == "name" else person(**{field: error})
    result = run(tree.admin_user, people=[row])
    assert where(result) == {("Nhân sự", 2, column)}
    assert f"giá trị lỗi của Excel “{error}”" in result.problems[0].message
    assert not Person.objects.filter(code="DV601").exists()


def test_an_error_value_is_refused_as_a_code_and_in_the_units_sheet(tree):
    result = run(
        tree.admin_user,
        [("#N/A", "Chi bộ mới", "Chi bộ trực thuộc", "#REF!")],
        [person(code=" #n/a ")],
    )
    assert where(result) == {
        ("Tổ chức đảng", 2, "Mã đơn vị"),
        ("Tổ chức đảng", 2, "Mã đơn vị cấp trên"),
        ("Nhân sự", 2, "Mã định danh"),
    }
    assert all("giá trị lỗi của Excel" in p.message for p in result.problems)


# -- 2. Invisible and direction-control characters ------------------------------------------

INVISIBLE = [
    ("\u200b", "dấu cách không độ rộng"),
    ("\u200d", "ký tự nối hoặc ngắt chữ không độ rộng"),
    ("\u200e", "ký tự điều khiển hướng chữ"),
    ("\u202e", "ký tự điều khiển hướng chữ"),
    ("\u2066", "ký tự điều khiển hướng chữ"),
    ("\u2060", "dấu cách không độ rộng"),
    ("\u2063", "ký tự định dạng không nhìn thấy"),
    ("\ufeff", "dấu cách không độ rộng"),
    ("\u00ad", "dấu gạch nối mềm"),
    ("\U000e0041", "ký tự định dạng không nhìn thấy"),  # a tag character (Cf)
    ("\u3164", "ký tự trống không nhìn thấy"),  # a Hangul filler: a letter that shows nothing
]


@pytest.mark.parametrize(("char", "kind"), INVISIBLE)
def test_an_invisible_character_in_a_code_or_a_name_is_refused_saying_which(tree, char, kind):
    units = [(f"CB{char}9", "Chi bộ Chín", "Chi bộ trực thuộc", "DBSA")]
    people = [person(code=f"DV{char}601"), person(code="DV602", name=f"Đinh Văn{char} Tín")]
    result = run(tree.admin_user, units, people)
    assert where(result) == {
        ("Tổ chức đảng", 2, "Mã đơn vị"),
        ("Nhân sự", 2, "Mã định danh"),
        ("Nhân sự", 3, "Họ và tên"),
    }
    code = f"U+{ord(char):04X}"
    for p in result.problems:
        assert kind in p.message and code in p.message, p.message
    assert "“CB9” có" in message(result, "Tổ chức đảng", 2, "Mã đơn vị")  # what is visible
    assert "ở ký tự thứ 3" in message(result, "Tổ chức đảng", 2, "Mã đơn vị")
    assert not Person.objects.filter(code__startswith="DV60").exists()
    assert not OrgUnit.objects.filter(name="Chi bộ Chín").exists()


def test_an_invisible_character_in_a_reference_or_a_duty_is_refused(tree):
    units = [("CB9", "Chi bộ Chín", "Chi bộ trực thuộc", "DBSA\u200b")]
    people = [person(cell="CB1\u2069", duty="Bí thư\u202e chi bộ")]
    result = run(tree.admin_user, units, people)
    assert where(result) == {
        ("Tổ chức đảng", 2, "Mã đơn vị cấp trên"),
        ("Nhân sự", 2, "Mã chi bộ"),
        ("Nhân sự", 2, "Chức vụ, nhiệm vụ"),
    }
    # Line breaks and no-break spaces are whitespace, made one space as before.
    assert run(tree.admin_user, people=[person(name="Đinh\u00a0Văn\nTâm")]).ok
    assert Person.objects.get(code="DV601").full_name == "Đinh Văn Tâm"


def test_the_page_names_the_invisible_character_of_a_name(tree, login):
    data = xlsx(people=[person(name="Đinh Văn \u202eTâm")]).getvalue()
    page = text_of(post(login(tree.admin_user), data))
    assert "Nhân sự 2 Họ và tên “Đinh Văn Tâm” có ký tự điều khiển hướng chữ" in page
    assert "U+202E" in page
    assert not Person.objects.filter(code="DV601").exists()


# -- 3. Codes that differ only in case ------------------------------------------------------


def test_codes_of_the_file_that_differ_only_in_case_are_refused_naming_both_rows(tree):
    units = [
        ("CBQ", "Chi bộ Q", "Chi bộ trực thuộc", "DBSA"),
        ("CB-Đ1", "Chi bộ Đ1", "Chi bộ trực thuộc", "DBSA"),
        ("cbq", "Chi bộ q", "Chi bộ trực thuộc", "DBSA"),
        ("cb-đ1", "Chi bộ đ1", "Chi bộ trực thuộc", "DBSA"),
    ]
    people = [person(code="dv601", cell="CBQ"), person(code="DV601", cell="CBQ")]
    result = run(tree.admin_user, units, people)
    assert where(result) == {
        ("Tổ chức đảng", 4, "Mã đơn vị"),
        ("Tổ chức đảng", 5, "Mã đơn vị"),
        ("Nhân sự", 3, "Mã định danh"),
    }
    assert message(result, "Tổ chức đảng", 4, "Mã đơn vị").startswith(
        "mã “cbq” chỉ khác mã “CBQ” ở dòng 2 về chữ hoa, chữ thường"
    )
    assert "mã “cb-đ1” chỉ khác mã “CB-Đ1” ở dòng 3" in message(
        result, "Tổ chức đảng", 5, "Mã đơn vị"
    )
    assert "“DV601” chỉ khác mã “dv601” ở dòng 2" in message(result, "Nhân sự", 3, "Mã định danh")
    assert not OrgUnit.objects.filter(code__iexact="CBQ").exists()


def test_a_new_code_that_differs_only_in_case_from_a_stored_one_is_refused_naming_it(tree):
    unit_create(code="CB-Đ2", name="Chi bộ Đ2", kind=UnitKind.CELL, parent=tree.org)
    units = [
        ("cb1", "Chi bộ một", "Chi bộ trực thuộc", "DBSA"),
        ("cb-đ2", "Chi bộ", "Chi bộ trực thuộc", "DBSA"),
    ]
    people = [person(code="dv001", name="Nguyễn Văn An")]
    result = run(tree.admin_user, units, people)
    assert where(result) == {
        ("Tổ chức đảng", 2, "Mã đơn vị"),
        ("Tổ chức đảng", 3, "Mã đơn vị"),
        ("Nhân sự", 2, "Mã định danh"),
    }
    assert message(result, "Tổ chức đảng", 2, "Mã đơn vị").startswith(
        "mã “cb1” chỉ khác về chữ hoa, chữ thường với mã “CB1” đã có trong phần mềm, của "
        "“Chi bộ Phòng 1”"
    )
    assert "mã “CB-Đ2”" in message(result, "Tổ chức đảng", 3, "Mã đơn vị")
    assert "với mã “DV001” đã có trong phần mềm, của “Nguyễn Văn An”" in message(
        result, "Nhân sự", 2, "Mã định danh"
    )
    assert not Person.objects.filter(code="dv001").exists()
    assert not OrgUnit.objects.filter(code__in=["cb1", "cb-đ2"]).exists()
    # The stored code itself, as it is stored, still updates.
    assert run(tree.admin_user, people=[person(code="DV001", name="Nguyễn Văn An")]).ok


def test_a_case_twin_outside_the_actors_scope_is_not_named(tree):
    admin = User.objects.create_user("quantri-so-a", password="mat-khau-dai-2025")
    role_grant(actor=None, user=admin, unit=tree.org, kind=RoleKind.ADMIN)
    result = run(admin, people=[person(code="dv005")])  # DV005 is Bùi Thị Lan, in CBB
    text = message(result, "Nhân sự", 2, "Mã định danh")
    assert "của một người ngoài phạm vi đồng chí quản lý" in text
    assert "Bùi Thị Lan" not in text


def test_a_reference_not_found_names_the_code_that_differs_only_in_case(tree):
    units = [("CB9", "Chi bộ Chín", "Chi bộ trực thuộc", "dbsa")]
    people = [
        person(cell="cb1"),
        person(code="DV602", cell="cb9"),
        person(code="DV603", cell="cbb"),
    ]
    admin = User.objects.create_user("quantri-so-a", password="mat-khau-dai-2025")
    role_grant(actor=None, user=admin, unit=tree.org, kind=RoleKind.ADMIN)
    result = run(admin, units, people)
    assert where(result) == {
        ("Tổ chức đảng", 2, "Mã đơn vị cấp trên"),
        ("Nhân sự", 2, "Mã chi bộ"),
        ("Nhân sự", 3, "Mã chi bộ"),
        ("Nhân sự", 4, "Mã chi bộ"),
    }
    assert message(result, "Tổ chức đảng", 2, "Mã đơn vị cấp trên").endswith(
        "Có mã “DBSA” chỉ khác về chữ hoa, chữ thường: nếu là đơn vị đó, ghi đúng mã “DBSA”."
    )
    assert "Có mã “CB1”" in message(result, "Nhân sự", 2, "Mã chi bộ")
    assert "Có mã “CB9”" in message(result, "Nhân sự", 3, "Mã chi bộ")  # a unit of the file
    assert "Có mã" not in message(result, "Nhân sự", 4, "Mã chi bộ")  # CBB: outside the scope


# -- 4. A duplicated column header ----------------------------------------------------------


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    return saved(wb)


def test_the_page_refuses_a_duplicated_header_naming_the_column_letters(tree, login):
    data = _workbook(
        {
            "Tổ chức đảng": [["Mã đơn vị", "Tên tổ chức đảng", "Loại", "Mã đơn vị cấp trên"]],
            "Nhân sự": [
                ["Mã định danh", "Họ và tên", "Tình trạng", "Mã chi bộ", "Họ và tên*"],
                ["DV601", "Đinh Văn Tâm", "Quần chúng", "CB1", "Đinh Văn Tám"],
            ],
        }
    )
    page = text_of(post(login(tree.admin_user), data))
    assert (
        "Nhân sự 1 Họ và tên dòng tiêu đề có cột này 2 lần: cột B (“Họ và tên”) và E (“Họ và tên*”)"
    ) in page
    assert not Person.objects.filter(code="DV601").exists()


def test_two_names_of_one_column_or_a_repeated_unknown_header_are_refused(tree):
    data = _workbook(
        {
            "Tổ chức đảng": [
                ["Mã đơn vị", "Tên tổ chức đảng", "Loại", "Ghi chú", "ghi chu"],
                ["CB9", "Chi bộ Chín", "Chi bộ trực thuộc"],
            ],
            "Nhân sự": [
                ["Mã định danh", "Họ và tên", "Tình trạng", "Mã chi bộ", "Email", "Thư điện tử"],
                ["DV601", "Đinh Văn Tâm", "Quần chúng", "CB1", "a@example.vn", "b@example.vn"],
            ],
        }
    )
    result = import_bytes(tree.admin_user, data)
    assert where(result) == {("Tổ chức đảng", 1, "Ghi chú"), ("Nhân sự", 1, "Thư điện tử")}
    assert "cột E (“Email”) và F (“Thư điện tử”)" in message(result, "Nhân sự", 1, "Thư điện tử")
    assert "cột D (“Ghi chú”) và E (“ghi chu”)" in message(result, "Tổ chức đảng", 1, "Ghi chú")
    assert not Person.objects.filter(code="DV601").exists()


# -- 5. Hidden sheets -----------------------------------------------------------------------


def _template_with(edit, units=(), people=()) -> bytes:
    wb = load_workbook(BytesIO(build_template(units, people)))
    edit(wb)
    return saved(wb)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_the_page_refuses_a_hidden_sheet_with_data_naming_it(tree, login, state):
    def hide_more(wb):
        ws = wb.create_sheet("Nhân sự bổ sung")
        ws.append(["Mã định danh", "Họ và tên"])
        ws.append(["DV602", "Đinh Văn Tín"])
        ws.sheet_state = state

    data = _template_with(hide_more, people=[person()])
    page = post(login(tree.admin_user), data)
    assert "Tệp có trang ẩn “Nhân sự bổ sung” chứa dữ liệu" in page
    assert "Chưa có gì được ghi vào phần mềm" in page
    assert not Person.objects.filter(code__in=["DV601", "DV602"]).exists()


def test_a_hidden_data_sheet_is_refused(tree):
    def hide(wb):
        wb["Nhân sự"].sheet_state = "hidden"

    result = import_bytes(tree.admin_user, _template_with(hide, people=[person()]))
    assert where(result) == {("Nhân sự", None, "")}
    assert result.problems[0].message.startswith("Trang “Nhân sự” đang bị ẩn.")
    assert not Person.objects.filter(code="DV601").exists()


def test_a_hidden_sheet_that_would_replace_a_visible_one_is_refused(tree):
    def shadow(wb):
        ws = wb.create_sheet("nhan su")
        ws.append(["Mã định danh", "Họ và tên", "Tình trạng", "Mã chi bộ"])
        ws.append(["DV602", "Đinh Văn Tín", "Quần chúng", "CB1"])
        ws.sheet_state = "veryHidden"

    result = import_bytes(tree.admin_user, _template_with(shadow, people=[person()]))
    assert "Tệp có 2 trang cùng được hiểu là trang “Nhân sự”" in message(
        result, "Nhân sự", None, ""
    )
    assert not Person.objects.filter(code__in=["DV601", "DV602"]).exists()


def test_the_templates_own_hidden_lists_pass_but_not_data_added_to_them(tree):
    assert import_bytes(tree.admin_user, build_template(people=[person()])).ok

    def add(wb):
        wb["Danh mục"].append(["DV603", "Đinh Văn Toàn"])

    result = import_bytes(tree.admin_user, _template_with(add, people=[person(code="DV604")]))
    assert where(result) == {("Danh mục", None, "")}
    assert not Person.objects.filter(code="DV604").exists()

    def empty(wb):  # a hidden sheet without data is no problem
        wb.create_sheet("Nháp").sheet_state = "hidden"

    assert import_bytes(tree.admin_user, _template_with(empty, people=[person()])).ok


# -- 6. An empty workbook -------------------------------------------------------------------


def test_the_page_says_an_empty_workbook_is_empty(tree, login):
    page = post(login(tree.admin_user), build_template())
    assert "Tệp không có dòng dữ liệu nào" in page
    assert "Không có gì thay đổi" not in page and "đều đã có trong phần mềm" not in page


def test_a_workbook_of_blank_rows_is_empty_too(tree):
    data = build_template([("", "", "", "")], [("  ",) + ("",) * 9])
    result = import_bytes(tree.admin_user, data)
    assert [p.message for p in result.problems][0].startswith("Tệp không có dòng dữ liệu nào")


# -- 7. Every problem in one round ----------------------------------------------------------


def test_a_row_with_bad_cells_is_still_checked_against_the_tree(tree):
    units = [
        ("CB9", "", "Chi bộ trực thuộc", "KHONGCO"),  # no name, unknown parent
        ("CB8", "Chi bộ Tám", "Không rõ", "CB1"),  # unknown kind, under a chi bộ
    ]
    people = [
        person(code="DV601", birth="31/02/1980", cell="KHONGCO"),  # bad date, unknown cell
        person(code="DV602", email="sai@", cell="DBSA"),  # bad e-mail, a đảng bộ as the cell
        person(code="DV005", phone="12ab", cell="CB1"),  # bad phone, a person out of reach?
        person(code="DV001", name="", cell="CB2", month="01/2020"),  # transfer month too early
    ]
    admin = User.objects.create_user("quantri-so-a", password="mat-khau-dai-2025")
    role_grant(actor=None, user=admin, unit=tree.org, kind=RoleKind.ADMIN)
    result = run(admin, units, people)
    assert where(result) == {
        ("Tổ chức đảng", 2, "Tên tổ chức đảng"),
        ("Tổ chức đảng", 2, "Mã đơn vị cấp trên"),
        ("Tổ chức đảng", 3, "Loại"),
        ("Tổ chức đảng", 3, "Mã đơn vị cấp trên"),
        ("Nhân sự", 2, "Ngày sinh"),
        ("Nhân sự", 2, "Mã chi bộ"),
        ("Nhân sự", 3, "Thư điện tử"),
        ("Nhân sự", 3, "Mã chi bộ"),
        ("Nhân sự", 4, "Điện thoại"),
        ("Nhân sự", 4, "Mã định danh"),  # DV005 sinh hoạt ngoài Đảng bộ Sở A
        ("Nhân sự", 5, "Họ và tên"),
        ("Nhân sự", 5, "Sinh hoạt từ tháng"),
    }
    assert not Person.objects.filter(code__in=["DV601", "DV602"]).exists()


def test_a_sheet_whose_header_is_wrong_does_not_hide_the_other_sheets_problems(tree):
    data = _workbook(
        {
            "Tổ chức đảng": [["Mã đơn vị", "Loại"], ["CB9", "Chi bộ trực thuộc"]],
            "Nhân sự": [
                ["Mã định danh", "Họ và tên", "Tình trạng", "Mã chi bộ", "Ngày sinh"],
                ["DV601", "Đinh Văn Tâm", "Quần chúng", "CB9", "31/02/1980"],  # CB9: not known
                ["DV602", "Đinh Văn Tín", "Quần chúng", "DBSA", ""],
            ],
        }
    )
    result = import_bytes(tree.admin_user, data)
    assert where(result) == {
        ("Tổ chức đảng", 1, "Tên tổ chức đảng"),
        ("Nhân sự", 2, "Ngày sinh"),
        ("Nhân sự", 3, "Mã chi bộ"),
    }


def test_the_page_groups_a_rows_problems_under_it(tree, login):
    people = [person(birth="31/02/1980", cell="KHONGCO"), person(code="DV602", gender="Không rõ")]
    page = post(login(tree.admin_user), build_template(people=people))
    assert "3 lỗi ở 2 dòng" in page
    first = page.index('<td rowspan="2" data-label="Trang">Nhân sự</td>')
    second = page.index('<td rowspan="1" data-label="Trang">Nhân sự</td>')
    group = page[first:second]
    assert group.count("</tbody>") == 1  # the first row's group, then the next
    assert 'data-label="Cột">Ngày sinh</td>' in group and 'data-label="Cột">Mã chi bộ</td>' in group
    assert "Tệp “danh-sach.xlsx” có 3 lỗi" in page


def test_a_file_level_problem_does_not_make_the_row_table_say_it_is_cut_short(tree, login):
    def hide_more(wb):
        ws = wb.create_sheet("Ẩn")
        ws.append(["dữ liệu"])
        ws.sheet_state = "hidden"

    data = _template_with(hide_more, people=[person(birth="31/02/1980")])
    page = post(login(tree.admin_user), data)
    assert "Tệp có trang ẩn “Ẩn” chứa dữ liệu" in page
    assert "1 lỗi ở 1 dòng" in page
    assert "đầu tiên" not in page
