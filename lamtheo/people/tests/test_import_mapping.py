"""The column mapping: a roster laid out otherwise than the template (an export of the
national member database) is kept on the server; the administrator confirms which column is
which, then the usual check and all-or-nothing import run, without a second upload."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from lamtheo.core.models import StoredFile
from lamtheo.people.models import Person
from lamtheo.tests.helpers import sign_in

PAGE = reverse("people:import")
HEADER = [
    "STT",
    "Họ và tên",
    "Mã đảng viên",
    "Ngày tháng năm sinh",
    "Số CCCD",
    "Ngày kết nạp",
    "Ngày công nhận chính thức",
    "Loại đảng viên",
    "Mã chi bộ",
    "Quê quán",
]
ROWS = [
    [1, "Cao Thị Nguyệt", "DV901", "04/05/1981", "001181004321", "12/10/2008", "12/10/2009",
     "Chính thức", "CB1", "Khánh Hòa"],
    [2, "La Văn Thắng", "DV902", "", "", "", "", "Dự bị", "CB1", "Phú Yên"],
]  # fmt: skip


def national_file(header=HEADER, rows=ROWS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách đảng viên"
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("xuat-tu-csdl.xlsx", out.getvalue())


def guessed(response) -> dict[str, str]:
    form = response.context["form"]
    return {name: form[name].value() for name in form.fields}


def test_a_roster_laid_out_otherwise_asks_which_column_is_which(tree, login):
    client = login(tree.admin_user)
    response = client.post(PAGE, {"file": national_file()})
    assert response.status_code == 302 and "/nhap/ghep-cot/" in response["Location"]
    assert not Person.objects.filter(code="DV901").exists()
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "Ghép các cột của tệp" in text and "Danh sách đảng viên" in text
    assert "Cao Thị Nguyệt" in text  # the first values, to recognise each column
    assert guessed(page) == {
        "col_0": "",  # STT: left out
        "col_1": "full_name",
        "col_2": "code",
        "col_3": "birth_date",
        "col_4": "citizen_id",
        "col_5": "joined_on",
        "col_6": "full_member_on",
        "col_7": "status",
        "col_8": "cell",
        "col_9": "",  # Quê quán: nothing of Lamtheo
    }


def test_the_confirmed_mapping_imports_the_kept_file(tree, login):
    client = login(tree.admin_user)
    url = client.post(PAGE, {"file": national_file()})["Location"]
    choices = guessed(client.get(url))
    response = client.post(url, choices)
    assert response.status_code == 200
    assert "Đã nhập xong danh sách" in response.content.decode()
    nguyet = Person.objects.get(code="DV901")
    assert (nguyet.full_name, nguyet.cell.code, nguyet.citizen_id, nguyet.full_member_on) == (
        "Cao Thị Nguyệt",
        "CB1",
        "001181004321",
        date(2009, 10, 12),
    )
    assert Person.objects.get(code="DV902").status == "probationary"
    # Imported: the roster (identity numbers among its columns) is no longer kept.
    assert not StoredFile.objects.exists()
    assert client.get(url).status_code == 404


def test_each_field_once_and_every_required_field_chosen(tree, login):
    client = login(tree.admin_user)
    url = client.post(PAGE, {"file": national_file()})["Location"]
    choices = guessed(client.get(url)) | {"col_8": "", "col_9": "full_name"}
    text = client.post(url, choices).content.decode()
    assert "“Họ và tên” được chọn cho 2 cột (B, J); mỗi trường chỉ lấy từ một cột." in text
    assert "Chưa chọn cột nào cho “Mã chi bộ” (bắt buộc)." in text
    assert not Person.objects.filter(code="DV901").exists()


def test_a_mapped_file_with_errors_reports_them_all_and_writes_nothing(tree, login):
    client = login(tree.admin_user)
    rows = [ROWS[0][:4] + ["12345", *ROWS[0][5:]], ROWS[1][:8] + ["KHONGCO", "Phú Yên"]]
    url = client.post(PAGE, {"file": national_file(rows=rows)})["Location"]
    choices = guessed(client.get(url))
    for _ in range(2):  # again, without uploading the file again
        response = client.post(url, choices)
        text = response.content.decode()
        assert "Chưa có gì được ghi" in text
        problems = [(p.row, p.column) for p in response.context["problems"]]
        assert problems == [(2, "Số CCCD"), (3, "Mã chi bộ")]
    assert not Person.objects.filter(code__in=["DV901", "DV902"]).exists()


def test_the_kept_file_is_its_uploaders_only(tree, login):
    url = login(tree.admin_user).post(PAGE, {"file": national_file()})["Location"]
    assert sign_in(Client(), tree.committee_user).get(url).status_code == 404
    assert login(tree.admin_user).get(url.replace("ghep-cot/", "ghep-cot/0")).status_code == 404


def test_the_template_is_read_without_asking(tree, login):
    from lamtheo.people.imports import build_template

    people = [("DV911", "Võ Văn Hiền", "", "", "Đảng viên chính thức", "", "CB1", "", "", "")]
    upload = SimpleUploadedFile("mau.xlsx", build_template((), people))
    response = login(tree.admin_user).post(PAGE, {"file": upload})
    assert response.status_code == 200 and Person.objects.filter(code="DV911").exists()
