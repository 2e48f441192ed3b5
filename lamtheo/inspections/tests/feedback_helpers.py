"""Feedback reports for tests, created through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lamtheo.inspections.feedback import services
from lamtheo.inspections.feedback.models import FeedbackReport


def report_data(unit, **overrides) -> services.FeedbackInput:
    values = {
        "unit": unit,
        "what": "Cán bộ bộ phận một cửa có thái độ hách dịch, bắt người dân chờ cả buổi.",
        "happened_on": timezone.localdate() - timedelta(days=3),
        "contact_name": "Trần Văn Dân",
        "contact_phone": "0912345678",
        "contact_email": "dan@vidu.vn",
    }
    values.update(overrides)
    return services.FeedbackInput(**values)


def a_report(unit, sender=None, **overrides) -> tuple[FeedbackReport, str]:
    return services.feedback_submit(sender=sender, data=report_data(unit, **overrides))


def accepted(actor, report, note: str = "") -> FeedbackReport:
    return services.feedback_accept(actor=actor, report=report, note=note, version=report.version)
