"""The commission's queue and its notices: who is told of a new report and what they read."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from lamtheo.core.models import Notice
from lamtheo.inspections.feedback import selectors
from lamtheo.inspections.feedback.models import FeedbackReport
from lamtheo.inspections.tests.helpers import a_report, accepted
from lamtheo.tests.helpers import sign_in


def _aged(report, days: int):
    FeedbackReport.objects.filter(pk=report.pk).update(
        received_at=timezone.now() - timedelta(days=days)
    )
    return report


def test_the_receivers_are_told_of_a_new_report_without_the_sender(tree):
    report, _ = a_report(tree.cell)
    notice = Notice.objects.get(user=tree.committee_user)
    assert report.reference in notice.text and tree.cell.name in notice.text
    assert "Trần Văn Dân" not in notice.text and "0912345678" not in notice.text
    assert notice.url == reverse("inspections:feedback_report", args=[report.pk])


def test_the_queue_shows_new_first_or_oldest_first_and_hides_decided_ones(tree, handler):
    old = _aged(a_report(tree.cell)[0], 10)
    mid = _aged(a_report(tree.cell2)[0], 5)
    new = a_report(tree.cell)[0]
    decided = accepted(handler, a_report(tree.cell2)[0])
    assert list(selectors.queue(handler)) == [new, mid, old]
    assert list(selectors.queue(handler, oldest_first=True)) == [old, mid, new]
    assert decided in selectors.queue(handler, waiting_only=False)


def test_the_queue_page_orders_as_asked(tree, client, handler):
    old = _aged(a_report(tree.cell)[0], 10)
    new = a_report(tree.cell)[0]
    sign_in(client, handler)
    page = client.get(reverse("inspections:feedback_queue")).text
    assert page.index(new.reference) < page.index(old.reference)
    page = client.get(reverse("inspections:feedback_queue"), {"thu-tu": "cu-nhat"}).text
    assert page.index(old.reference) < page.index(new.reference)


def test_the_commission_sees_the_sender_and_the_anonymous_mark(tree, client, handler):
    named, _ = a_report(tree.cell)
    hidden, _ = a_report(tree.cell, anonymous=True)
    sign_in(client, handler)
    page = client.get(reverse("inspections:feedback_report", args=[named.pk])).text
    assert "Trần Văn Dân" in page and "0912345678" in page
    page = client.get(reverse("inspections:feedback_report", args=[hidden.pk])).text
    assert "Ẩn danh" in page and "Trần Văn Dân" not in page


def test_deciding_through_the_pages(tree, client, handler):
    report, _ = a_report(tree.cell)
    sign_in(client, handler)
    url = reverse("inspections:feedback_reject", args=[report.pk])
    refused = client.post(url, {"reason": "", "version": report.version})
    assert refused.status_code == 200 and "Ghi rõ lý do" in refused.text
    stale = client.post(url, {"reason": "Không thuộc phạm vi", "version": report.version + 5})
    assert stale.status_code == 200 and "vừa được người khác thay đổi" in stale.text
    done = client.post(url, {"reason": "Không thuộc phạm vi", "version": report.version})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.state == "rejected"
