"""The secretary returns a registration with the checker's hints, in a real browser (headless
Chromium driven by Playwright), without any script of the page's own being needed: she sees
each item's verdict, opens "Trả lại kèm góp ý", edits the pre-filled comment and sends it;
the member sees it. Screenshots go to the folder printed at the start."""

from __future__ import annotations

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

VAGUE = "Nâng cao ý thức tu dưỡng, rèn luyện đạo đức"
SPECIFIC = "Lập sổ theo dõi hồ sơ kế hoạch của phòng, cập nhật vào thứ Sáu hằng tuần"


def test_the_secretary_returns_a_registration_with_the_hints(
    transactional_db, tree, live_server, browser_page, shots
):
    from django.utils import timezone

    from lamtheo.pledges import services
    from lamtheo.pledges.models import Pledge, PledgeStatus

    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 360, "height": 780})
    year = timezone.localdate().year
    user = tree.member_user
    pledge = services.pledge_start(actor=user, person=tree.member, year=year)
    services.pledge_save_items(
        actor=user,
        pledge=pledge,
        version=pledge.version,
        items=[services.ItemInput(area=tree.areas[0], text=t) for t in (SPECIFIC, VAGUE)],
    )
    services.pledge_submit(actor=user, pledge=pledge, version=pledge.version)

    # The secretary sees each item's verdict on the review page.
    log_in(page, base, "dv002")
    page.goto(f"{base}/dang-ky/xem-xet/{pledge.pk}/")
    assert page.inner_text(".verdict-specific .verdict-label") == "Cụ thể"
    assert page.inner_text(".verdict-vague .verdict-label") == "Chung chung"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the review page is {width} px wide at 360 px"
    shots(page, "secretary-review-verdicts-360")

    # "Trả lại kèm góp ý" opens the comment filled in with the hint of the vague item.
    page.click("text=Trả lại kèm góp ý")
    comment = page.input_value("#id_comment")
    assert comment.startswith(f"Việc “{VAGUE}”: còn chung chung.")
    assert SPECIFIC not in comment
    shots(page, "secretary-return-with-hints-360")
    page.fill("#id_comment", comment + "\nĐề nghị bổ sung thời hạn hoàn thành.")
    page.click("button:has-text('Gửi trả lại kèm góp ý')")
    page.wait_for_url(f"{base}/so-tay/cho-xem-xet/")
    assert "Đã trả lại bản đăng ký của" in page.content()
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.RETURNED

    # The member is told and sees the comment where she fixes the registration.
    log_in(page, base, "dv001")
    page.goto(f"{base}/thong-bao/")
    assert "trả lại để bổ sung" in page.content()
    page.goto(f"{base}/dang-ky/{year}/")
    note = page.inner_text(".returned-comment")
    assert VAGUE in note and "Đề nghị bổ sung thời hạn hoàn thành." in note
    shots(page, "member-sees-the-hints-360")
