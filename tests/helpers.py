"""Steps the browser tests share."""

from __future__ import annotations

from lamtheo.tests.helpers import PASSWORD


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(f"{base}/")
