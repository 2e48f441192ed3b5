"""A new cell starts working, in a real browser: the administrator imports it with its
secretary (“Vai trò” = Bí thư) and two members, issues their accounts from the import's done
page and downloads the slips; the secretary logs in with her one-time code, sets a password
and is asked for nothing more; a member logs in for the first time, registers and submits;
the secretary reviews the registration from her queue and accepts it."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from docx import Document

from lamtheo.people.imports import build_template
from lamtheo.pledges.models import Pledge, PledgeStatus
from tests.helpers import log_in_with_second_step

pytestmark = pytest.mark.browser

UNITS = [("CBMOI", "Chi bộ Phòng Khám bệnh", "Chi bộ trực thuộc", "DBSA")]
PEOPLE = [
    # code, name, birth, sex, status, duty, cell, e-mail, phone, from, joined, full, card, id, roles
    ("DV801", "Trịnh Thị Hạnh", "12/04/1978", "Nữ", "Đảng viên chính thức", "Trưởng khoa",
     "CBMOI", "", "", "", "03/02/2005", "03/02/2006", "080001234", "001178001234", "Bí thư"),
    ("DV802", "Quách Văn Phúc", "", "Nam", "Đảng viên chính thức", "Bác sĩ", "CBMOI", "", "",
     "", "", "", "", "", ""),
    ("DV803", "Ông Thị Lành", "", "Nữ", "Đảng viên dự bị", "Điều dưỡng", "CBMOI", "", "", "",
     "", "", "", "", ""),
]  # fmt: skip


def slip_code(path, username: str) -> str:
    doc = Document(path)
    text = "\n".join(
        p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs
    )
    block = text[text.index(f"Tên đăng nhập: {username}") :]
    return re.search(r"Mã dùng một lần: (\w+)", block).group(1)


def first_log_in(page, base: str, username: str, code: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username.upper())  # the code as printed: any case will do
    page.fill("#id_password", code)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(f"{base}/tai-khoan/dat-mat-khau/")
    page.fill("#id_new_password1", password)
    page.fill("#id_new_password2", password)
    page.click("button:has-text('Lưu mật khẩu mới')")
    page.wait_for_url(f"{base}/")


def test_a_new_cell_is_imported_staffed_and_working(
    transactional_db, tree, live_server, browser_page, shots, tmp_path
):
    page, base = browser_page, live_server.url
    year = timezone.localdate().year
    roster = tmp_path / "chi-bo-moi.xlsx"
    roster.write_bytes(build_template(UNITS, PEOPLE))

    # The administrator imports the cell with its secretary and members.
    log_in_with_second_step(page, base, "quantri")
    page.goto(f"{base}/nhan-su/nhap/")
    page.set_input_files("input[type=file]", str(roster))
    page.click("button:has-text('Kiểm tra và nhập')")
    page.wait_for_selector("text=Đã nhập xong danh sách")
    assert "Đã giao 1 vai trò" in page.content()
    shots(page, "new-cell-imported")

    # … issues the accounts of exactly those people and downloads the slips.
    page.click("text=Cấp tài khoản cho 3 người vừa nhập")
    assert "Cấp tài khoản cho 3 người vừa nhập?" in page.content()
    shots(page, "new-cell-accounts-check")
    page.click("button:has-text('Cấp tài khoản cho 3 người')")
    assert "Đã cấp mã đăng nhập cho 3 người" in page.content()
    with page.expect_download() as download:
        page.click("text=Tải phiếu tài khoản")
    slips = tmp_path / "phieu.docx"
    download.value.save_as(slips)
    codes = {u: slip_code(slips, u) for u in ("dv801", "dv802", "dv803")}

    # The secretary logs in with her code, sets a password and is asked for nothing more
    # (a cell's secretary is not required to use two-factor sign-in).
    first_log_in(page, base, "dv801", codes["dv801"], "Hanh-chi-bo-2026")
    shots(page, "new-cell-secretary-home")
    page.goto(f"{base}/so-tay/cho-xem-xet/")
    assert page.url == f"{base}/so-tay/cho-xem-xet/"

    # A member logs in for the first time and registers.
    first_log_in(page, base, "dv802", codes["dv802"], "Phuc-bac-si-2026")
    page.click(f"a[href='/dang-ky/{year}/sua/']")
    page.fill(
        "#id_items-0-text",
        "Khám và tư vấn đúng quy trình cho 100% người bệnh được phân công, không để người "
        "bệnh chờ quá 30 phút",
    )
    shots(page, "new-cell-member-registration")
    page.click("button[name=review]")
    page.wait_for_url(f"{base}/dang-ky/{year}/kiem-tra/")
    page.click("button:has-text('Nộp bản đăng ký')")
    page.wait_for_url(f"{base}/dang-ky/{year}/da-nop/")

    # The secretary reviews it from her queue and accepts it.
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "dv801")
    page.fill("#id_password", "Hanh-chi-bo-2026")
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/so-tay/cho-xem-xet/")
    assert "Quách Văn Phúc" in page.content()
    shots(page, "new-cell-secretary-queue")
    page.click("text=Quách Văn Phúc")
    page.click("button[value=accept]")
    page.click("button:has-text('Xác nhận thông qua')")
    page.wait_for_url(f"{base}/so-tay/cho-xem-xet/")
    shots(page, "new-cell-accepted")
    pledge = Pledge.objects.get(person__code="DV802", year=year)
    assert pledge.status == PledgeStatus.ACCEPTED
