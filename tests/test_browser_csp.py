"""The Content-Security-Policy in a real browser: Chromium reports no violation on the pages that
once had inline code (a form with errors, the dashboard's charts and bars, htmx's checker), and
what that code did still works: the error summary takes the focus, htmx checks an item while it
is typed, the chart image draws. Same fixtures as tests/test_browser_flow.py."""

from __future__ import annotations

import pytest

from lamtheo.core.periods import add_months, month_start
from lamtheo.pledges import services as pledges
from lamtheo.tests.helpers import fill
from tests.helpers import log_in

pytestmark = pytest.mark.browser

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""
SUMMARY_FOCUSED = "document.activeElement.hasAttribute('data-error-summary')"


def test_no_page_breaks_the_policy_and_what_was_inline_still_works(
    transactional_db, tree, live_server, browser_page
):
    page, base = browser_page, live_server.url
    from django.utils import timezone

    year = timezone.localdate().year
    last_month = add_months(month_start(timezone.localdate()), -1)
    slug = f"{last_month:%Y-%m}"
    # A member of the other cell has a registration and last month's handbook: the charts
    # have a point to draw.
    person = tree.outsider
    pledge = pledges.pledge_start(actor=person.user, person=person, year=last_month.year)
    item = pledges.ItemInput(area=tree.areas[0], text="Giải quyết 100% hồ sơ đúng hạn")
    pledges.pledge_save_items(
        actor=person.user, pledge=pledge, version=pledge.version, items=[item]
    )
    pledges.pledge_submit(actor=person.user, pledge=pledge, version=pledge.version)
    fill(person, last_month)
    violations: list[str] = []
    page.on(
        "console",
        lambda m: (
            violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "CSP violation" in m.text
            else None
        ),
    )
    page.add_init_script(REPORT_VIOLATIONS)

    # The member: htmx's checker flags a vague item; a form with errors focuses its summary.
    log_in(page, base, "dv001")
    page.goto(f"{base}/dang-ky/{year}/sua/")
    page.fill("#id_items-0-text", "Nâng cao ý thức trách nhiệm")
    page.wait_for_selector(".quality-vague", timeout=5000)
    page.fill("#id_items-0-text", "")
    page.click("button[name=review]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate(SUMMARY_FOCUSED)
    page.goto(f"{base}/so-tay/{tree.member.pk}/{slug}/")
    assert page.locator("h1").is_visible()

    # The committee: the dashboard's bars and chart image, the month-by-month chart, a
    # document form sent back with errors.
    log_in(page, base, "capuy")
    page.goto(f"{base}/thong-ke/{tree.org.code}/?thang={slug}")
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.meter").count() > 0
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") == 640
    page.goto(f"{base}/thong-ke/{tree.org.code}/theo-thang/?thang={slug}")
    assert page.locator("svg.chart circle").count() > 0
    page.goto(f"{base}/van-ban/so/{tree.org.code}/moi/")
    page.locator("main form button").last.click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate(SUMMARY_FOCUSED)

    assert not violations, "\n".join(violations)
