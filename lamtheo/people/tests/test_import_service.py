"""roster_import: the tree and the roster from an .xlsx file, all or nothing."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from datetime import date, datetime
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from openpyxl import Workbook

from lamtheo.core import figures
from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice
from lamtheo.dashboard.figures import rebuild_year
from lamtheo.dashboard.models import CellMonthStat, CellYearStat
from lamtheo.orgs.models import OrgUnit, RoleKind, UnitKind
from lamtheo.orgs.services import role_grant, unit_create
from lamtheo.orgs.tree import path_segment
from lamtheo.people.imports import build_template, roster_import
from lamtheo.people.models import Membership, Person
from lamtheo.people.tests.helpers import excel_saved, run, xlsx

THIS_MONTH = timezone.localdate().replace(day=1)
UNITS = [
    # The child comes before its parent on purpose: order in the file must not matter.
    ("CBSB2", "Chi bộ Phòng 2 Sở B", "Chi bộ trực thuộc", "DBSB"),
    ("DBSB", "Đảng bộ Sở B", "Đảng bộ cơ sở", "DBK"),
    ("CBSB1", "Chi bộ Phòng 1 Sở B", "cell", "DBSB"),
]
PEOPLE = [
    (
        "DV101",
        "Nguyễn Thị Hoa",
        "05/03/1980",
        "Nữ",
        "Đảng viên chính thức",
        "Trưởng phòng",
        "CBSB1",
        "hoa@example.vn",
        "0912 345 678",
        "03/2025",
    ),
    (
        "DV102",
        "Trần Văn Bảo",
        datetime(1990, 7, 1),
        "Nam",
        "Đảng viên dự bị",
        "",
        "CBSB1",
        "",
        "",
        "",
    ),
    ("DV103", "Lê Thị Cúc", "", "", "Quần chúng", "Chuyên viên", "CBSB2", "", "", "01/2026"),
]


def snapshot() -> dict:
    """Every row the import could write, to prove a refused or repeated import wrote nothing."""
    return {
        "units": list(OrgUnit.objects.order_by("pk").values_list()),
        "people": list(Person.objects.order_by("pk").values_list()),
        "memberships": list(Membership.objects.order_by("pk").values_list()),
        "history": Membership.history.count(),
        "notices": Notice.objects.count(),
        "month_stats": list(CellMonthStat.objects.order_by("pk").values_list()),
        "year_stats": list(CellYearStat.objects.order_by("pk").values_list()),
    }


def where(result) -> set[tuple[str, int | None, str]]:
    return {(p.sheet, p.row, p.column) for p in result.problems}


def test_it_creates_the_tree_with_paths_and_depths(tree):
    result = run(tree.admin_user, UNITS)
    assert result.ok, result.problems
    org, cell1, cell2 = (OrgUnit.objects.get(code=c) for c in ("DBSB", "CBSB1", "CBSB2"))
    assert org.parent == tree.bloc and org.depth == 1
    assert org.path == tree.bloc.path + path_segment(org.pk)
    assert cell1.path == org.path + path_segment(cell1.pk) and cell1.depth == 2
    assert cell2.parent == org and cell2.kind == UnitKind.CELL
    assert (result.units.created, result.units.updated, result.units.unchanged) == (3, 0, 0)


def test_it_creates_people_with_their_cell_membership_and_keys(tree):
    result = run(tree.admin_user, UNITS, PEOPLE)
    assert result.ok, result.problems
    hoa = Person.objects.get(code="DV101")
    assert hoa.cell.code == "CBSB1" and hoa.birth_date == date(1980, 3, 5)
    assert (hoa.gender, hoa.status, hoa.phone) == ("female", "full", "0912 345 678")
    assert hoa.search_key == "nguyen thi hoa" and hoa.sort_key
    bao = Person.objects.get(code="DV102")
    assert bao.birth_date == date(1990, 7, 1) and bao.status == "probationary"
    memberships = {
        m.person.code: m
        for m in Membership.objects.select_related("person").filter(person__code__startswith="DV10")
    }
    assert memberships["DV101"].start_month == date(2025, 3, 1)
    assert memberships["DV102"].start_month == THIS_MONTH  # empty: the current month
    assert memberships["DV103"].unit.code == "CBSB2" and memberships["DV103"].end_month is None
    assert result.people.created == 3


def test_it_refreshes_the_figures_of_the_new_cells(tree):
    rebuild_year(THIS_MONTH.year)  # the year's figures exist, as once anyone looked
    run(tree.admin_user, UNITS, PEOPLE)
    stat = CellMonthStat.objects.get(unit__code="CBSB1", month=THIS_MONTH)
    assert stat.members == 2 and stat.path == OrgUnit.objects.get(code="CBSB1").path
    assert CellYearStat.objects.get(unit__code="CBSB2", year=THIS_MONTH.year).expected == 1


def _figures(cells) -> list[tuple]:
    month = CellMonthStat.objects.filter(unit__in=cells).order_by("unit_id", "month")
    year = CellYearStat.objects.filter(unit__in=cells).order_by("unit_id", "year")
    return [
        *month.values_list("unit_id", "month", "path", "members", "expected", "submitted"),
        *year.values_list("unit_id", "year", "path", "expected", "registered"),
    ]


def test_the_figures_it_refreshes_cell_by_cell_equal_a_rebuild_from_the_records(tree):
    rebuild_year(THIS_MONTH.year)  # the year's rows exist, as once anyone looked at it
    moved = (
        "DV003",
        "Lê Văn Cường",
        "",
        "",
        "Đảng viên chính thức",
        "",
        "CBSB1",
        "",
        "",
        f"{THIS_MONTH:%m/%Y}",
    )
    assert run(tree.admin_user, UNITS, [*PEOPLE, moved]).ok
    cells = [*OrgUnit.objects.filter(code__in=["CBSB1", "CBSB2"]), tree.cell2]
    refreshed = _figures(cells)
    rebuild_year(THIS_MONTH.year)
    assert refreshed and _figures(cells) == refreshed


def test_it_records_one_notice_summarizing_the_import(tree):
    run(tree.admin_user, UNITS, PEOPLE, name="so-b.xlsx")
    notice = Notice.objects.get(user=tree.admin_user)
    assert "“so-b.xlsx”" in notice.text and "thêm mới 3" in notice.text
    # New memberships are written in bulk, without one history row each: the notice and the
    # log are the record of the import.
    assert Membership.history.filter(history_user=tree.admin_user).count() == 0


def test_it_changes_nothing_when_the_same_file_is_imported_again(tree):
    run(tree.admin_user, UNITS, PEOPLE)
    before = snapshot()
    result = run(tree.admin_user, UNITS, PEOPLE)
    assert result.ok and not result.changed
    assert (result.units.unchanged, result.people.unchanged) == (3, 3)
    assert snapshot() == before


def test_it_updates_changed_fields_and_keeps_what_an_empty_cell_leaves_out(tree):
    run(tree.admin_user, UNITS, PEOPLE)
    changed = [
        (
            "DV101",
            "Nguyễn Thị Hoa",
            "",
            "",
            "Đảng viên chính thức",
            "Phó trưởng phòng",
            "CBSB1",
            "",
            "",
            "",
        )
    ]
    renamed = [("DBSB", "Đảng bộ Sở B (mới)", "Đảng bộ cơ sở", "")]
    result = run(tree.admin_user, renamed, changed)
    assert result.ok, result.problems
    hoa = Person.objects.get(code="DV101")
    assert hoa.duty == "Phó trưởng phòng"
    assert hoa.email == "hoa@example.vn" and hoa.birth_date == date(1980, 3, 5)
    assert OrgUnit.objects.get(code="DBSB").name == "Đảng bộ Sở B (mới)"
    assert (result.units.updated, result.people.updated, result.transferred) == (1, 1, 0)


def test_it_leaves_a_year_without_figures_to_be_built_when_it_is_opened(tree):
    assert not CellYearStat.objects.filter(year=THIS_MONTH.year).exists()
    run(tree.admin_user, UNITS, PEOPLE)
    assert not CellYearStat.objects.filter(year=THIS_MONTH.year).exists()
    figures.open_year(THIS_MONTH.year)
    assert CellYearStat.objects.get(unit__code="CBSB1", year=THIS_MONTH.year).expected == 2


def test_it_transfers_a_person_whose_cell_changed(tree):
    rebuild_year(THIS_MONTH.year)
    row = (
        "DV001",
        "Nguyễn Văn An",
        "",
        "",
        "Đảng viên chính thức",
        "",
        "CB2",
        "",
        "",
        f"{THIS_MONTH:%m/%Y}",
    )
    result = run(tree.admin_user, people=[row])
    assert result.ok, result.problems
    assert result.transferred == 1
    old, new = Membership.objects.filter(person=tree.member).order_by("start_month")
    assert (old.unit, old.end_month) == (tree.cell, THIS_MONTH)
    assert (new.unit, new.start_month, new.end_month) == (tree.cell2, THIS_MONTH, None)
    tree.member.refresh_from_db()
    assert tree.member.cell == tree.cell2
    assert CellMonthStat.objects.get(unit=tree.cell2, month=THIS_MONTH).members == 2
    assert new.history.first().history_change_reason == "Nhập danh sách từ tệp “danh-sach.xlsx”"


def test_it_refuses_a_transfer_month_not_after_the_current_membership(tree):
    row = ("DV001", "Nguyễn Văn An", "", "", "Đảng viên chính thức", "", "CB2", "", "", "01/2020")
    before = snapshot()
    result = run(tree.admin_user, people=[row])
    assert where(result) == {("Nhân sự", 2, "Sinh hoạt từ tháng")}
    assert "sau tháng 01/2020" in result.problems[0].message
    assert snapshot() == before


def test_it_reports_every_bad_row_and_writes_nothing(tree):
    units = [
        ("DBSC", "Đảng bộ Sở C", "Đảng bộ cơ sở", "DBK"),
        ("DBSC", "Đảng bộ Sở C lặp lại", "Đảng bộ cơ sở", "DBK"),  # row 3: duplicate code
        ("CBX", "", "Chi bộ", "DBSC"),  # row 4: no name, unknown kind
        ("CBY", "Chi bộ Y", "Chi bộ trực thuộc", "KHONGCO"),  # row 5: unknown parent
        ("CBZ", "C" * 256, "Chi bộ trực thuộc", "DBSC"),  # row 6: name too long
    ]
    people = [
        (
            "DV201",
            "Phạm Văn Một",
            "01/01/1985",
            "Nam",
            "Đảng viên chính thức",
            "",
            "CB1",
            "",
            "",
            "",
        ),
        ("DV201", "Phạm Văn Hai", "", "", "Đảng viên chính thức", "", "CB1", "", "", ""),
        ("DV202", "Phạm Văn Ba", "", "Không rõ", "Đảng viên", "", "CB1", "ba@", "", ""),
        ("DV203", "", "", "", "Quần chúng", "", "DBSA", "", "12ab", ""),
        ("DV204", "Phạm Văn Năm", "", "", "Quần chúng", "", "CB1", "", "", "13/2025"),
        ("DV205", "Phạm Văn Sáu", "31/02/1980", "", "Quần chúng", "", "CB1", "", "", ""),
    ]
    before = snapshot()
    result = run(tree.admin_user, units, people)
    assert not result.ok
    assert where(result) == {
        ("Tổ chức đảng", 3, "Mã đơn vị"),
        ("Tổ chức đảng", 4, "Tên tổ chức đảng"),
        ("Tổ chức đảng", 4, "Loại"),
        ("Tổ chức đảng", 5, "Mã đơn vị cấp trên"),
        ("Tổ chức đảng", 6, "Tên tổ chức đảng"),
        ("Nhân sự", 3, "Mã định danh"),
        ("Nhân sự", 4, "Giới tính"),
        ("Nhân sự", 4, "Tình trạng"),
        ("Nhân sự", 4, "Thư điện tử"),
        ("Nhân sự", 5, "Họ và tên"),
        ("Nhân sự", 5, "Điện thoại"),
        # A đảng bộ given as the chi bộ of a row with other errors: reported in the same round.
        ("Nhân sự", 5, "Mã chi bộ"),
        ("Nhân sự", 6, "Sinh hoạt từ tháng"),
        ("Nhân sự", 7, "Ngày sinh"),
    }
    texts = [p.text for p in result.problems]
    assert "Dòng 7, cột “Ngày sinh”: “31/02/1980” không phải ngày hợp lệ (dd/mm/yyyy)." in texts
    assert "Dòng 3, cột “Mã định danh”: mã “DV201” trùng với dòng 2." in texts
    assert snapshot() == before


def test_it_reports_a_repeated_code_even_when_the_first_row_has_other_errors(tree):
    people = [
        ("DV701", "Hồ Văn Một", "", "Không rõ", "Quần chúng", "", "CB1", "", "", ""),
        ("DV701", "Hồ Văn Hai", "", "", "Quần chúng", "", "CB1", "", "", ""),
    ]
    result = run(tree.admin_user, people=people)
    assert where(result) == {("Nhân sự", 2, "Giới tính"), ("Nhân sự", 3, "Mã định danh")}


def test_it_reports_a_bad_value_on_every_row_that_repeats_it(tree):
    # Each column remembers the answers it gave (the check of a repeated value is a lookup):
    # the problem must still be reported on every row, and equal keys of different types
    # (1, 1.0 and True) must not share an answer.
    bad = ("", "Phạm Văn Một", "", "Không rõ", "Đảng viên", "", "CB1", "", "", "13/2025")
    people = [(f"DV90{i}", *bad[1:]) for i in range(3)] + [
        ("DV910", "Phạm Văn Hai", "", "", "Quần chúng", 1, "CB1", "", "", ""),
        ("DV911", "Phạm Văn Ba", "", "", "Quần chúng", True, "CB1", "", "", ""),
        ("DV912", "Phạm Văn Bốn", "", "", "Quần chúng", 1.0, "CB1", "", "", ""),
    ]
    result = run(tree.admin_user, people=people)
    for row in (2, 3, 4):
        assert {(s, c) for s, r, c in where(result) if r == row} == {
            ("Nhân sự", "Giới tính"),
            ("Nhân sự", "Tình trạng"),
            ("Nhân sự", "Sinh hoạt từ tháng"),
        }
    assert {r for _, r, _ in where(result)} == {2, 3, 4}
    result = run(tree.admin_user, people=people[3:])
    assert result.ok, result.problems
    duties = dict(Person.objects.filter(code__startswith="DV91").values_list("code", "duty"))
    assert duties == {"DV910": "1", "DV911": "Có", "DV912": "1"}


def test_it_lists_the_problems_in_sheet_row_and_column_order(tree):
    people = [("DV301", "", "", "", "", "", "CB1", "", "", "")]
    units = [("CBQ", "Chi bộ Q", "Chi bộ", "DBSA")]
    result = run(tree.admin_user, units, people)
    assert [(p.sheet, p.row, p.column) for p in result.problems] == [
        ("Tổ chức đảng", 2, "Loại"),
        ("Nhân sự", 2, "Họ và tên"),
        ("Nhân sự", 2, "Tình trạng"),
    ]


def test_it_refuses_a_person_whose_cell_is_not_a_chi_bo(tree):
    row = ("DV301", "Đỗ Văn Tư", "", "", "Quần chúng", "", "DBSA", "", "", "")
    result = run(tree.admin_user, people=[row])
    assert where(result) == {("Nhân sự", 2, "Mã chi bộ")}
    assert "không phải chi bộ" in result.problems[0].message


def test_it_refuses_units_under_a_chi_bo(tree):
    result = run(tree.admin_user, [("TD1", "Tổ đảng 1", "Chi bộ trực thuộc", "CB1")])
    assert where(result) == {("Tổ chức đảng", 2, "Mã đơn vị cấp trên")}


def test_it_reports_a_cycle_of_parents(tree):
    units = [
        ("A1", "Đảng bộ A1", "Đảng bộ bộ phận", "A2"),
        ("A2", "Đảng bộ A2", "Đảng bộ bộ phận", "A1"),
    ]
    result = run(tree.admin_user, units)
    assert where(result) == {
        ("Tổ chức đảng", 2, "Mã đơn vị cấp trên"),
        ("Tổ chức đảng", 3, "Mã đơn vị cấp trên"),
    }
    assert "vòng lặp" in result.problems[0].message
    assert not OrgUnit.objects.filter(code__in=["A1", "A2"]).exists()


def test_it_refuses_to_move_a_unit_to_another_parent(tree):
    result = run(tree.admin_user, [("CB1", "Chi bộ Phòng 1", "Chi bộ trực thuộc", "DBK")])
    assert "chưa hỗ trợ chuyển đơn vị sang cấp trên khác" in result.problems[0].message


def test_it_refuses_to_turn_a_chi_bo_with_members_into_a_dang_bo(tree):
    result = run(tree.admin_user, [("CB1", "Chi bộ Phòng 1", "Đảng bộ bộ phận", "DBSA")])
    assert where(result) == {("Tổ chức đảng", 2, "Loại")}
    assert "đang có 3 người sinh hoạt" in result.problems[0].message


def test_it_refuses_a_new_root_unless_the_actor_is_a_superuser(tree):
    root = [("TINH", "Đảng bộ tỉnh", "Đảng bộ tỉnh, thành phố", "")]
    assert where(run(tree.admin_user, root)) == {("Tổ chức đảng", 2, "Mã đơn vị cấp trên")}
    superuser = User.objects.create_superuser("hethong", password="mat-khau-dai-2025")
    assert run(superuser, root).ok
    unit = OrgUnit.objects.get(code="TINH")
    assert (unit.depth, unit.path, unit.parent) == (0, path_segment(unit.pk), None)


def test_an_admin_of_the_bloc_cannot_attach_units_under_a_unit_outside_their_subtree(tree):
    unit_create(code="DBT", name="Đảng bộ tỉnh khác", kind=UnitKind.PROVINCE, parent=None)
    before = snapshot()
    result = run(tree.admin_user, [("CBN", "Chi bộ ngoài", "Chi bộ cơ sở", "DBT")])
    assert where(result) == {("Tổ chức đảng", 2, "Mã đơn vị cấp trên")}
    assert "trong phạm vi đồng chí quản lý" in result.problems[0].message
    assert snapshot() == before


def test_an_admin_of_a_grassroots_unit_reaches_only_its_subtree(tree):
    admin = User.objects.create_user("quantri-so-a", password="mat-khau-dai-2025")
    role_grant(actor=None, user=admin, unit=tree.org, kind=RoleKind.ADMIN)
    people = [
        ("DV401", "Mai Văn Lộc", "", "", "Quần chúng", "", "CBB", "", "", ""),
        ("DV005", "Bùi Thị Lan", "", "", "Đảng viên chính thức", "", "CB1", "", "", ""),
        ("DV402", "Mai Văn Phúc", "", "", "Quần chúng", "", "CB2", "", "", ""),
    ]
    units = [("CBB", "Chi bộ cơ sở B đổi tên", "Chi bộ cơ sở", "")]
    result = run(admin, units, people)
    assert where(result) == {
        ("Tổ chức đảng", 2, "Mã đơn vị"),  # an existing unit outside the subtree
        ("Nhân sự", 2, "Mã chi bộ"),  # a cell outside the subtree
        ("Nhân sự", 3, "Mã định danh"),  # a person outside the subtree
    }
    assert not Person.objects.filter(code="DV402").exists()


def test_it_refuses_an_actor_without_the_roster_capability(tree):
    with pytest.raises(DomainError):
        run(tree.committee_user, UNITS)


def test_it_stores_names_typed_in_nfd_as_nfc(tree):
    name = unicodedata.normalize("NFD", "  Nguyễn   Thị Hoà ")
    unit = unicodedata.normalize("NFD", "Chi bộ Phòng Tổng hợp")
    row = ("DV501", name, "", "", "Quần chúng", "", "CBNFD", "", "", "")
    assert run(tree.admin_user, [("CBNFD", unit, "Chi bộ trực thuộc", "DBSA")], [row]).ok
    person = Person.objects.get(code="DV501")
    assert person.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hoà")
    assert person.search_key == "nguyen thi hoa"
    assert OrgUnit.objects.get(code="CBNFD").name == unicodedata.normalize("NFC", unit)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("danh-sach.csv", b"ma,ten\n", "không phải tệp Excel .xlsx"),
        ("danh-sach.xls", b"\xd0\xcf\x11\xe0", "Excel 97–2003 (.xls)"),
        ("danh-sach.xlsx", b"khong phai tep excel", "Không đọc được tệp"),
        ("danh-sach.xlsx", b"PK\x03\x04" + b"\x00" * 200, "Không đọc được tệp"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_readable_xlsx(tree, name, content, expected):
    result = roster_import(actor=tree.admin_user, file=BytesIO(content), file_name=name)
    assert len(result.problems) == 1 and expected in result.problems[0].message


def _workbook(sheets: dict[str, list[list]]) -> BytesIO:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_it_reports_a_missing_sheet_and_a_missing_header_column(tree):
    file = _workbook({"Tổ chức đảng": [["Mã đơn vị", "Loại"]]})
    result = roster_import(actor=tree.admin_user, file=file, file_name="thieu.xlsx")
    assert where(result) == {("Tổ chức đảng", 1, "Tên tổ chức đảng"), ("Nhân sự", None, "")}
    messages = {p.sheet: p.message for p in result.problems}
    assert messages["Nhân sự"].startswith("Tệp thiếu trang “Nhân sự”.")
    assert messages["Tổ chức đảng"].startswith("thiếu cột này ở dòng tiêu đề")


def test_it_takes_a_wholly_empty_sheet_as_no_data(tree):
    file = _workbook(
        {
            "Tổ chức đảng": [],
            "Nhân sự": [
                ["Mã định danh", "Họ và tên", "Tình trạng", "Mã chi bộ"],
                ["DV801", "Đào Văn Tám", "Quần chúng", "CB1"],
            ],
        }
    )
    result = roster_import(actor=tree.admin_user, file=file, file_name="chi-nhan-su.xlsx")
    assert result.ok, result.problems
    assert Person.objects.get(code="DV801").cell == tree.cell


def test_it_matches_sheet_names_and_headers_without_case_or_diacritics(tree):
    file = _workbook(
        {
            "TO CHUC": [
                ["ma don vi", "TEN TO CHUC DANG*", "loai", "Ma don vi cap tren"],
                ["CBH", "Chi bộ H", "chi bo truc thuoc", "DBSA"],
            ],
            "nhan su": [
                ["MA DINH DANH", "Họ tên", "tinh trang", "ma chi bo"],
                [12345678, "Hà Văn Hiếu", "Chính thức", "CBH"],
            ],
        }
    )
    result = roster_import(actor=tree.admin_user, file=file, file_name="khac-mau.xlsx")
    assert result.ok, result.problems
    # A number typed in the id column is kept as its digits.
    assert Person.objects.get(code="12345678").cell.code == "CBH"


def test_it_reads_a_file_saved_by_excel_with_shared_strings(tree):
    data = excel_saved(build_template(UNITS, PEOPLE))
    assert b"sharedStrings.xml" in data and b"inlineStr" not in zipfile.ZipFile(BytesIO(data)).read(
        "xl/worksheets/sheet2.xml"
    )
    result = roster_import(actor=tree.admin_user, file=BytesIO(data), file_name="excel.xlsx")
    assert result.ok, result.problems
    hoa = Person.objects.get(code="DV101")
    assert (hoa.full_name, hoa.cell.code, hoa.birth_date) == (
        "Nguyễn Thị Hoa",
        "CBSB1",
        date(1980, 3, 5),
    )
    assert Person.objects.get(code="DV102").birth_date == date(1990, 7, 1)  # a date cell


def _with_sheet_xml(data: bytes, sheet: str, edit) -> BytesIO:
    src, out = zipfile.ZipFile(BytesIO(data)), BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            dst.writestr(item, edit(body) if item.filename == sheet else body)
    out.seek(0)
    return out


def test_it_reads_rich_text_numbers_formulas_and_cells_without_references(tree):
    """Cells as other programs write them: a name in rich-text runs with a phonetic hint (not
    part of the text), a phone typed as a number, a formula's cached text, a row whose cells
    carry no reference (each follows the previous one), and columns past the header."""

    def edit(xml: bytes) -> bytes:
        xml = re.sub(
            rb'<c r="B2" t="inlineStr">.*?</c>',
            '<c r="B2" t="inlineStr"><is><r><t xml:space="preserve">Nguyễn </t></r>'
            '<r><rPr><b/></rPr><t>Thị Hoa</t></r><rPh sb="0" eb="1"><t>nhầm</t></rPh>'
            "</is></c>".encode(),
            xml,
        )
        xml = xml.replace(
            b'<c r="I2" t="inlineStr"><is><t>0912 345 678</t></is></c>',
            b'<c r="I2"><v>912345678</v></c>',
        )
        xml = xml.replace(
            b'<c r="F4" t="inlineStr"><is><t>Chuy&#234;n vi&#234;n</t></is></c>',
            b'<c r="F4" t="str"><f>"Chuy&#234;n "&amp;"vi&#234;n"</f><v>Chuy&#234;n vi&#234;n</v>'
            b'</c><c r="AH4" t="inlineStr"><is><t>ngo&#224;i c&#225;c c&#7897;t</t></is></c>',
        )
        row3 = re.search(rb'<row r="3">.*?</row>', xml)[0]
        return xml.replace(row3, re.sub(rb' r="[A-Z]+3"', b"", row3))

    data = build_template(UNITS, PEOPLE)
    file = _with_sheet_xml(data, "xl/worksheets/sheet2.xml", edit)
    result = roster_import(actor=tree.admin_user, file=file, file_name="nhieu-kieu.xlsx")
    assert result.ok, result.problems
    hoa, bao, cuc = Person.objects.filter(code__in=["DV101", "DV102", "DV103"]).order_by("code")
    assert (hoa.full_name, hoa.phone) == ("Nguyễn Thị Hoa", "912345678")
    assert (bao.full_name, bao.birth_date, bao.cell.code) == (
        "Trần Văn Bảo",
        date(1990, 7, 1),
        "CBSB1",
    )
    assert cuc.duty == "Chuyên viên"


def test_it_imports_a_generated_roster_of_two_thousand_rows(tree, django_assert_max_num_queries):
    cells = [(f"CBG{i:02d}", f"Chi bộ số {i}", "Chi bộ trực thuộc", "DBSA") for i in range(40)]
    people = [
        (
            f"G{i:05d}",
            f"Nguyễn Văn Số {i}",
            "01/01/1980",
            "Nam",
            "Đảng viên chính thức",
            "Chuyên viên",
            f"CBG{i % 40:02d}",
            "",
            "",
            "01/2025",
        )
        for i in range(2000)
    ]
    file = xlsx(cells, people)
    rebuild_year(THIS_MONTH.year)
    # Bulk writes: about 60 queries in all (a per-row save would take thousands), and one
    # pass over the stored codes of each sheet for the codes that differ only in case; the
    # people's INSERTs are split by SQLite's parameter limit, so each column of Person adds a few.
    with django_assert_max_num_queries(85):
        result = roster_import(actor=tree.admin_user, file=file, file_name="lon.xlsx")
    assert result.ok and result.people.created == 2000 and result.units.created == 40
    assert Membership.objects.filter(unit__code__startswith="CBG").count() == 2000
    assert CellMonthStat.objects.get(unit__code="CBG07", month=THIS_MONTH).members == 50
