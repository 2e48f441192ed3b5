"""Each transition of a feedback report, allowed and refused; version checks, the audit
trail and who is told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.models import Notice
from lamtheo.inspections.actions import FeedbackAction
from lamtheo.inspections.feedback import selectors, services
from lamtheo.inspections.feedback.models import FeedbackReport, FeedbackState
from lamtheo.inspections.models import InspectionPlan, InspectionState
from lamtheo.inspections.services import InspectionInput
from lamtheo.inspections.tests.helpers import a_report, accepted, report_data, today
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.tests.helpers import make_user


def _reject(actor, report, reason="Nội dung không thuộc phạm vi cuộc vận động."):
    return services.feedback_reject(actor=actor, report=report, reason=reason,
                                    version=report.version)  # fmt: skip


def _forward(actor, report, to, reason="Thuộc thẩm quyền cấp trên"):
    return services.feedback_forward(actor=actor, report=report, to=to, reason=reason,
                                     version=report.version)  # fmt: skip


def _inspection_input(report, actor) -> InspectionInput:
    t = today()
    return InspectionInput(
        kind="inspection", subject=f"Kiểm tra nội dung phản ánh {report.reference}",
        unit=report.unit, period_start=t - timedelta(days=30), period_end=t,
        starts_on=t, ends_on=t, team=[actor],
    )  # fmt: skip


def _open(actor, report):
    return services.feedback_open_inspection(
        actor=actor, report=report, data=_inspection_input(report, actor), version=report.version
    )


def _actions(report) -> list[str]:
    return list(report.history.order_by("history_date").values_list("history_action", flat=True))


# --- new → accepted, rejected, forwarded -------------------------------------------------


def test_a_new_report_is_accepted_and_audited(report, handler):
    accepted(handler, report, note="Sẽ xác minh trong tháng.")
    report.refresh_from_db()
    assert report.state == FeedbackState.ACCEPTED
    assert report.decided_by == handler and report.decision == "Sẽ xác minh trong tháng."
    assert _actions(report) == [FeedbackAction.RECEIVED, FeedbackAction.ACCEPTED]


def test_a_new_report_is_rejected_with_a_reason(report, handler):
    _reject(handler, report)
    report.refresh_from_db()
    assert report.state == FeedbackState.REJECTED
    assert _actions(report)[-1] == FeedbackAction.REJECTED


def test_a_rejection_without_a_reason_is_refused(report, handler):
    with pytest.raises(DomainError):
        _reject(handler, report, reason="  ")
    report.refresh_from_db()
    assert report.state == FeedbackState.NEW


def test_a_new_report_is_forwarded_to_another_level_with_a_reason(tree, report, handler):
    bloc_inspector = make_user("ktkhoi", "Kiểm tra Khối")
    role_grant(actor=None, user=bloc_inspector, unit=tree.bloc, kind=RoleKind.INSPECTOR)
    _forward(handler, report, tree.bloc)
    report.refresh_from_db()
    assert report.state == FeedbackState.FORWARDED
    assert report.routed_to == tree.bloc and report.forwarded_from == tree.org
    assert report.handler == "handle_feedback"
    assert Notice.objects.filter(user=bloc_inspector, text__contains=report.reference).exists()
    # The forwarding level no longer reads it; the receiving one decides it.
    assert not selectors.can_handle(User.objects.get(pk=handler.pk), report)
    fresh = User.objects.get(pk=bloc_inspector.pk)
    accepted(fresh, report)
    assert FeedbackReport.objects.get(pk=report.pk).state == FeedbackState.ACCEPTED


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_the_level_that_forwarded_a_report_is_told_what_became_of_it(
    tree, report, handler, decision
):
    bloc_inspector = make_user("ktkhoi", "Kiểm tra Khối")
    role_grant(actor=None, user=bloc_inspector, unit=tree.bloc, kind=RoleKind.INSPECTOR)
    _forward(handler, report, tree.bloc)
    report.refresh_from_db()
    fresh = User.objects.get(pk=bloc_inspector.pk)
    if decision == "accept":
        accepted(fresh, report)
        outcome = "đã được tiếp nhận"
    else:
        _reject(fresh, report, reason="Đã giải quyết ở cấp cơ sở.")
        outcome = "không được tiếp nhận. Lý do: Đã giải quyết ở cấp cơ sở."
    told = Notice.objects.filter(user=handler, text__contains=report.reference)
    assert told.filter(text__contains=outcome).count() == 1
    assert told.get(text__contains=outcome).url == ""  # it no longer opens the report


def test_forwarding_without_a_reason_is_refused(tree, report, handler):
    with pytest.raises(DomainError):
        _forward(handler, report, tree.bloc, reason="")


@pytest.mark.parametrize("where", ["cell", "org", "cell2", "cell_b"])
def test_forwarding_to_the_unit_concerned_itself_the_same_level_or_aside_is_refused(
    tree, report, handler, where
):
    with pytest.raises(DomainError):
        _forward(handler, report, getattr(tree, where))
    report.refresh_from_db()
    assert report.state == FeedbackState.NEW and report.routed_to == tree.org


def test_forwarding_to_a_level_where_nobody_may_receive_it_is_refused(tree, report, handler):
    # The bloc has a propaganda officer and an administrator, no commission nor committee.
    with pytest.raises(DomainError):
        _forward(handler, report, tree.bloc)


# --- decided reports do not move ---------------------------------------------------------


@pytest.mark.parametrize("first", ["accept", "reject"])
@pytest.mark.parametrize("then", ["accept", "reject", "forward"])
def test_a_decided_report_is_not_decided_again(tree, report, handler, first, then):
    bloc_inspector = make_user("ktkhoi", "Kiểm tra Khối")
    role_grant(actor=None, user=bloc_inspector, unit=tree.bloc, kind=RoleKind.INSPECTOR)
    accepted(handler, report) if first == "accept" else _reject(handler, report)
    report.refresh_from_db()
    with pytest.raises(DomainError):
        match then:
            case "accept":
                accepted(handler, report)
            case "reject":
                _reject(handler, report)
            case _:
                _forward(handler, report, tree.bloc)


def test_a_stale_page_changes_nothing(report, handler):
    with pytest.raises(StaleRecord):
        services.feedback_accept(actor=handler, report=report, version=report.version + 1)
    report.refresh_from_db()
    assert report.state == FeedbackState.NEW


@pytest.mark.parametrize("who", ["secretary_user", "member_user", "propaganda_user"])
def test_only_the_receiving_level_decides(tree, report, who):
    actor = User.objects.get(pk=getattr(tree, who).pk)
    with pytest.raises(DomainError):
        accepted(actor, report)
    with pytest.raises(DomainError):
        _reject(actor, report)


# --- accepted → with an inspection --------------------------------------------------------


def test_an_accepted_report_opens_an_inspection_in_the_levels_plan(tree, report, handler):
    accepted(handler, report)
    report.refresh_from_db()
    inspection = _open(handler, report)
    report.refresh_from_db()
    assert report.inspection == inspection and report.state == FeedbackState.ACCEPTED
    assert inspection.plan == InspectionPlan.objects.get(unit=tree.org, year=today().year)
    assert inspection.unit == tree.cell and inspection.state == InspectionState.PLANNED
    assert list(inspection.team.all()) == [handler]
    assert _actions(report)[-1] == FeedbackAction.INSPECTION_OPENED
    # Nothing of the sender goes into the inspection the unit will meet.
    assert report.contact_name not in inspection.subject


def test_an_inspection_is_not_opened_from_a_report_not_accepted(report, handler):
    with pytest.raises(DomainError):
        _open(handler, report)
    _reject(handler, report)
    report.refresh_from_db()
    with pytest.raises(DomainError):
        _open(handler, report)


def test_an_inspection_is_opened_once(report, handler):
    accepted(handler, report)
    report.refresh_from_db()
    _open(handler, report)
    report.refresh_from_db()
    with pytest.raises(DomainError):
        _open(handler, report)


def test_the_prefill_names_the_unit_and_not_the_sender(report):
    prefill = services.inspection_prefill(report)
    assert prefill["unit"] == report.unit_id
    # The subject is shown to the unit inspected: neither the reference nor the sender's words
    # (which may say who wrote them).
    assert (
        prefill["subject"]
        == f"Kiểm tra, xác minh nội dung phản ánh liên quan đến {report.unit.name}"
    )
    assert report.reference not in prefill["subject"] and report.what not in prefill["subject"]


def test_a_handler_neither_hears_of_nor_decides_a_report_they_sent(tree, handler):
    from lamtheo.inspections.feedback import selectors

    own, _ = a_report(tree.cell, sender=handler, contact_name="", contact_phone="",
                      contact_email="")  # fmt: skip
    assert not Notice.objects.filter(user=handler).exists()
    assert not selectors.can_handle(handler, own)
    assert own not in selectors.queue(handler)
    other, _ = a_report(tree.cell)
    assert selectors.can_handle(handler, other) and other in selectors.queue(handler)


# --- the sender is told -------------------------------------------------------------------


def test_a_signed_in_sender_gets_a_notice_of_the_outcome(tree, handler):
    sender = tree.outsider.user
    report, _ = a_report(tree.cell, sender=sender, contact_name="", contact_phone="",
                         contact_email="")  # fmt: skip
    _reject(handler, report, reason="Chưa đủ căn cứ.")
    notice = Notice.objects.get(user=sender)
    assert report.reference in notice.text and "Chưa đủ căn cứ." in notice.text


def test_a_sender_who_left_an_address_gets_an_email(
    report, handler, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accepted(handler, report, note="Sẽ xác minh.")
    assert [m.to for m in mail.outbox] == [["dan@vidu.vn"]]
    assert report.reference in mail.outbox[0].body
    assert "đã tiếp nhận" in mail.outbox[0].body


def test_an_anonymous_sender_is_told_nothing_and_nobody_else_is(
    tree, handler, django_capture_on_commit_callbacks
):
    report, _ = a_report(tree.cell, anonymous=True)
    assert report.anonymous and report.contact_name == "" and report.sender is None
    mail.outbox.clear()
    before = Notice.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        _reject(handler, report)
    assert mail.outbox == [] and Notice.objects.count() == before


def test_a_signed_in_sender_who_chose_anonymity_is_not_tied_to_the_report(tree):
    report, _ = a_report(tree.cell, sender=tree.outsider.user, anonymous=True)
    assert report.sender is None and report.anonymous


def test_a_public_sender_leaves_a_contact_or_chooses_anonymity(tree):
    with pytest.raises(DomainError):
        a_report(tree.cell, contact_name="", contact_phone="", contact_email="")
    with pytest.raises(DomainError):
        a_report(tree.cell, contact_phone="", contact_email="")  # a name alone
    assert a_report(tree.cell, contact_email="")[0].contact_phone == "0912345678"


def test_a_date_in_the_future_is_refused(tree):
    with pytest.raises(DomainError):
        a_report(tree.cell, happened_on=today() + timedelta(days=1))


def test_the_same_form_posted_twice_makes_one_report(tree):
    token = "0b0e8c3e-4c1e-4f65-9a57-1d3f7c2a9b10"
    first, secret = services.feedback_submit(
        sender=None, data=report_data(tree.cell), form_token=token
    )
    again, second_secret = services.feedback_submit(
        sender=None, data=report_data(tree.cell), form_token=token
    )
    assert first == again and secret and second_secret == ""
    assert FeedbackReport.objects.count() == 1


def test_the_secret_is_kept_only_as_a_keyed_hash(report):
    assert len(report.secret_hash) == 64
    historical = report.history.first()
    assert not hasattr(historical, "secret_hash")
