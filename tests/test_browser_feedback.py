"""A visitor sends a report (phản ánh) in a real browser: the form with its challenge (the
test mode answers "PASSED"), the check page, "Gửi phản ánh", the confirmation with the codes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lamtheo.inspections.feedback.models import FeedbackReport

pytestmark = pytest.mark.browser


def test_a_visitor_checks_then_sends_a_report(transactional_db, tree, live_server, browser_page,
                                              shots):  # fmt: skip
    page, base = browser_page, live_server.url
    page.goto(f"{base}/phan-anh/?q=phong 1")
    page.click(f"a[href='/phan-anh/gui/{tree.cell.code}/']")
    page.fill("#id_what", "Cán bộ một cửa hẹn người dân quay lại nhiều lần không rõ lý do.")
    page.fill("#id_happened_on", timezone.localdate().strftime("%d/%m/%Y"))
    page.fill("#id_contact_name", "Trần Văn Dân")
    page.fill("#id_contact_phone", "0912345678")
    page.fill("#id_challenge_1", "PASSED")
    shots(page, "feedback-form")
    page.click("button:has-text('Tiếp tục')")
    page.wait_for_selector("h1:has-text('Kiểm tra lại trước khi gửi')")
    assert "Trần Văn Dân" in page.content() and not FeedbackReport.objects.exists()
    shots(page, "feedback-check")
    page.click("button:has-text('Gửi phản ánh')")
    page.wait_for_url(f"{base}/phan-anh/da-gui/")
    report = FeedbackReport.objects.get()
    assert report.reference in page.content() and "Mã bí mật" in page.content()
    shots(page, "feedback-sent")
