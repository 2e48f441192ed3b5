"""The pages as a person uses them: plan → inspection → findings → check → conclusion →
remedy; the exports."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook

from lamtheo.core.dates import format_date
from lamtheo.core.form_tokens import new_token
from lamtheo.inspections.models import (
    Finding,
    FindingKind,
    Inspection,
    InspectionPlan,
    InspectionState,
    RemedyState,
)
from lamtheo.inspections.tests.helpers import a_plan, concluded, opened, shortcoming, today


def test_a_plan_posted_twice_is_made_once_and_exports_a_landscape_sheet(tree, client, login):
    login(tree.committee_user)
    token = new_token()
    url = reverse("inspections:plan_new", args=[tree.org.code])
    data = {"year": today().year, "title": "=Kế hoạch kiểm tra", "form_token": token}
    first = client.post(url, data)
    again = client.post(url, data)
    plan = InspectionPlan.objects.get()
    assert first.url == again.url == reverse("inspections:plan", args=[plan.pk])
    add = reverse("inspections:inspection_new", args=[plan.pk])
    answer = client.post(
        add,
        {
            "kind": "supervision_thematic",
            "subject": "Việc viết bản đăng ký học tập và làm theo",
            "unit": tree.cell.pk,
            "period_start": "01/01/2025",
            "period_end": format_date(today()),
            "starts_on": format_date(today()),
            "ends_on": format_date(today() + timedelta(days=5)),
            "team_codes": "DV003, capuy",
            "form_token": new_token(),
        },
    )
    inspection = Inspection.objects.get()
    assert answer.url == reverse("inspections:inspection", args=[inspection.pk])
    assert set(inspection.team.all()) == {tree.outsider.user, tree.committee_user}
    sheet_file = client.get(reverse("inspections:plan_export", args=[plan.pk]))
    book = load_workbook(BytesIO(sheet_file.content))
    sheet = book.active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$4:$4"
    assert sheet["A1"].value == "=Kế hoạch kiểm tra" and sheet["A1"].data_type == "s"
    assert sheet["B5"].value == "Giám sát chuyên đề"


def test_a_bad_team_code_is_said_not_crashed(tree, client, login):
    plan = a_plan(tree.committee_user, tree.org)
    login(tree.committee_user)
    page = client.post(
        reverse("inspections:inspection_new", args=[plan.pk]),
        {"kind": "inspection", "subject": "X", "unit": tree.cell.pk,
         "period_start": "01/01/2025", "period_end": "31/12/2025",
         "starts_on": format_date(today()), "ends_on": format_date(today()),
         "team_codes": "khong-co-ai"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "Không tìm thấy người có tài khoản" in page.content.decode()
    assert not Inspection.objects.exists()


def test_conclusion_goes_through_a_check_page_and_prints_as_docx(tree, client, login):
    plan = a_plan(tree.committee_user, tree.org)
    ins = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    shortcoming(tree.committee_user, ins)
    login(tree.committee_user)
    url = reverse("inspections:conclude", args=[ins.pk])
    data = {
        "conclusion": "Chi bộ cơ bản thực hiện tốt.",
        "concluded_on": format_date(today()),
        "version": ins.version,
    }
    check = client.post(url, data)
    assert "Kiểm tra trước khi kết luận" in check.content.decode()
    ins.refresh_from_db()
    assert ins.state == InspectionState.OPEN  # nothing concluded before the confirmation
    done = client.post(url, {**data, "confirmed": "1"})
    assert done.url == reverse("inspections:concluded", args=[ins.pk])
    ins.refresh_from_db()
    assert ins.state == InspectionState.CONCLUDED
    assert Finding.objects.get().remedy_state == RemedyState.OPEN
    docx = client.get(reverse("inspections:conclusion_file", args=[ins.pk]))
    assert "no-store" in docx["Cache-Control"]
    assert (
        "no-store" in client.get(reverse("inspections:inspection", args=[ins.pk]))["Cache-Control"]
    )
    text = "\n".join(p.text for p in Docx(BytesIO(docx.content)).paragraphs)
    assert "THÔNG BÁO" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" not in text  # it is in the table
    assert "kết luận kiểm tra đối với Chi bộ Phòng 1" in text
    assert "HẠN CHẾ, KHUYẾT ĐIỂM" in text and "YÊU CẦU KHẮC PHỤC" in text
    tables = Docx(BytesIO(docx.content)).tables
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in tables[0].rows[0].cells[1].text
    assert "Hướng dẫn đảng viên viết lại" in tables[1].rows[1].cells[1].text


def test_the_secretary_sees_an_overdue_remedy_on_her_home_and_reports_it(tree, client, login):
    plan = a_plan(tree.committee_user, tree.org)
    ins = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    finding = shortcoming(tree.committee_user, ins)
    concluded(tree.committee_user, ins)
    Finding.objects.filter(pk=finding.pk).update(deadline=today() - timedelta(days=2))
    login(tree.secretary_user)
    home = client.get(reverse("home:home")).content.decode()
    assert "Khắc phục sau kiểm tra, giám sát" in home and "Quá hạn" in home
    finding.refresh_from_db()
    url = reverse("inspections:remedy", args=[finding.pk])
    refused = client.post(url, {"text": "", "version": finding.version})
    assert "Ghi rõ đã khắc phục thế nào" in refused.content.decode()
    client.post(url, {"text": "Đã hướng dẫn viết lại", "version": finding.version})
    finding.refresh_from_db()
    assert finding.remedy_state == RemedyState.REPORTED
    assert "Quá hạn" not in client.get(reverse("home:home")).content.decode()


@pytest.mark.parametrize("kind", [FindingKind.SHORTCOMING, FindingKind.VIOLATION])
def test_a_finding_form_without_a_remedy_says_so(tree, client, login, kind):
    plan = a_plan(tree.committee_user, tree.org)
    ins = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    login(tree.committee_user)
    page = client.post(
        reverse("inspections:finding_new", args=[ins.pk]),
        {"kind": kind, "text": "Sinh hoạt chưa có nội dung học tập", "responsible_unit": ""},
    )
    assert "phải có yêu cầu khắc phục" in page.content.decode()
    assert not Finding.objects.exists()
