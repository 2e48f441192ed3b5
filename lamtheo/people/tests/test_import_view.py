"""The upload page /nhan-su/nhap/ and the template download."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.orgs.models import OrgUnit
from lamtheo.people.imports import build_template
from lamtheo.people.models import Person

PAGE = reverse("people:import")
TEMPLATE = reverse("people:import_template")
UNITS = [("CBM", "Chi bộ Phòng Mới", "Chi bộ trực thuộc", "DBSA")]
PEOPLE = [("DV601", "Đinh Văn Tâm", "", "Nam", "Đảng viên chính thức", "", "CBM", "", "", "")]


def upload(units=(), people=(), name="danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, build_template(units, people))


@pytest.mark.parametrize("url", [PAGE, TEMPLATE])
def test_it_sends_an_anonymous_visitor_to_the_login_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "who", ["committee_user", "member_user", "secretary_user", "propaganda_user"]
)
@pytest.mark.parametrize("url", [PAGE, TEMPLATE])
def test_it_answers_404_to_anyone_without_the_roster_capability(tree, login, who, url):
    assert login(getattr(tree, who)).get(url).status_code == 404


def test_it_refuses_an_upload_from_the_committee_member(tree, login):
    response = login(tree.committee_user).post(PAGE, {"file": upload(UNITS)})
    assert response.status_code == 404
    assert not OrgUnit.objects.filter(code="CBM").exists()


def test_it_shows_the_admin_the_explanation_the_template_link_and_the_form(tree, login):
    response = login(tree.admin_user).get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{TEMPLATE}"' in page and 'enctype="multipart/form-data"' in page
    assert "không ghi gì cả" in page


def test_the_template_has_both_sheets_a_guide_bold_frozen_headers_and_lists(tree, login):
    response = login(tree.admin_user).get(TEMPLATE)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames[:3] == ["Tổ chức đảng", "Nhân sự", "Hướng dẫn"]
    people = wb["Nhân sự"]
    assert [c.value for c in people[1]][:2] == ["Mã định danh*", "Họ và tên*"]
    assert people["A1"].font.b and people.freeze_panes == "A2"
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in people.data_validations.dataValidation
    }
    assert set(lists) == {"D2", "E2"}  # gender, status
    assert lists["E2"] == "'Danh mục'!$B$2:$B$4"
    units = wb["Tổ chức đảng"].data_validations.dataValidation
    assert [str(dv.sqref).split(":")[0] for dv in units] == ["C2"]  # kind
    guide = " ".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "Sinh hoạt từ tháng" in guide and "tài khoản được cấp ở bước sau" in guide


def test_it_imports_a_valid_file_and_says_what_happens_next(tree, login):
    response = login(tree.admin_user).post(PAGE, {"file": upload(UNITS, PEOPLE)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã nhập xong danh sách" in page and "Cấp tài khoản cho 1 người vừa nhập" in page
    assert Person.objects.get(code="DV601").cell.code == "CBM"


def test_it_reports_each_bad_row_in_a_table_and_writes_nothing(tree, login):
    people = [
        *PEOPLE,
        ("DV602", "Đinh Văn Tín", "31/02/1980", "", "Đảng viên", "", "CBM", "", "", ""),
    ]
    response = login(tree.admin_user).post(PAGE, {"file": upload(UNITS, people)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tệp “danh-sach.xlsx” có 2 lỗi" in page
    # The row's two problems are grouped under it: the sheet and row once, then each column.
    assert "2 lỗi ở 1 dòng" in page
    assert (
        '<td rowspan="2" data-label="Trang">Nhân sự</td><td rowspan="2" class="num" '
        'data-label="Dòng">3</td><td data-label="Cột">Ngày sinh</td>'
    ) in page
    assert '<tr><td data-label="Cột">Tình trạng</td>' in page
    assert "“31/02/1980” không phải ngày hợp lệ (dd/mm/yyyy)." in page
    assert "Chưa có gì được ghi vào phần mềm" in page
    assert not OrgUnit.objects.filter(code="CBM").exists()
    assert not Person.objects.filter(code="DV601").exists()


def test_it_asks_for_a_file_when_none_is_chosen(tree, login):
    response = login(tree.admin_user).post(PAGE, {})
    assert "Vui lòng chọn tệp .xlsx để nhập." in response.content.decode()


def test_it_explains_that_a_file_that_is_not_xlsx_cannot_be_read(tree, login):
    file = SimpleUploadedFile("danh-sach.docx", b"PK\x03\x04 khong phai bang tinh")
    page = login(tree.admin_user).post(PAGE, {"file": file}).content.decode()
    assert "không phải tệp Excel .xlsx" in page and "error-summary" in page
