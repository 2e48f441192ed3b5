"""Writes on the register and the receipts. Each transition is one service:

document: (create) draft ─send→ sent ─withdraw→ withdrawn; a draft may be discarded,
          a sent document never is (a correction is an edit, kept in the history).
receipt:  pending ─acknowledge→ received ─report→ reported (a report may be updated;
          reporting a pending receipt acknowledges it too: one cannot report on a
          document one has not received).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheo.core.audit import bump_version, tag, tag_all
from lamtheo.core.dates import format_date, historical_date_problem, latest_scheduled_date
from lamtheo.core.errors import DomainError
from lamtheo.core.models import StoredFile
from lamtheo.core.notices import last_sent, notice_send, refuse_repeat
from lamtheo.core.vietnamese import fold, nfc
from lamtheo.documents.actions import DocumentAction
from lamtheo.documents.models import DocStatus, DocType, Document, Receipt
from lamtheo.documents.selectors import (
    can_act_on,
    can_manage,
    issuer_units,
    recipient_candidates,
)
from lamtheo.documents.symbols import SymbolError, parse_symbol
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, holders
from lamtheo.orgs.selectors import role_title


@dataclass
class DocumentInput:
    doc_type: str
    symbol: str
    issued_on: date
    summary: str
    signer: str
    deadline: date | None = None
    file: StoredFile | None = None  # None keeps the current file


def _refuse_unless_manager(actor, document: Document) -> None:
    if not can_manage(actor, document):
        raise DomainError("Đồng chí không có quyền quản lý văn bản của đơn vị này.")


def _apply(document: Document, data: DocumentInput) -> None:
    if data.doc_type not in DocType.values:
        raise DomainError("Loại văn bản không hợp lệ.", field="doc_type")
    try:
        symbol = parse_symbol(data.symbol, expected_code=data.doc_type)
    except SymbolError as e:
        raise DomainError(str(e), field="symbol") from e
    summary, signer = nfc(data.summary), nfc(data.signer)
    if not summary:
        raise DomainError("Nhập trích yếu nội dung văn bản.", field="summary")
    if data.doc_type == DocType.LETTER and not summary.lower().startswith("v/v"):
        # A công văn's summary reads "V/v …" (về việc).
        summary = f"V/v {summary[:1].lower()}{summary[1:]}"
    if not signer:
        raise DomainError("Nhập họ tên người ký văn bản.", field="signer")
    today = timezone.localdate()
    if data.issued_on > today:
        raise DomainError("Ngày ban hành không thể sau ngày hôm nay.", field="issued_on")
    if problem := historical_date_problem(data.issued_on, on=today, what="Ngày ban hành"):
        raise DomainError(problem, field="issued_on")
    if data.deadline and data.deadline < data.issued_on:
        raise DomainError("Hạn báo cáo phải từ ngày ban hành trở đi.", field="deadline")
    if data.deadline and data.deadline > (latest := latest_scheduled_date(today)):
        # A typing slip (2062 for 2026) would keep the document "not yet due" for decades.
        raise DomainError(
            f"Hạn báo cáo không được sau ngày {format_date(latest)}; vui lòng kiểm tra lại năm.",
            field="deadline",
        )
    clash = Document.objects.filter(
        issuer_id=document.issuer_id, year=data.issued_on.year, symbol=symbol.text
    ).exclude(pk=document.pk)
    if clash.exists():
        raise DomainError(
            f"Đơn vị đã có văn bản số {symbol.text} trong năm {data.issued_on.year}.",
            field="symbol",
        )
    document.doc_type = data.doc_type
    document.number, document.number_value = symbol.number, symbol.number_value
    document.symbol, document.year = symbol.text, data.issued_on.year
    document.issued_on, document.summary, document.signer = data.issued_on, summary, signer
    document.deadline = data.deadline
    if data.file is not None:
        document.file = data.file
    document.search_text = fold(f"{symbol.text} {summary}")[:600]


def _save(document: Document) -> None:
    # The database constraint is the last word when two people save the same number.
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as e:
        raise DomainError(
            f"Đơn vị đã có văn bản số {document.symbol} trong năm {document.year}.",
            field="symbol",
        ) from e


@transaction.atomic
def document_create(
    *, actor, issuer: OrgUnit, data: DocumentInput, recipients: list[OrgUnit]
) -> Document:
    """Enter a document in the register as a draft; it reaches nobody until it is sent."""
    if issuer.pk not in {u.pk for u in issuer_units(actor)}:
        raise DomainError("Đồng chí không có quyền ban hành văn bản của đơn vị này.")
    document = Document(issuer=issuer, created_by=actor)
    _apply(document, data)
    if document.file is None:
        raise DomainError("Chọn tệp văn bản để tải lên.", field="file")
    tag(
        document,
        actor=actor,
        action=DocumentAction.DOCUMENT_CREATED,
        reason="Vào sổ văn bản (chưa gửi)",
    )
    _save(document)
    _set_recipients(actor, document, recipients)
    return document


def _set_recipients(actor, document: Document, recipients: list[OrgUnit]) -> None:
    if not recipients:
        raise DomainError("Chọn ít nhất một đơn vị nhận văn bản.", field="recipients")
    allowed = set(recipient_candidates(document.issuer).values_list("pk", flat=True))
    if any(u.pk not in allowed for u in recipients):
        raise DomainError(
            "Chỉ gửi được đến các đơn vị trực thuộc đơn vị ban hành.", field="recipients"
        )
    dropped = document.receipts.exclude(unit__in=recipients)
    with tag_all(actor=actor, action=DocumentAction.RECEIPT_REMOVED, reason="Bỏ đơn vị nhận"):
        dropped.delete()
    have = set(document.receipts.values_list("unit_id", flat=True))
    Receipt.objects.bulk_create(
        [Receipt(document=document, unit=u) for u in recipients if u.pk not in have]
    )


@transaction.atomic
def document_update(
    *,
    actor,
    document: Document,
    data: DocumentInput,
    version: int,
    recipients: list[OrgUnit] | None = None,
    reason: str = "",
) -> Document:
    """Edit a draft, or correct a sent document (đính chính: the reason is kept in the
    history). Recipients change only while the document is a draft."""
    _refuse_unless_manager(actor, document)
    if document.status == DocStatus.WITHDRAWN:
        raise DomainError("Văn bản đã thu hồi, không sửa được nữa.")
    reason = nfc(reason)
    if document.is_sent and not reason:
        raise DomainError("Văn bản đã gửi: ghi rõ nội dung đính chính.", field="reason")
    bump_version(document, version)
    _apply(document, data)
    if document.is_sent:
        action, why = DocumentAction.DOCUMENT_CORRECTED, f"Đính chính: {reason}"
    else:
        action, why = DocumentAction.DOCUMENT_EDITED, "Sửa văn bản chưa gửi"
    tag(document, actor=actor, action=action, reason=why)
    _save(document)
    if recipients is not None and document.is_draft:
        _set_recipients(actor, document, recipients)
    return document


@transaction.atomic
def document_discard(*, actor, document: Document) -> None:
    """Delete a draft. A document that was sent stays in the register for good."""
    _refuse_unless_manager(actor, document)
    if not document.is_draft:
        raise DomainError("Văn bản đã gửi không được xóa; có thể đính chính hoặc thu hồi.")
    why = "Xóa văn bản chưa gửi"
    tag(document, actor=actor, action=DocumentAction.DOCUMENT_DISCARDED, reason=why)
    # The draft's receipts go with it (a cascade): their history rows say so too.
    with tag_all(actor=actor, action=DocumentAction.RECEIPT_REMOVED, reason=why):
        document.delete()


def _receivers(units) -> list:
    """Who acknowledges and reports for `units`: the people holding the role on each one."""
    return [r.user for r in holders(Capability.RECEIVE_FOR_UNIT, units).select_related("user")]


@transaction.atomic
def document_send(
    *, actor, document: Document, version: int, url: str = "", base_url: str = ""
) -> int:
    """Send a draft to its recipient units; returns how many people were notified."""
    _refuse_unless_manager(actor, document)
    if not document.is_draft:
        raise DomainError("Văn bản này đã được gửi.")
    if not document.receipts.exists():
        raise DomainError("Văn bản chưa có đơn vị nhận.")
    if document.file_id is None:
        raise DomainError("Văn bản chưa có tệp đính kèm.")
    bump_version(document, version)
    document.status, document.sent_at = DocStatus.SENT, timezone.now()
    tag(
        document,
        actor=actor,
        action=DocumentAction.DOCUMENT_SENT,
        reason="Gửi văn bản đến các đơn vị nhận",
    )
    document.save()
    return notice_send(
        actor=actor,
        users=_receivers(OrgUnit.objects.filter(receipts__document=document)),
        text=f"{document.issuer.name} gửi {document.get_doc_type_display().lower()} số "
        f"{document.symbol}: {document.summary}"[:480],
        url=url,
        base_url=base_url,
        subject=f"Văn bản đến: {document.symbol}",
        sender_title=role_title(actor, document.issuer),
    )


@transaction.atomic
def document_withdraw(*, actor, document: Document, reason: str, version: int) -> Document:
    _refuse_unless_manager(actor, document)
    if document.is_draft:
        raise DomainError("Văn bản chưa gửi thì xóa, không cần thu hồi.")
    if document.status == DocStatus.WITHDRAWN:
        raise DomainError("Văn bản này đã được thu hồi.")
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi rõ lý do thu hồi văn bản.", field="reason")
    bump_version(document, version)
    document.status, document.withdrawn_at = DocStatus.WITHDRAWN, timezone.now()
    document.withdrawn_reason = reason
    tag(
        document,
        actor=actor,
        action=DocumentAction.DOCUMENT_WITHDRAWN,
        reason=f"Thu hồi: {reason}",
    )
    document.save()
    return document


@dataclass
class Reminder:
    units: list[OrgUnit]
    reminded: int
    units_without_receiver: list[OrgUnit]


def _lagging_units(document: Document) -> list[OrgUnit]:
    lagging = document.receipts.filter(received_at__isnull=True)
    if document.deadline:
        lagging = document.receipts.filter(reported_at__isnull=True)
    return [r.unit for r in lagging.select_related("unit").order_by("unit__path")]


def _reminder_text(document: Document) -> str:
    due = (
        f" Hạn báo cáo kết quả thực hiện: {document.deadline:%d/%m/%Y}."
        if document.deadline
        else ""
    )
    return (
        f"Đề nghị đồng chí xác nhận đã nhận và báo cáo kết quả thực hiện văn bản số "
        f"{document.symbol} của {document.issuer.name}.{due}"
    )


def document_last_reminded(document: Document):
    """When the receivers of the lagging units were last reminded of this document."""
    units = _lagging_units(document)
    if not units:
        return None
    return last_sent(users=[u.pk for u in _receivers(units)], text=_reminder_text(document))


@transaction.atomic
def document_remind(
    *, actor, document: Document, url: str = "", base_url: str = "", confirmed: bool = False
) -> Reminder:
    """Remind the units that have not acknowledged (or, when the document asks for a
    report by a deadline, not reported), through the people holding a receiving role
    on those units themselves. The same people are reminded again within 24 hours only
    when the sender confirms it."""
    _refuse_unless_manager(actor, document)
    if not document.is_sent:
        raise DomainError("Chỉ nhắc được văn bản đang có hiệu lực đã gửi.")
    units = _lagging_units(document)
    if not units:
        raise DomainError("Các đơn vị đều đã nhận và báo cáo; không cần nhắc.")
    users = _receivers(units)
    text = _reminder_text(document)
    refuse_repeat(users=[u.pk for u in users], text=text, confirmed=confirmed)
    # RECEIVE_FOR_UNIT reaches the unit itself: a holder's role is on the unit it covers.
    covered = set(holders(Capability.RECEIVE_FOR_UNIT, units).values_list("unit_id", flat=True))
    reminded = notice_send(
        actor=actor,
        users=users,
        url=url,
        base_url=base_url,
        subject=f"Nhắc nhở: văn bản số {document.symbol}",
        text=text,
    )
    return Reminder(units, reminded, [u for u in units if u.pk not in covered])


def _refuse_unless_receiver(actor, receipt: Receipt) -> None:
    if not can_act_on(actor, receipt):
        raise DomainError("Chỉ cấp ủy, bí thư của đơn vị nhận mới xác nhận được văn bản này.")
    if receipt.document.status == DocStatus.WITHDRAWN:
        raise DomainError("Văn bản đã bị thu hồi.")
    if receipt.document.status != DocStatus.SENT:
        raise DomainError("Văn bản chưa được gửi.")


@transaction.atomic
def receipt_acknowledge(*, actor, receipt: Receipt, version: int) -> Receipt:
    _refuse_unless_receiver(actor, receipt)
    if receipt.received_at:
        raise DomainError("Đơn vị đã xác nhận nhận văn bản này rồi.")
    bump_version(receipt, version)
    receipt.received_at, receipt.received_by = timezone.now(), actor
    tag(
        receipt,
        actor=actor,
        action=DocumentAction.RECEIPT_ACKNOWLEDGED,
        reason="Xác nhận đã nhận",
    )
    receipt.save()
    return receipt


@transaction.atomic
def receipt_report(
    *, actor, receipt: Receipt, text: str, implemented_on: date, version: int
) -> Receipt:
    """Record (or update) how the unit implemented the document; acknowledges it too."""
    _refuse_unless_receiver(actor, receipt)
    text = nfc(text)
    if not text:
        raise DomainError(
            "Ghi ngắn gọn đơn vị đã thực hiện văn bản thế nào.", field="implementation"
        )
    if implemented_on > timezone.localdate():
        raise DomainError("Ngày thực hiện không thể sau ngày hôm nay.", field="implemented_on")
    if implemented_on < receipt.document.issued_on:
        raise DomainError(
            "Ngày thực hiện không thể trước ngày ban hành văn bản.", field="implemented_on"
        )
    bump_version(receipt, version)
    now = timezone.now()
    first = receipt.reported_at is None
    if receipt.received_at is None:
        receipt.received_at, receipt.received_by = now, actor
    receipt.implementation, receipt.implemented_on = text, implemented_on
    receipt.reported_at, receipt.reported_by = now, actor
    if first:
        action, why = DocumentAction.RECEIPT_REPORTED, "Báo cáo kết quả thực hiện"
    else:
        action, why = DocumentAction.RECEIPT_REPORT_UPDATED, "Cập nhật kết quả thực hiện"
    tag(receipt, actor=actor, action=action, reason=why)
    receipt.save()
    return receipt
