"""Writes on feedback reports. Each transition is one service:

    (submit) → new ─accept→ accepted ─open an inspection→ accepted, with its inspection
             new ─reject (with a reason)→ rejected
             new ─forward (with a reason) to another level→ forwarded
             forwarded behaves as new at the level it went to (accept, reject, forward again).

Accepted and rejected reports are decided: nothing moves them again (a new fact is a new
report). Every change is version-checked and audited; the sender, when known, is told the
outcome (a notice if signed in, an e-mail to the address left otherwise); the handlers of the
level that receives a report are told of it. Nobody of the unit concerned is ever told.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lamtheo.core.audit import bump_version, tag
from lamtheo.core.errors import DomainError
from lamtheo.core.models import StoredFile
from lamtheo.core.notices import notice_send
from lamtheo.core.uploads import discard_upload, store_upload
from lamtheo.core.vietnamese import nfc
from lamtheo.inspections import services as inspections
from lamtheo.inspections.actions import FeedbackAction
from lamtheo.inspections.feedback import drafts, selectors
from lamtheo.inspections.feedback.models import (
    WAITING_STATES,
    FeedbackDraftFile,
    FeedbackReport,
    FeedbackState,
    PublicAttempt,
)
from lamtheo.inspections.models import Inspection, InspectionPlan
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import feedback_receivers, feedback_route
from lamtheo.orgs.selectors import role_title
from lamtheo.people.models import Person

logger = logging.getLogger(__name__)

# Letters and digits that cannot be mistaken for one another when read from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8
SECRET_LENGTH = 10
SUBMIT, LOOKUP, DRAFT_FILE = "submit", "lookup", "draft_file"
LIMIT_SETTINGS = {
    SUBMIT: "FEEDBACK_PER_HOUR",
    LOOKUP: "FEEDBACK_LOOKUPS_PER_HOUR",
    DRAFT_FILE: "FEEDBACK_FILES_PER_HOUR",
}
TOO_MANY_FILES = (
    "Đã đính kèm quá nhiều tệp trong một giờ từ thiết bị hoặc mạng này. Vui lòng gửi phản ánh "
    "không kèm tệp, hoặc thử lại sau một giờ."
)
TOO_MANY = (
    "Đã gửi quá nhiều lần trong một giờ từ thiết bị hoặc mạng này. Vui lòng thử lại sau một "
    "giờ, hoặc gửi phản ánh trực tiếp đến ủy ban kiểm tra."
)
NO_RECEIVER = (
    "Chưa xác định được cấp tiếp nhận phản ánh về đơn vị này (cấp trên chưa có ủy ban kiểm "
    "tra hoặc cấp ủy). Vui lòng gửi trực tiếp đến cơ quan đảng cấp trên."
)


def _code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _keyed_hash(value: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def normalize_code(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


# --- how often a client may use the public pages ----------------------------------------


def client_key(*, user=None, address: str | None = None) -> str:
    """The client a limit counts: the account when signed in, else the address; hashed."""
    who = f"user:{user.pk}" if getattr(user, "is_authenticated", False) else f"ip:{address}"
    return _keyed_hash(who)


def attempt_allowed(*, kind: str, client: str) -> bool:
    """Count one use of a public page by `client`: False (and nothing counted) once the
    limit of the last hour is reached. Rows older than a day are dropped as we go."""
    limit = settings.LAMTHEO[LIMIT_SETTINGS[kind]]
    now = timezone.now()
    with transaction.atomic():
        PublicAttempt.objects.filter(at__lt=now - timedelta(days=1)).delete()
        used = PublicAttempt.objects.filter(
            kind=kind, client=client, at__gte=now - timedelta(hours=1)
        ).count()
        if used >= limit:
            return False
        PublicAttempt.objects.create(kind=kind, client=client)
    return True


# --- sending a report ---------------------------------------------------------------------


@dataclass
class FeedbackInput:
    unit: OrgUnit
    what: str
    happened_on: date
    person: Person | None = None
    person_named: str = ""
    anonymous: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    attachment: StoredFile | None = None


def _checked(sender, data: FeedbackInput) -> FeedbackInput:
    what = nfc(data.what)
    if not what:
        raise DomainError("Nhập nội dung phản ánh: việc gì đã xảy ra.", field="what")
    today = timezone.localdate()
    if data.happened_on > today:
        raise DomainError("Ngày xảy ra không thể sau ngày hôm nay.", field="happened_on")
    if data.happened_on < today - timedelta(days=5 * 366):
        raise DomainError("Chỉ nhận phản ánh về việc xảy ra trong 5 năm gần đây.",
                          field="happened_on")  # fmt: skip
    if data.unit.parent_id is None or not data.unit.is_active:
        raise DomainError("Chọn đơn vị bị phản ánh từ danh sách.", field="unit")
    data.what, data.person_named = what, nfc(data.person_named)
    data.contact_name, data.contact_phone = nfc(data.contact_name), nfc(data.contact_phone)
    data.contact_email = nfc(data.contact_email).lower()
    if data.anonymous:
        data.contact_name = data.contact_phone = data.contact_email = ""
    elif sender is None and not (data.contact_name and (data.contact_phone or data.contact_email)):
        raise DomainError(
            "Để lại họ tên và số điện thoại hoặc thư điện tử, hoặc chọn gửi ẩn danh.",
            field="contact_name",
        )
    return data


def _handlers(report: FeedbackReport, at=None) -> list:
    found = feedback_receivers(report.unit, at or report.routed_to)
    return [r.user for r in found[1].select_related("user")] if found else []


def _tell_forwarder(report: FeedbackReport, *, actor, outcome: str, base_url: str) -> None:
    """The level that forwarded the report is told what became of it (it no longer reads the
    report: the notice says the outcome, without a link)."""
    if report.forwarded_from_id is None:
        return
    notice_send(
        actor=actor,
        users=_handlers(report, at=report.forwarded_from),
        text=f"Phản ánh {report.reference} về {report.unit.name}, do {report.forwarded_from.name} "
        f"chuyển đến {report.routed_to.name}: {outcome}",
        base_url=base_url,
        subject="Kết quả phản ánh đã chuyển đi",
    )


def _tell_handlers(report: FeedbackReport, *, actor, text: str, base_url: str) -> None:
    notice_send(
        actor=actor,
        users=_handlers(report),
        text=text,
        url=reverse("inspections:feedback_report", args=[report.pk]),
        base_url=base_url,
        subject="Phản ánh cần xem xét",
        # Only a forward names who sent it on; a new report's signed-in sender is shown on it.
        sender_title=role_title(actor, report.forwarded_from)
        if actor and report.forwarded_from
        else "",
    )


def feedback_check(*, sender, data: FeedbackInput) -> tuple[FeedbackInput, tuple]:
    """What `feedback_submit` would receive and where it would go, written nowhere: the
    normalized input and the route (the level, the capability that reads it there), or a
    DomainError. The check page shows this before anything is sent."""
    sender = sender if getattr(sender, "is_authenticated", False) else None
    data = _checked(sender, data)
    route = feedback_route(data.unit)
    if route is None:
        raise DomainError(NO_RECEIVER, field="unit")
    return data, route


# A file whose draft can no longer be sent is deleted this long after the draft's signature
# has expired (a margin for a slow request and for the clocks of several servers).
DRAFT_FILE_MARGIN = timedelta(hours=1)


def draft_attachment_store(*, actor, file) -> StoredFile:
    """Store the file chosen at the form step, marked as a draft's (FeedbackDraftFile) until
    the report is sent with it; unsent, `purge_unsent_draft_files` deletes it."""
    with transaction.atomic():
        stored = store_upload(actor=actor, file=file)
        FeedbackDraftFile.objects.create(stored=stored, signed_at=timezone.now())
    return stored


def draft_attachment_signed(attachment_id: int | None) -> None:
    """A draft carrying this file has just been signed (the check page, "Sửa lại"): keep the
    file at least as long as that draft may be sent."""
    if attachment_id:
        FeedbackDraftFile.objects.filter(stored_id=attachment_id).update(signed_at=timezone.now())


def purge_unsent_draft_files(now=None) -> int:
    """Delete the files stored for drafts that were never sent and can no longer be (their
    last signature is older than drafts.MAX_AGE plus a margin): the file on disk, its record
    and the mark. A file a report refers to is never deleted (only its stray mark is).
    Returns how many files were deleted; a second run deletes nothing more."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=drafts.MAX_AGE) - DRAFT_FILE_MARGIN
    deleted = 0
    stale = FeedbackDraftFile.objects.filter(signed_at__lt=cutoff)
    for stored_id in list(stale.values_list("stored_id", flat=True)):
        with transaction.atomic():
            mark = (
                FeedbackDraftFile.objects.select_for_update()
                .select_related("stored")
                .filter(stored_id=stored_id, signed_at__lt=cutoff)
                .first()
            )
            if mark is None:  # sent, re-signed or purged meanwhile
                continue
            if FeedbackReport.objects.filter(attachment_id=stored_id).exists():
                mark.delete()
                continue
            discard_upload(mark.stored)  # the mark goes with its record (CASCADE)
            deleted += 1
    return deleted


def draft_attachment_keep(*, stored: StoredFile, anonymous: bool) -> StoredFile:
    """A file stored at the form step, kept when the sender changes the form: made nobody's
    if the report has become anonymous (an anonymous report's file is stored by nobody)."""
    if anonymous and stored.uploaded_by_id is not None:
        stored.uploaded_by = None
        stored.save(update_fields=["uploaded_by"])
    return stored


def draft_attachment_discard(*, stored: StoredFile) -> None:
    """Remove a file stored at the form step and then replaced or removed by the sender,
    unless a report was sent with it already (the browser's back button). Its draft mark
    goes with its record (CASCADE)."""
    if not FeedbackReport.objects.filter(attachment=stored).exists():
        discard_upload(stored)


@transaction.atomic
def feedback_submit(
    *, sender, data: FeedbackInput, form_token: str = "", base_url: str = ""
) -> tuple[FeedbackReport, str]:
    """Receive a report, route it to the level that oversees the unit and tell its handlers.
    Returns the report and its secret (shown once; only its hash is kept). A second post of
    the same form gives the first report again, with an empty secret."""
    sender = sender if getattr(sender, "is_authenticated", False) else None
    token = _token(form_token)
    if token is not None and (done := selectors.sent_with_token(token)):
        return done, ""
    data, (routed_to, handler) = feedback_check(sender=sender, data=data)
    secret = _code(SECRET_LENGTH)
    report = FeedbackReport(
        reference=_code(REFERENCE_LENGTH),
        secret_hash=_keyed_hash(secret),
        unit=data.unit,
        person=data.person,
        person_named=data.person_named,
        what=data.what,
        happened_on=data.happened_on,
        attachment=data.attachment,
        anonymous=data.anonymous,
        contact_name=data.contact_name,
        contact_phone=data.contact_phone,
        contact_email=data.contact_email,
        sender=None if data.anonymous else sender,
        routed_to=routed_to,
        handler=handler.value,
        form_token=token,
    )
    tag(report, actor=None if data.anonymous else sender, action=FeedbackAction.RECEIVED,
        reason=f"Nhận phản ánh về {data.unit.name}"[:250])  # fmt: skip
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        done = FeedbackReport.objects.filter(form_token=token).first() if token else None
        if done is None:
            raise
        return done, ""
    if report.attachment_id:  # sent: no longer a draft's file
        FeedbackDraftFile.objects.filter(stored_id=report.attachment_id).delete()
    _tell_handlers(
        report,
        actor=report.sender,  # a handler who sent it is not told of it (nor may decide it)
        text=f"Có phản ánh mới ({report.reference}) về {report.unit.name}.",
        base_url=base_url,
    )
    return report, secret


def _token(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def feedback_lookup(*, reference: str, secret: str) -> FeedbackReport | None:
    """The report with this reference and secret, or None: the same answer for a wrong code
    and a wrong secret, so the look-up tells nobody which references exist."""
    report = (
        FeedbackReport.objects.select_related("routed_to", "unit")
        .filter(reference=normalize_code(reference))
        .first()
    )
    given = _keyed_hash(normalize_code(secret))
    expected = report.secret_hash if report else _keyed_hash("")
    return report if hmac.compare_digest(given, expected) and report is not None else None


# --- the commission's decisions -----------------------------------------------------------


def _refuse_unless_handler(actor, report: FeedbackReport) -> None:
    if not selectors.can_handle(actor, report):
        raise DomainError("Đồng chí không có quyền xử lý phản ánh này.")


def _refuse_unless_waiting(report: FeedbackReport) -> None:
    if report.state not in WAITING_STATES:
        raise DomainError("Phản ánh này đã được xử lý; không xử lý lại được.")


def _tell_sender(report: FeedbackReport, *, actor, base_url: str) -> None:
    text = f"Phản ánh {report.reference}: {selectors.outcome_text(report)}"
    if report.sender_id:
        notice_send(
            actor=actor,
            users=[report.sender],
            text=text,
            url=reverse("feedback:mine"),
            base_url=base_url,
            subject="Kết quả xử lý phản ánh",
            sender_title=role_title(actor, report.routed_to),
        )
    elif report.contact_email:
        message = "\n".join([
            f"Kính gửi {report.contact_name or 'Ông/Bà'},", "", text, "",
            "Ông/Bà có thể xem lại kết quả tại trang Tra cứu phản ánh bằng mã tra cứu và mã "
            "bí mật đã nhận khi gửi.", "",
            "Thư này được gửi tự động từ phần mềm Học tập và làm theo Bác; đề nghị không trả "
            "lời thư này.",
        ])  # fmt: skip
        address = report.contact_email
        transaction.on_commit(lambda: _mail_quietly(address, message))


def _mail_quietly(address: str, body: str) -> None:
    try:
        send_mail("Kết quả xử lý phản ánh", body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # noqa: BLE001 - a mail server down must not undo the decision
        logger.exception("Không gửi được thư báo kết quả phản ánh.")


def _decide(report: FeedbackReport, *, actor, state: str, decision: str) -> None:
    report.state, report.decision = state, decision
    report.decided_at, report.decided_by = timezone.now(), actor


@transaction.atomic
def feedback_accept(
    *, actor, report: FeedbackReport, note: str = "", version: int, base_url: str = ""
) -> FeedbackReport:
    """new or forwarded → accepted (to be looked into)."""
    _refuse_unless_handler(actor, report)
    _refuse_unless_waiting(report)
    bump_version(report, version)
    _decide(report, actor=actor, state=FeedbackState.ACCEPTED, decision=nfc(note))
    tag(report, actor=actor, action=FeedbackAction.ACCEPTED, reason="Tiếp nhận phản ánh")
    report.save()
    _tell_sender(report, actor=actor, base_url=base_url)
    _tell_forwarder(report, actor=actor, outcome="đã được tiếp nhận để xem xét.", base_url=base_url)
    return report


@transaction.atomic
def feedback_reject(
    *, actor, report: FeedbackReport, reason: str, version: int, base_url: str = ""
) -> FeedbackReport:
    """new or forwarded → rejected, with the reason the sender reads."""
    _refuse_unless_handler(actor, report)
    _refuse_unless_waiting(report)
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi rõ lý do không tiếp nhận phản ánh.", field="reason")
    bump_version(report, version)
    _decide(report, actor=actor, state=FeedbackState.REJECTED, decision=reason)
    tag(report, actor=actor, action=FeedbackAction.REJECTED,
        reason=f"Không tiếp nhận: {reason}"[:250])  # fmt: skip
    report.save()
    _tell_sender(report, actor=actor, base_url=base_url)
    _tell_forwarder(report, actor=actor, outcome=f"không được tiếp nhận. Lý do: {reason}",
                    base_url=base_url)  # fmt: skip
    return report


@transaction.atomic
def feedback_forward(
    *, actor, report: FeedbackReport, to: OrgUnit, reason: str, version: int,
    base_url: str = "",
) -> FeedbackReport:  # fmt: skip
    """new or forwarded → forwarded to another level above the unit concerned, whose
    commission (or committee, when it has none) then handles it."""
    _refuse_unless_handler(actor, report)
    _refuse_unless_waiting(report)
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi rõ lý do chuyển phản ánh.", field="reason")
    if to.pk not in {u.pk for u in selectors.forward_targets(report)}:
        raise DomainError("Chỉ chuyển được đến một cấp trên khác của đơn vị bị phản ánh.",
                          field="to")  # fmt: skip
    receivers = feedback_receivers(report.unit, to)
    if receivers is None:
        raise DomainError(f"{to.name} chưa có ai tiếp nhận được phản ánh này.", field="to")
    bump_version(report, version)
    report.forwarded_from, report.forward_reason = report.routed_to, reason
    report.routed_to, report.handler = to, receivers[0].value
    report.state = FeedbackState.FORWARDED
    tag(report, actor=actor, action=FeedbackAction.FORWARDED,
        reason=f"Chuyển đến {to.name}: {reason}"[:250])  # fmt: skip
    report.save()
    _tell_handlers(
        report,
        actor=actor,
        text=f"{report.forwarded_from.name} chuyển đến phản ánh {report.reference} về "
        f"{report.unit.name}: {reason}",
        base_url=base_url,
    )
    _tell_sender(report, actor=actor, base_url=base_url)
    return report


@transaction.atomic
def feedback_open_inspection(
    *, actor, report: FeedbackReport, data: inspections.InspectionInput, version: int
) -> Inspection:
    """accepted → accepted with an inspection: the inspection goes into the receiving
    level's plan of the year (the plan is started when there is none yet)."""
    _refuse_unless_handler(actor, report)
    if report.state != FeedbackState.ACCEPTED:
        raise DomainError("Chỉ mở cuộc kiểm tra từ phản ánh đã tiếp nhận.")
    if report.inspection_id is not None:
        raise DomainError("Đã mở cuộc kiểm tra từ phản ánh này.")
    bump_version(report, version)
    year = data.starts_on.year
    plan = InspectionPlan.objects.filter(unit=report.routed_to, year=year).first()
    if plan is None:
        plan = inspections.plan_create(
            actor=actor, unit=report.routed_to, year=year,
            title=f"Kế hoạch kiểm tra, giám sát năm {year}",
        )  # fmt: skip
    inspection = inspections.inspection_create(actor=actor, plan=plan, data=data)
    report.inspection = inspection
    tag(report, actor=actor, action=FeedbackAction.INSPECTION_OPENED,
        reason=f"Mở cuộc kiểm tra: {inspection.subject}"[:250])  # fmt: skip
    report.save()
    _tell_sender(report, actor=actor, base_url="")
    return inspection


def inspection_prefill(report: FeedbackReport) -> dict:
    """The inspection form as a report suggests it: the unit concerned, the month of the
    event, starting today for a month. Nothing of the sender goes into it."""
    today = timezone.localdate()
    return {
        "kind": "inspection",
        # Neither the reference nor the sender's words: the subject is shown to the unit
        # inspected, and a complaint's text may say who wrote it.
        "subject": f"Kiểm tra, xác minh nội dung phản ánh liên quan đến {report.unit.name}"[:300],
        "unit": report.unit_id,
        "period_start": report.happened_on.replace(day=1),
        "period_end": today,
        "starts_on": today,
        "ends_on": min(today + timedelta(days=30), date(today.year, 12, 31)),
    }
