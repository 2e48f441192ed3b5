"""Each transition of an inspection, a finding and a remedy: allowed and refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.models import Notice
from lamtheo.inspections import services
from lamtheo.inspections.actions import InspectionAction
from lamtheo.inspections.models import Finding, FindingKind, InspectionState, RemedyState
from lamtheo.inspections.tests.helpers import (
    a_plan,
    an_inspection,
    concluded,
    inspection_data,
    opened,
    shortcoming,
    strength,
    today,
)


@pytest.fixture
def plan(tree):
    return a_plan(tree.committee_user, tree.org)


def _open(tree, plan):
    return opened(tree.committee_user, plan, tree.cell, [tree.committee_user])


# --- plans and inspections ---------------------------------------------------------------


def test_a_plan_is_kept_by_the_units_own_committee_only(tree):
    with pytest.raises(DomainError):
        a_plan(tree.propaganda_user, tree.org)  # the bloc does not keep the Sở's plan
    plan = a_plan(tree.committee_user, tree.org)
    assert plan.history.first().history_action == InspectionAction.PLAN_CREATED.value
    with pytest.raises(DomainError, match="đã có kế hoạch"):
        a_plan(tree.committee_user, tree.org)


def test_an_inspection_looks_only_inside_the_planning_units_subtree(tree, plan):
    with pytest.raises(DomainError, match="phạm vi"):
        an_inspection(tree.committee_user, plan, tree.cell_b, [tree.committee_user])
    with pytest.raises(DomainError, match="Thành viên đoàn"):
        an_inspection(tree.committee_user, plan, tree.cell, [tree.other_secretary_user])
    ins = an_inspection(tree.committee_user, plan, tree.cell, [tree.outsider.user])
    assert ins.state == InspectionState.PLANNED


def test_open_from_planned_only_and_with_a_team(tree, plan):
    lonely = an_inspection(tree.committee_user, plan, tree.cell, [])
    with pytest.raises(DomainError, match="chưa có đoàn"):
        services.inspection_open(actor=tree.committee_user, inspection=lonely, version=1)
    ins = _open(tree, plan)
    assert ins.state == InspectionState.OPEN and ins.opened_at
    with pytest.raises(DomainError, match="đang trong kế hoạch"):
        services.inspection_open(actor=tree.committee_user, inspection=ins, version=ins.version)


def test_open_needs_the_team_or_the_planning_unit(tree, plan):
    ins = an_inspection(tree.committee_user, plan, tree.cell, [tree.committee_user])
    with pytest.raises(DomainError):
        services.inspection_open(actor=tree.secretary_user, inspection=ins, version=1)
    with pytest.raises(StaleRecord):
        services.inspection_open(actor=tree.committee_user, inspection=ins, version=7)


def test_cancel_planned_or_open_with_a_reason(tree, plan):
    planned = an_inspection(tree.committee_user, plan, tree.cell, [tree.committee_user])
    with pytest.raises(DomainError, match="lý do"):
        services.inspection_cancel(
            actor=tree.committee_user, inspection=planned, reason=" ", version=1
        )
    services.inspection_cancel(
        actor=tree.committee_user, inspection=planned, reason="Trùng lịch đại hội", version=1
    )
    assert planned.state == InspectionState.CANCELLED
    with pytest.raises(DomainError, match="chưa kết luận"):
        services.inspection_cancel(
            actor=tree.committee_user, inspection=planned, reason="x", version=planned.version
        )
    ins = _open(tree, plan)
    services.inspection_cancel(
        actor=tree.committee_user, inspection=ins, reason="Đổi kế hoạch", version=ins.version
    )
    assert ins.state == InspectionState.CANCELLED


def test_a_concluded_inspection_is_not_cancelled(tree, plan):
    ins = _open(tree, plan)
    strength(tree.committee_user, ins)
    concluded(tree.committee_user, ins)
    with pytest.raises(DomainError):
        services.inspection_cancel(
            actor=tree.committee_user, inspection=ins, reason="x", version=ins.version
        )


def test_conclude_an_open_inspection_with_findings_assigns_and_tells(tree, plan):
    ins = _open(tree, plan)
    with pytest.raises(DomainError, match="ít nhất một nội dung"):
        concluded(tree.committee_user, ins)
    finding = shortcoming(tree.committee_user, ins)
    assert finding.remedy_state == RemedyState.PENDING
    with pytest.raises(DomainError, match="Nhập nội dung kết luận"):
        services.inspection_conclude(
            actor=tree.committee_user,
            inspection=ins,
            conclusion="",
            concluded_on=today(),
            version=ins.version,
        )
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        services.inspection_conclude(
            actor=tree.committee_user,
            inspection=ins,
            conclusion="Kết luận",
            concluded_on=today() + timedelta(days=1),
            version=ins.version,
        )
    concluded(tree.committee_user, ins)
    finding.refresh_from_db()
    assert ins.state == InspectionState.CONCLUDED
    assert finding.remedy_state == RemedyState.OPEN
    # The cell's secretary answers for the cell's remedies and is told.
    assert Notice.objects.filter(user=tree.secretary_user, text__contains="khắc phục").exists()
    with pytest.raises(DomainError, match="đang tiến hành"):
        concluded(tree.committee_user, ins)


def test_a_planned_inspection_is_not_concluded(tree, plan):
    ins = an_inspection(tree.committee_user, plan, tree.cell, [tree.committee_user])
    with pytest.raises(DomainError, match="đang tiến hành"):
        concluded(tree.committee_user, ins)


# --- findings ------------------------------------------------------------------------------


def test_findings_only_while_open(tree, plan):
    ins = an_inspection(tree.committee_user, plan, tree.cell, [tree.committee_user])
    with pytest.raises(DomainError, match="đang tiến hành"):
        strength(tree.committee_user, ins)


def test_a_shortcoming_needs_a_remedy_someone_responsible_and_a_deadline(tree, plan):
    ins = _open(tree, plan)
    base = {"kind": FindingKind.VIOLATION, "text": "Sinh hoạt không có nội dung học tập"}
    for extra, message in [
        ({}, "yêu cầu khắc phục"),
        ({"remedy": "Bổ sung"}, "chịu trách nhiệm"),
        ({"remedy": "Bổ sung", "responsible_unit": tree.cell}, "hạn khắc phục"),
        ({"remedy": "Bổ sung", "responsible_unit": tree.cell_b, "deadline": today()}, "trực thuộc"),
        (
            {"remedy": "Bổ sung", "responsible_unit": tree.cell,
             "deadline": today() - timedelta(days=1)},
            "trước ngày hôm nay",
        ),
        ({"remedy": "Bổ sung", "responsible_person": tree.outsider, "deadline": today()},
         "thuộc tổ chức được kiểm tra"),
    ]:  # fmt: skip
        with pytest.raises(DomainError, match=message):
            services.finding_add(
                actor=tree.committee_user,
                inspection=ins,
                data=services.FindingInput(**base, **extra),
            )
    finding = services.finding_add(
        actor=tree.committee_user,
        inspection=ins,
        data=services.FindingInput(
            **base, remedy="Bổ sung", responsible_person=tree.member, deadline=today()
        ),
    )
    assert finding.remedy_state == RemedyState.PENDING


def test_a_strength_carries_no_remedy(tree, plan):
    ins = _open(tree, plan)
    finding = strength(tree.committee_user, ins)
    assert finding.remedy_state == RemedyState.NONE and finding.remedy == ""


def test_finding_edit_and_remove_while_open_with_the_version(tree, plan):
    ins = _open(tree, plan)
    finding = shortcoming(tree.committee_user, ins)
    with pytest.raises(StaleRecord):
        services.finding_remove(actor=tree.committee_user, finding=finding, version=99)
    data = services.FindingInput(kind=FindingKind.STRENGTH, text="Đã sửa: làm tốt")
    services.finding_update(
        actor=tree.committee_user, finding=finding, data=data, version=finding.version
    )
    assert finding.remedy_state == RemedyState.NONE
    services.finding_remove(actor=tree.committee_user, finding=finding, version=finding.version)
    assert not Finding.objects.filter(pk=finding.pk).exists()


# --- remedies ------------------------------------------------------------------------------


@pytest.fixture
def remedy(tree, plan):
    ins = _open(tree, plan)
    finding = shortcoming(tree.committee_user, ins)
    concluded(tree.committee_user, ins)
    finding.refresh_from_db()
    return finding


def test_report_by_the_responsible_side_only(tree, remedy):
    for actor in (tree.member_user, tree.outsider.user, tree.other_secretary_user):
        with pytest.raises(DomainError, match="chịu trách nhiệm"):
            services.remedy_report(actor=actor, finding=remedy, text="Đã làm", version=1)
    with pytest.raises(DomainError, match="khắc phục thế nào"):
        services.remedy_report(
            actor=tree.secretary_user, finding=remedy, text=" ", version=remedy.version
        )
    services.remedy_report(
        actor=tree.secretary_user, finding=remedy, text="Đã làm", version=remedy.version
    )
    assert remedy.remedy_state == RemedyState.REPORTED
    assert Notice.objects.filter(user=tree.committee_user, text__contains="báo cáo").exists()
    with pytest.raises(DomainError, match="đang thực hiện"):
        services.remedy_report(
            actor=tree.secretary_user, finding=remedy, text="Lần nữa", version=remedy.version
        )


def test_a_pending_remedy_is_not_reported_before_the_conclusion(tree, plan):
    ins = _open(tree, plan)
    finding = shortcoming(tree.committee_user, ins)
    with pytest.raises(DomainError, match="đang thực hiện"):
        services.remedy_report(
            actor=tree.secretary_user, finding=finding, text="Đã làm", version=finding.version
        )


def test_accept_or_reopen_only_a_reported_remedy_by_the_team(tree, remedy):
    with pytest.raises(DomainError, match="đã được báo cáo"):
        services.remedy_accept(actor=tree.committee_user, finding=remedy, version=remedy.version)
    services.remedy_report(
        actor=tree.secretary_user, finding=remedy, text="Đã làm", version=remedy.version
    )
    with pytest.raises(DomainError):
        services.remedy_accept(actor=tree.secretary_user, finding=remedy, version=remedy.version)
    with pytest.raises(DomainError, match="vì sao"):
        services.remedy_reopen(
            actor=tree.committee_user, finding=remedy, reason="", version=remedy.version
        )
    services.remedy_reopen(
        actor=tree.committee_user,
        finding=remedy,
        reason="Chưa có bản đăng ký mới",
        version=remedy.version,
    )
    assert remedy.remedy_state == RemedyState.OPEN
    assert Notice.objects.filter(user=tree.secretary_user, text__contains="chưa công nhận").exists()
    services.remedy_report(
        actor=tree.secretary_user, finding=remedy, text="Đã nộp lại", version=remedy.version
    )
    services.remedy_accept(actor=tree.committee_user, finding=remedy, version=remedy.version)
    assert remedy.remedy_state == RemedyState.ACCEPTED
    codes = list(remedy.history.values_list("history_action", flat=True))
    assert InspectionAction.REMEDY_REOPENED.value in codes
    assert InspectionAction.REMEDY_ACCEPTED.value in codes
    with pytest.raises(DomainError):
        services.remedy_reopen(
            actor=tree.committee_user, finding=remedy, reason="x", version=remedy.version
        )


def test_an_overdue_remedy_is_in_the_responsible_sides_list_until_accepted(tree, remedy):
    from lamtheo.inspections import selectors

    assert list(selectors.remedies_for(tree.secretary_user)) == [remedy]
    assert not selectors.overdue_remedies_for(tree.secretary_user).exists()
    Finding.objects.filter(pk=remedy.pk).update(deadline=today() - timedelta(days=3))
    assert selectors.overdue_remedies_for(tree.secretary_user).get() == remedy
    assert not selectors.remedies_for(tree.member_user).exists()


def test_the_inspection_can_be_edited_while_planned_and_open(tree, plan):
    ins = an_inspection(tree.committee_user, plan, tree.cell, [tree.committee_user])
    data = inspection_data(tree.cell2, [tree.committee_user, tree.outsider.user])
    services.inspection_update(actor=tree.committee_user, inspection=ins, data=data, version=1)
    assert ins.unit == tree.cell2 and ins.team.count() == 2
    with pytest.raises(StaleRecord):
        services.inspection_update(actor=tree.committee_user, inspection=ins, data=data, version=1)


# --- reminding the side responsible of an overdue remedy -----------------------------------


def _overdue(tree, plan):
    inspection = opened(tree.committee_user, plan, tree.cell, [tree.committee_user])
    finding = shortcoming(tree.committee_user, inspection)
    concluded(tree.committee_user, inspection)
    Finding.objects.filter(pk=finding.pk).update(deadline=today() - timedelta(days=3))
    finding.refresh_from_db()
    return finding


def test_an_overdue_remedy_is_reminded_to_the_side_responsible_once_a_day(tree, plan):
    finding = _overdue(tree, plan)
    Notice.objects.all().delete()
    assert services.remedy_remind(actor=tree.committee_user, finding=finding) == 1
    notice = Notice.objects.get(user=tree.secretary_user)
    assert "Nhắc khắc phục quá hạn" in notice.text and finding.remedy in notice.text
    assert services.remedy_last_reminded(finding) is not None
    with pytest.raises(DomainError, match="chưa quá 24 giờ"):
        services.remedy_remind(actor=tree.committee_user, finding=finding)
    services.remedy_remind(actor=tree.committee_user, finding=finding, confirmed=True)
    assert Notice.objects.filter(user=tree.secretary_user).count() == 2


def test_only_an_overdue_open_remedy_is_reminded_and_only_by_who_runs_the_inspection(tree, plan):
    finding = _overdue(tree, plan)
    with pytest.raises(DomainError):
        services.remedy_remind(actor=tree.secretary_user, finding=finding)
    Finding.objects.filter(pk=finding.pk).update(deadline=today() + timedelta(days=3))
    finding.refresh_from_db()
    with pytest.raises(DomainError, match="quá hạn"):
        services.remedy_remind(actor=tree.committee_user, finding=finding)


def test_the_remedy_page_offers_the_reminder_when_overdue(tree, plan, login):
    from django.urls import reverse

    finding = _overdue(tree, plan)
    client = login(tree.committee_user)
    page = client.get(reverse("inspections:remedy", args=[finding.pk])).content.decode()
    assert "Nhắc bên chịu trách nhiệm" in page
    sent = client.post(reverse("inspections:remedy_remind", args=[finding.pk]), follow=True)
    assert "Đã gửi nhắc nhở đến 1 người" in sent.content.decode()
    assert "Tôi xác nhận gửi lại" in sent.content.decode()
    secretary_page = login(tree.secretary_user).get(
        reverse("inspections:remedy", args=[finding.pk])
    )
    assert "Nhắc bên chịu trách nhiệm" not in secretary_page.content.decode()
