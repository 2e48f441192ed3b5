"""The "làm theo" loop in a real browser (headless Chromium driven by Playwright):
a member registers and submits a month, the secretary returns then accepts, and the
committee sees the figures change. Screenshots go to the folder printed at the start."""

from __future__ import annotations

import re

import pytest

from lamtheo.core.periods import add_months, month_start
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_member_secretary_and_committee_walk_the_loop(
    transactional_db, tree, live_server, browser_page, shots
):
    page, base = browser_page, live_server.url
    from django.utils import timezone

    last_month = add_months(month_start(timezone.localdate()), -1)
    year = timezone.localdate().year
    slug = f"{last_month:%Y-%m}"

    # The member writes a registration; the checker flags the vague item while typing.
    log_in(page, base, "dv001")
    assert "Chuyên đề thử nghiệm" in page.content()
    shots(page, "member-home")
    page.click(f"a[href='/dang-ky/{year}/sua/']")
    page.fill("#id_items-0-text", "Nâng cao ý thức trách nhiệm")
    page.wait_for_selector(".quality-vague", timeout=5000)
    page.fill(
        "#id_items-0-text", "Giải quyết 100% hồ sơ kế hoạch đúng hạn, không để hồ sơ nào quá hạn"
    )
    page.fill("#id_items-1-text", "Tham gia đầy đủ 12 buổi sinh hoạt chi bộ trong năm")
    shots(page, "member-registration-form")
    page.click("button[name=review]")
    page.wait_for_url(f"{base}/dang-ky/{year}/kiem-tra/")
    shots(page, "member-registration-check")
    page.click("button:has-text('Nộp bản đăng ký')")
    page.wait_for_url(f"{base}/dang-ky/{year}/da-nop/")
    shots(page, "member-registration-done")

    # The secretary returns it with a comment.
    log_in(page, base, "dv002")
    page.click(f"a[href='/to-chuc/{tree.cell.code}/']")
    shots(page, "secretary-roster")
    page.click("text=Chờ xem xét")
    page.fill("#id_comment", "Đề nghị ghi rõ số hồ sơ phụ trách mỗi tháng")
    page.click("button[value=return]")
    page.wait_for_url(f"{base}/so-tay/cho-xem-xet/")  # on to what waits next: nothing
    assert "Đã trả lại" in page.content()

    # The member sees why, edits and submits again.
    log_in(page, base, "dv001")
    assert "Chi bộ trả lại" in page.content()
    page.click(f"a[href='/dang-ky/{year}/sua/']")
    page.fill("#id_items-0-target", "Khoảng 40 hồ sơ mỗi tháng")
    page.click("button[name=review]")
    page.click("button:has-text('Nộp bản đăng ký')")
    page.wait_for_url(f"{base}/dang-ky/{year}/da-nop/")

    # The secretary accepts.
    log_in(page, base, "dv002")
    page.goto(f"{base}/to-chuc/{tree.cell.code}/")
    page.click("text=Chờ xem xét")
    page.click("button[value=accept]")
    page.click("button:has-text('Xác nhận thông qua')")  # "Thông qua" asks once more
    page.wait_for_url(f"{base}/so-tay/cho-xem-xet/")  # nothing else waits for her
    assert "Đã thông qua" in page.content()

    # The committee member sees last month's submission rate before the member submits.
    log_in(page, base, "capuy")
    page.goto(f"{base}/thong-ke/{tree.org.code}/?thang={slug}")
    shots(page, "committee-dashboard-before")
    before = page.inner_text("dt:has-text('Tỷ lệ nộp sổ tay') + dd")

    # The member fills last month's handbook: one item per page, self-assessment, check, send.
    log_in(page, base, "dv001")
    page.goto(f"{base}/so-tay/{tree.member.pk}/{slug}/")
    shots(page, "member-handbook-tasks")
    page.click("ul.task-list li:first-child a")
    page.click("button:has-text('Lưu và tiếp tục')")  # nothing chosen: the error summary
    assert page.locator(".error-summary").is_visible()
    shots(page, "member-handbook-item-error")
    page.check("input[value=done]")
    page.fill("#id_note", "Đã giải quyết 38 hồ sơ, không hồ sơ nào quá hạn")
    page.click("button:has-text('Lưu và tiếp tục')")
    page.check("input[value=in_progress]")
    page.click("button:has-text('Lưu và tiếp tục')")
    page.click("text=Tự đánh giá và tự xếp loại")
    page.fill("#id_self_assessment", "Hoàn thành nhiệm vụ được giao")
    page.check("input[value=good]")
    page.click("button:has-text('Lưu và kiểm tra lại')")
    shots(page, "member-handbook-check")
    page.click("button:has-text('Nộp sổ tay')")
    page.wait_for_url(re.compile(r".*/da-nop/$"))
    shots(page, "member-handbook-done")

    # The committee member sees the rate change.
    log_in(page, base, "capuy")
    page.goto(f"{base}/thong-ke/{tree.org.code}/?thang={slug}")
    after = page.inner_text("dt:has-text('Tỷ lệ nộp sổ tay') + dd")
    shots(page, "committee-dashboard-after")
    assert after != before
