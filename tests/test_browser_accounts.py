"""Accounts in a real browser: the administrator issues accounts for a cell and downloads the
slips; a member logs in with the one-time code from the slip, is asked for a new password
first, and is then asked for nothing more."""

from __future__ import annotations

import re

import pytest
from docx import Document

from tests.helpers import log_in_with_second_step

pytestmark = pytest.mark.browser


def slip_code(path, username: str) -> str:
    text = "\n".join(
        p.text for t in Document(path).tables for c in t.rows[0].cells for p in c.paragraphs
    )
    block = text[text.index(f"Tên đăng nhập: {username}") :]
    return re.search(r"Mã dùng một lần: (\w+)", block).group(1)


def test_an_administrator_issues_accounts_and_a_member_logs_in_with_the_code(
    transactional_db, tree, live_server, browser_page, shots, tmp_path
):
    page, base = browser_page, live_server.url
    log_in_with_second_step(page, base, "quantri")
    page.click("nav >> text=Quản lý tài khoản")
    page.click("text=Tài khoản của cán bộ, đảng viên")
    page.goto(f"{base}/tai-khoan/to-chuc/{tree.cell.code}/")
    shots(page, "accounts-of-a-cell")
    page.click("text=Cấp tài khoản cho 1 người chưa có")
    assert "Cấp tài khoản cho 1 người của Chi bộ Phòng 1?" in page.content()
    shots(page, "accounts-check")
    page.click("button:has-text('Cấp tài khoản cho 1 người')")
    assert "Đã cấp mã đăng nhập cho 1 người" in page.content()
    shots(page, "accounts-issued")
    with page.expect_download() as download:
        page.click("text=Tải phiếu tài khoản")
    slips = tmp_path / "phieu.docx"
    download.value.save_as(slips)
    code = slip_code(slips, "dv004")

    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "dv004")
    page.fill("#id_password", code)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(f"{base}/tai-khoan/dat-mat-khau/")
    shots(page, "first-log-in-set-password")
    page.goto(f"{base}/so-tay/")
    assert page.url == f"{base}/tai-khoan/dat-mat-khau/"
    page.fill("#id_new_password1", "Hoa-sen-no-2026")
    page.fill("#id_new_password2", "Hoa-sen-no-2026")
    page.click("button:has-text('Lưu mật khẩu mới')")
    page.wait_for_url(f"{base}/")
    assert "Đã đặt mật khẩu mới" in page.content()
    shots(page, "first-log-in-home")
