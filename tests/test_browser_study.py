"""The study of the topic in a real browser: a committee member schedules a session, the
cell's secretary records attendance from their task list, and the participation rate on
the figures page changes. Same fixtures as tests/test_browser_flow.py (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_an_officer_schedules_the_secretary_records_and_the_rate_changes(
    transactional_db,
    tree,
    live_server,
    browser_page,
    shots,
):
    page, base = browser_page, live_server.url
    from django.utils import timezone

    today = timezone.localdate().strftime("%d/%m/%Y")

    # The committee member schedules a conference for the whole Đảng bộ Sở A, today.
    log_in(page, base, "capuy")
    page.click(f"a[href='/hoc-tap/{tree.org.code}/buoi-hoc/']")
    page.click("text=Lên lịch buổi học tập")
    page.click("button:has-text('Lên lịch')")  # nothing filled in: the error summary
    assert page.locator(".error-summary").is_visible()
    shots(page, "study-schedule-errors")
    page.fill("#id_title", "Hội nghị học tập, quán triệt chuyên đề")
    page.fill("#id_held_on", today)
    page.fill("#id_place", "Hội trường Sở A")
    page.click("button:has-text('Lên lịch')")
    page.wait_for_selector("h2#diem-danh")
    assert "0/2 chi bộ đã ghi điểm danh" in page.content()
    shots(page, "study-session")

    page.goto(f"{base}/hoc-tap/{tree.org.code}/ket-qua-hoc-tap/")
    before = page.inner_text("dt:has-text('Tỷ lệ đã học tập') + dd")
    shots(page, "study-figures-before")

    # The secretary finds the sheet on the task list and records the cell's attendance.
    log_in(page, base, "dv002")
    page.click("a:has-text('Hội nghị học tập, quán triệt chuyên đề')")
    shots(page, "study-attendance-empty")
    page.check(f"#id_p{tree.member.pk}-status_0")
    page.check(f"#id_p{tree.secretary.pk}-status_0")
    page.check(f"#id_p{tree.proxy_member.pk}-status_1")
    page.click("button:has-text('Lưu điểm danh')")  # an excused absence needs a reason
    assert page.locator(".error-summary").is_visible()
    page.fill(f"#id_p{tree.proxy_member.pk}-reason", "Đi công tác")
    page.click("button:has-text('Lưu điểm danh')")
    page.wait_for_selector("text=Đã lưu điểm danh")
    shots(page, "study-attendance-saved")

    # The committee member sees the participation rate change.
    log_in(page, base, "capuy")
    page.goto(f"{base}/hoc-tap/{tree.org.code}/ket-qua-hoc-tap/")
    after = page.inner_text("dt:has-text('Tỷ lệ đã học tập') + dd")
    shots(page, "study-figures-after")
    assert before != after and "2/4" in after
