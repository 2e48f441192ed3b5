"""Plans, inspections, findings and feedback reports for tests, created through the services."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lamtheo.demo.documents import docx_upload
from lamtheo.inspections import services
from lamtheo.inspections.feedback import services as feedback
from lamtheo.inspections.feedback.models import FeedbackReport
from lamtheo.inspections.models import (
    FindingCategory,
    FindingKind,
    Inspection,
    InspectionKind,
    InspectionPlan,
)


def today() -> date:
    return timezone.localdate()


def a_plan(actor, unit, year: int | None = None) -> InspectionPlan:
    year = year or today().year
    return services.plan_create(
        actor=actor, unit=unit, year=year, title=f"Kế hoạch kiểm tra, giám sát năm {year}"
    )


def inspection_data(unit, team, **overrides) -> services.InspectionInput:
    t = today()
    values = {
        "kind": InspectionKind.INSPECTION,
        "subject": "Việc viết bản đăng ký học tập và làm theo",
        "unit": unit,
        "period_start": date(t.year - 1, 1, 1),
        "period_end": t,
        "starts_on": t,
        "ends_on": t + timedelta(days=10),
        "team": list(team),
    }
    values.update(overrides)
    return services.InspectionInput(**values)


def an_inspection(actor, plan, unit, team, **overrides) -> Inspection:
    return services.inspection_create(
        actor=actor, plan=plan, data=inspection_data(unit, team, **overrides)
    )


def opened(actor, plan, unit, team, **overrides) -> Inspection:
    inspection = an_inspection(actor, plan, unit, team, **overrides)
    return services.inspection_open(actor=actor, inspection=inspection, version=inspection.version)


def shortcoming(
    actor, inspection, *, unit=None, person=None, days: int = 30, kind=FindingKind.SHORTCOMING
):
    return services.finding_add(
        actor=actor,
        inspection=inspection,
        data=services.FindingInput(
            kind=kind,
            text="Bản đăng ký của nhiều đảng viên còn chung chung",
            category=FindingCategory.objects.first(),
            remedy="Hướng dẫn đảng viên viết lại bản đăng ký cụ thể",
            responsible_unit=unit if unit is not None or person is not None else inspection.unit,
            responsible_person=person,
            deadline=today() + timedelta(days=days),
        ),
    )


def strength(actor, inspection):
    return services.finding_add(
        actor=actor,
        inspection=inspection,
        data=services.FindingInput(
            kind=FindingKind.STRENGTH, text="Chi bộ sinh hoạt đều đặn, có nội dung học tập"
        ),
    )


def concluded(actor, inspection) -> Inspection:
    return services.inspection_conclude(
        actor=actor,
        inspection=inspection,
        conclusion="Chi bộ cơ bản thực hiện tốt; còn một số hạn chế cần khắc phục.",
        concluded_on=today(),
        version=inspection.version,
    )


# --- feedback reports ---------------------------------------------------------------------


def report_data(unit, **overrides) -> feedback.FeedbackInput:
    values = {
        "unit": unit,
        "what": "Cán bộ bộ phận một cửa có thái độ hách dịch, bắt người dân chờ cả buổi.",
        "happened_on": timezone.localdate() - timedelta(days=3),
        "contact_name": "Trần Văn Dân",
        "contact_phone": "0912345678",
        "contact_email": "dan@vidu.vn",
    }
    values.update(overrides)
    return feedback.FeedbackInput(**values)


def a_report(unit, sender=None, **overrides) -> tuple[FeedbackReport, str]:
    return feedback.feedback_submit(sender=sender, data=report_data(unit, **overrides))


def accepted(actor, report, note: str = "") -> FeedbackReport:
    return feedback.feedback_accept(actor=actor, report=report, note=note, version=report.version)


def signed_draft(check_page) -> str:
    """The signed draft the feedback check page carries in its hidden field ("" if none)."""
    found = re.search(r'name="draft" value="([^"]*)"', check_page.content.decode())
    return found.group(1) if found else ""


def send_from_check(client, unit, values: dict, **extra):
    """Post the feedback form, then "Gửi phản ánh" on its check page; the form's own answer
    when it shows no check page (errors)."""
    check = client.post(reverse("feedback:send", args=[unit.code]), values, **extra)
    if check.status_code != 200 or "Kiểm tra lại trước khi gửi" not in check.content.decode():
        return check
    return client.post(
        reverse("feedback:confirm", args=[unit.code]),
        {"draft": signed_draft(check), "action": "send"},
        **extra,
    )


# --- the public feedback form, as a visitor fills it in --------------------------------


def feedback_values(**overrides) -> dict:
    """A visitor's valid form (the challenge answered in its test mode, settings_pytest)."""
    return {
        "what": "Cán bộ một cửa có thái độ hách dịch với người dân đến nộp hồ sơ.",
        "happened_on": (timezone.localdate() - timedelta(days=2)).strftime("%d/%m/%Y"),
        "contact_name": "Trần Văn Dân",
        "contact_phone": "0912345678",
        "challenge_0": "any",
        "challenge_1": "PASSED",
    } | overrides


def feedback_file(name: str = "pa.docx"):
    upload = docx_upload(name, "PHẢN ÁNH", "…")
    return SimpleUploadedFile(upload.name, upload.read())


def feedback_check(client, unit, **overrides):
    """Post the form: its check page (or the form again with its errors)."""
    return client.post(reverse("feedback:send", args=[unit.code]), feedback_values(**overrides))


def feedback_confirm(client, unit, draft: str, action: str = "send"):
    """A button of the check page: "send" (Gửi phản ánh) or "edit" (Sửa lại)."""
    return client.post(
        reverse("feedback:confirm", args=[unit.code]), {"draft": draft, "action": action}
    )
