"""Reads for the feedback pages, already scoped.

- the units one may report about: every active unit that has a level above it (names only);
- a report: only those who handle it (orgs.scope.may_handle_feedback: the commission, or the
  committee, of the level it was routed to, none of them of the unit concerned); its sender
  sees the outcome (signed in: their own reports; otherwise the look-up by code and secret).
"""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from lamtheo.core.models import StoredFile
from lamtheo.core.vietnamese import fold, text_sorted
from lamtheo.inspections.feedback.models import FeedbackHandler, FeedbackReport, FeedbackState
from lamtheo.orgs.models import CELL_KINDS, OrgUnit
from lamtheo.orgs.scope import (
    FEEDBACK_HANDLERS,
    anchor_unit_ids,
    feedback_handling_q,
    feedback_may_name,
    feedback_route,
    may_handle_feedback,
)
from lamtheo.orgs.tree import ancestor_paths, subtree_q
from lamtheo.people.models import Person

NOT_FOUND = "Không tìm thấy trang."
SEARCH_LIMIT = 30


def reportable_units() -> QuerySet[OrgUnit]:
    """Units one may report about: active, with a level above them to receive it."""
    return OrgUnit.objects.filter(is_active=True, parent__isnull=False)


def search_units(query: str) -> list[OrgUnit]:
    """Units whose name holds every word typed (diacritics and case ignored), with the name
    of the level above to tell namesakes apart; at most SEARCH_LIMIT, by name."""
    words = fold(query).split()
    if not words:
        return []
    found = [
        u
        for u in reportable_units().select_related("parent").only("code", "name", "parent__name")
        if all(w in fold(u.name) for w in words)
    ]
    return text_sorted(found, name=lambda u: u.name)[:SEARCH_LIMIT]


def get_reportable_unit_or_404(code: str) -> OrgUnit:
    unit = reportable_units().select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    return unit


def person_for_sender(user, unit: OrgUnit, code: str) -> Person | None:
    """The member a signed-in sender names by code, within the unit concerned and within
    what the sender may see (their own cell, or records they may open); None otherwise (the
    same answer whether the code exists or not)."""
    person = Person.objects.select_related("cell").filter(code__iexact=code.strip()).first()
    if person is not None and feedback_may_name(user, person, unit):
        return person
    return None


def sent_with_token(token) -> FeedbackReport | None:
    """The report an earlier post of the same check page sent (a double click), if any."""
    try:
        parsed = uuid.UUID(str(token)) if token else None
    except ValueError:
        return None
    return FeedbackReport.objects.filter(form_token=parsed).first() if parsed else None


def draft_attachment(attachment_id: int | None) -> StoredFile | None:
    """The file stored at the form step of a draft (the id comes from a signed draft), unless
    it was removed since."""
    return StoredFile.objects.filter(pk=attachment_id).first() if attachment_id else None


def draft_particulars(user, unit: OrgUnit, draft) -> dict:
    """What the check page shows beside the draft's own words: the member picked by code (as
    it will be recorded), the file attached, and the level that will receive the report (its
    name and which body there, as the look-up page shows it later; never the people)."""
    route = feedback_route(unit)
    return {
        "person": person_for_sender(user, unit, draft.person_code) if draft.person_code else None,
        "attachment": draft_attachment(draft.attachment_id),
        "routed_to": route[0] if route else None,
        "handler": FeedbackHandler(route[1].value).label if route else "",
    }


def may_handle_any(user) -> bool:
    """Does the user receive reports anywhere? Only on a unit with units below it: nothing is
    routed to a cell (its secretary's role opens no queue)."""
    ids = {pk for c in FEEDBACK_HANDLERS for pk in anchor_unit_ids(user, c)}
    return OrgUnit.objects.filter(pk__in=ids, is_active=True).exclude(kind__in=CELL_KINDS).exists()


def queue(user, *, oldest_first: bool = False, waiting_only: bool = True):
    """The reports the user handles: waiting ones by default, newest first unless asked."""
    q = feedback_handling_q(
        user, routed="routed_to", handler="handler", concerned_path="unit__path", sender="sender"
    )
    reports = FeedbackReport.objects.filter(q).select_related("unit", "routed_to")
    if waiting_only:
        reports = reports.waiting()
    order = ("received_at", "pk") if oldest_first else ("-received_at", "-pk")
    return reports.order_by(*order)


def can_handle(user, report: FeedbackReport) -> bool:
    return may_handle_feedback(
        user,
        routed=report.routed_to,
        handler=report.handler,
        concerned=report.unit,
        sender_id=report.sender_id,
    )


def get_report_or_404(user, pk: int) -> FeedbackReport:
    report = (
        FeedbackReport.objects.select_related(
            "unit", "routed_to", "person", "sender", "attachment", "forwarded_from", "inspection"
        )
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_handle(user, report):
        raise Http404(NOT_FOUND)
    return report


def forward_targets(report: FeedbackReport) -> list[OrgUnit]:
    """The other levels a report may go to: the units above the unit concerned, but the
    one it is at now."""
    paths = ancestor_paths(report.unit.path)[:-1]
    return list(
        OrgUnit.objects.filter(path__in=paths, is_active=True)
        .exclude(pk=report.routed_to_id)
        .order_by("-path")
    )


def sent_by(user) -> QuerySet[FeedbackReport]:
    """A signed-in sender's own reports (not the anonymous ones: nothing ties them to anyone)."""
    if not getattr(user, "is_authenticated", False):
        return FeedbackReport.objects.none()
    return (
        FeedbackReport.objects.filter(sender=user).select_related("unit").order_by("-received_at")
    )


def history_of(report: FeedbackReport):
    return report.history.order_by("history_date").select_related("history_user")


def outcome_text(report: FeedbackReport) -> str:
    """What the sender is told about their report, without naming who handled it."""
    match report.state:
        case FeedbackState.ACCEPTED:
            text = f"{report.routed_to.name} đã tiếp nhận phản ánh để xem xét."
            if report.inspection_id:
                text += " Đã mở cuộc kiểm tra về nội dung phản ánh."
        case FeedbackState.REJECTED:
            text = f"{report.routed_to.name} không tiếp nhận phản ánh."
        case FeedbackState.FORWARDED:
            text = f"Phản ánh đã được chuyển đến {report.routed_to.name} để xử lý."
        case _:
            text = f"Phản ánh đang chờ {report.routed_to.name} xem xét."
    if report.decision and report.state in (FeedbackState.ACCEPTED, FeedbackState.REJECTED):
        text += f" {report.decision}"
    return text


def inspection_units(report: FeedbackReport) -> QuerySet[OrgUnit]:
    """The units an inspection opened from a report may look at: the unit concerned's subtree."""
    return OrgUnit.objects.filter(subtree_q(report.unit.path), is_active=True).order_by("path")
