"""Reads of the register and the inbox, already scoped to the user.

Scope (orgs.scope): a document is seen by those who reach its issuer with
Capability.ISSUE_DOCUMENTS (the issuer's committee and the levels above) and by those who
reach one of its recipient units with Capability.RECEIVE_DOCUMENTS; a draft only by those who
may manage it. Acting (issuing, editing, withdrawing, reminding; acknowledging, reporting)
needs ISSUE_FOR_UNIT or RECEIVE_FOR_UNIT, whose reach is the unit itself: the bloc's officer
does not sign for a grassroots committee.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from lamtheo.core.vietnamese import fold, text_sorted
from lamtheo.documents.models import DocStatus, DocType, Document, Receipt
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, anchor_unit_ids, can
from lamtheo.orgs.tree import branch_of, subtree_q


def issuer_units(user) -> list[OrgUnit]:
    """Units the user may issue documents for: those they hold the role on, not below."""
    return list(
        OrgUnit.objects.filter(
            pk__in=anchor_unit_ids(user, Capability.ISSUE_FOR_UNIT), is_active=True
        ).order_by("path")
    )


def receiving_unit_ids(user) -> set[int]:
    return anchor_unit_ids(user, Capability.RECEIVE_FOR_UNIT)


def can_manage(user, document: Document) -> bool:
    return can(user, Capability.ISSUE_FOR_UNIT, document.issuer)


def can_act_on(user, receipt: Receipt) -> bool:
    return can(user, Capability.RECEIVE_FOR_UNIT, receipt.unit)


def can_view(user, document: Document) -> bool:
    if can_manage(user, document):
        return True
    if document.is_draft:
        return False
    if can(user, Capability.ISSUE_DOCUMENTS, document.issuer):
        return True
    units = OrgUnit.objects.filter(receipts__document=document)
    return any(can(user, Capability.RECEIVE_DOCUMENTS, u) for u in units)


def get_document_or_404(user, pk: int) -> Document:
    document = Document.objects.select_related("issuer", "file").filter(pk=pk).first()
    if document is None or not can_view(user, document):
        raise Http404("Không tìm thấy văn bản.")
    return document


def get_managed_document_or_404(user, pk: int) -> Document:
    document = get_document_or_404(user, pk)
    if not can_manage(user, document):
        raise Http404("Không tìm thấy văn bản.")
    return document


def get_receipt_or_404(user, pk: int) -> Receipt:
    receipt = get_object_or_404(
        Receipt.objects.select_related(
            "document__issuer", "document__file", "unit", "received_by", "reported_by"
        ),
        pk=pk,
        document__status__in=(DocStatus.SENT, DocStatus.WITHDRAWN),
    )
    if not can(user, Capability.RECEIVE_DOCUMENTS, receipt.unit):
        raise Http404("Không tìm thấy văn bản.")
    return receipt


def register(
    user, unit: OrgUnit, *, doc_type: str = "", year: int | None = None, search: str = ""
) -> QuerySet[Document]:
    """The unit's register (sổ đăng ký văn bản đi); drafts only for those who manage it."""
    qs = Document.objects.filter(issuer=unit)
    if not can(user, Capability.ISSUE_FOR_UNIT, unit):
        qs = qs.exclude(status=DocStatus.DRAFT)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if year:
        qs = qs.filter(year=year)
    if search.strip():
        for word in fold(search).split():
            qs = qs.filter(search_text__contains=word)
    return qs.annotate(
        n_receipts=Count("receipts"),
        n_received=Count("receipts", filter=Q(receipts__received_at__isnull=False)),
        n_reported=Count("receipts", filter=Q(receipts__reported_at__isnull=False)),
    ).order_by("-issued_on", "-number_value", "-pk")


def inbox(user, *, only_pending: bool = False) -> QuerySet[Receipt]:
    """Documents sent to the units the user holds a receiving role on (văn bản đến)."""
    qs = Receipt.objects.filter(
        unit_id__in=receiving_unit_ids(user),
        document__status__in=(DocStatus.SENT, DocStatus.WITHDRAWN),
    ).select_related("document__issuer", "unit")
    if only_pending:
        qs = qs.filter(received_at__isnull=True, document__status=DocStatus.SENT)
    return qs.order_by("received_at" if only_pending else "-document__sent_at", "-pk")


def unread_count(user) -> int:
    ids = receiving_unit_ids(user)
    if not ids:
        return 0
    return Receipt.objects.filter(
        unit_id__in=ids, received_at__isnull=True, document__status=DocStatus.SENT
    ).count()


@dataclass
class ReceiptRow:
    receipt: Receipt
    overdue: bool


def receipt_rows(document: Document, today: date) -> list[ReceiptRow]:
    rows = []
    for r in document.receipts.select_related("unit", "received_by", "reported_by").order_by(
        "unit__path"
    ):
        overdue = bool(document.deadline and not r.reported_at and today > document.deadline)
        rows.append(ReceiptRow(r, overdue))
    return rows


# Units that count as grassroots organizations (tổ chức cơ sở đảng).
GRASSROOTS_KINDS = ("grassroots", "grassroots_cell", "commune")
CELL_KINDS = ("cell", "grassroots_cell")


def recipient_candidates(issuer: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(subtree_q(issuer.path), is_active=True).exclude(pk=issuer.pk)


def recipients_for(issuer: OrgUnit, mode: str, picked: list[int] | None = None) -> list[OrgUnit]:
    """The recipient units a choice on the form means."""
    units = recipient_candidates(issuer)
    if mode == "children":
        units = units.filter(parent=issuer)
    elif mode == "grassroots":
        units = units.filter(kind__in=GRASSROOTS_KINDS)
    elif mode == "cells":
        units = units.filter(kind__in=CELL_KINDS)
    else:
        units = units.filter(pk__in=picked or [])
    return list(units.order_by("path"))


# --- Counts by type, for reports ("ban hành 8 kế hoạch, 5 hướng dẫn và 15 công văn") ---

PERIODS = {"thang": "Tháng", "quy": "Quý", "nam": "Năm"}


@dataclass
class CountRow:
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[int]:
        return [self.counts.get(t, 0) for t in DocType.values]


def type_counts(unit: OrgUnit, year: int, period: str) -> list[CountRow]:
    """Documents sent by the unit and every unit below it in `year`, by type, one row per
    month, quarter or the year (one query whatever the subtree's size). Withdrawn documents
    do not count: they are no longer in force."""
    raw = (
        Document.objects.filter(
            subtree_q(unit.path, "issuer__path"), year=year, status=DocStatus.SENT
        )
        .annotate(m=ExtractMonth("issued_on"))
        .values("m", "doc_type")
        .annotate(n=Count("pk"))
    )
    if period == "thang":
        rows = [CountRow(f"Tháng {m:02d}/{year}") for m in range(1, 13)]
        slot = lambda m: m - 1  # noqa: E731
    elif period == "quy":
        rows = [CountRow(f"Quý {roman}/{year}") for roman in ("I", "II", "III", "IV")]
        slot = lambda m: (m - 1) // 3  # noqa: E731
    else:
        rows = [CountRow(f"Năm {year}")]
        slot = lambda m: 0  # noqa: E731
    for r in raw:
        counts = rows[slot(r["m"])].counts
        counts[r["doc_type"]] = counts.get(r["doc_type"], 0) + r["n"]
    return rows


@dataclass
class ChildCountRow(CountRow):
    unit: OrgUnit | None = None
    own: bool = False  # the unit's own register, not a child's subtree


def child_counts(unit: OrgUnit, year: int) -> list[ChildCountRow]:
    """The year's documents by type: one row for the unit's own register and one per child
    unit (its whole subtree rolled up by path prefix). Two queries whatever the size."""
    # In Vietnamese order of their names ("Cấp cứu" before "Chẩn đoán"; the database's
    # collation would put "Đảng bộ …" last).
    children = text_sorted(unit.children.filter(is_active=True), lambda c: c.name)
    rows = [ChildCountRow(unit.name, unit=unit, own=True)]
    rows += [ChildCountRow(c.name, unit=c) for c in children]
    by_prefix = {c.path: r for c, r in zip(children, rows[1:], strict=True)}
    raw = (
        Document.objects.filter(
            subtree_q(unit.path, "issuer__path"), year=year, status=DocStatus.SENT
        )
        .values("issuer__path", "doc_type")
        .annotate(n=Count("pk"))
    )
    for r in raw:
        path = r["issuer__path"]
        row = rows[0] if path == unit.path else by_prefix.get(branch_of(path, unit.path))
        if row is not None:
            row.counts[r["doc_type"]] = row.counts.get(r["doc_type"], 0) + r["n"]
    return rows


def total_row(rows: list[CountRow]) -> CountRow:
    total = CountRow("Cộng")
    for r in rows:
        for k, v in r.counts.items():
            total.counts[k] = total.counts.get(k, 0) + v
    return total


def counts_sentence(total: CountRow) -> str:
    """ "ban hành 8 kế hoạch, 5 hướng dẫn và 15 công văn" (types in the usual order)."""
    parts = [
        f"{total.counts[t.value]} {t.label.lower()}" for t in DocType if total.counts.get(t.value)
    ]
    if not parts:
        return "chưa ban hành văn bản nào"
    if len(parts) == 1:
        return f"ban hành {parts[0]}"
    return f"ban hành {', '.join(parts[:-1])} và {parts[-1]}"
