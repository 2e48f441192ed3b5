from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.documents import services
from lamtheo.documents.models import ReceiptState
from lamtheo.documents.tests.helpers import draft, issued

TODAY = timezone.localdate


@pytest.fixture
def receipt(tree):
    d = issued(tree.committee_user, tree.org, [tree.cell, tree.cell2])
    return d.receipts.get(unit=tree.cell)


def test_the_cells_secretary_acknowledges_and_it_is_kept_in_the_history(tree, receipt):
    services.receipt_acknowledge(
        actor=tree.secretary_user, receipt=receipt, version=receipt.version
    )
    receipt.refresh_from_db()
    assert receipt.state == ReceiptState.RECEIVED
    assert receipt.received_by == tree.secretary_user and receipt.received_at
    h = receipt.history.first()
    assert (h.history_user, h.history_change_reason) == (tree.secretary_user, "Xác nhận đã nhận")


def test_it_refuses_a_second_acknowledgement(tree, receipt):
    services.receipt_acknowledge(
        actor=tree.secretary_user, receipt=receipt, version=receipt.version
    )
    with pytest.raises(DomainError, match="rồi"):
        services.receipt_acknowledge(
            actor=tree.secretary_user, receipt=receipt, version=receipt.version
        )


def test_the_committee_above_does_not_acknowledge_for_a_cell(tree, receipt):
    # Đảng bộ Sở A's committee reaches Chi bộ 1 but does not sign for it.
    for user in (
        tree.committee_user,
        tree.propaganda_user,
        tree.member_user,
        tree.other_secretary_user,
    ):
        with pytest.raises(DomainError, match="đơn vị nhận"):
            services.receipt_acknowledge(actor=user, receipt=receipt, version=receipt.version)


def test_nothing_is_acknowledged_on_a_draft_or_a_withdrawn_document(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    r = d.receipts.get()
    with pytest.raises(DomainError, match="chưa được gửi"):
        services.receipt_acknowledge(actor=tree.secretary_user, receipt=r, version=r.version)
    services.document_send(actor=tree.committee_user, document=d, version=d.version)
    d.refresh_from_db()
    services.document_withdraw(
        actor=tree.committee_user, document=d, reason="Nhầm", version=d.version
    )
    r = d.receipts.get()
    with pytest.raises(DomainError, match="thu hồi"):
        services.receipt_acknowledge(actor=tree.secretary_user, receipt=r, version=r.version)
    with pytest.raises(DomainError, match="thu hồi"):
        services.receipt_report(
            actor=tree.secretary_user,
            receipt=r,
            text="x",
            implemented_on=TODAY(),
            version=r.version,
        )


def test_reporting_before_acknowledging_acknowledges_too(tree, receipt):
    services.receipt_report(
        actor=tree.secretary_user,
        receipt=receipt,
        text="Đã quán triệt tại sinh hoạt chi bộ",
        implemented_on=TODAY(),
        version=receipt.version,
    )
    receipt.refresh_from_db()
    assert receipt.state == ReceiptState.REPORTED
    assert receipt.received_at and receipt.received_by == tree.secretary_user


def test_a_report_may_be_updated_and_the_history_keeps_the_earlier_one(tree, receipt):
    services.receipt_report(
        actor=tree.secretary_user,
        receipt=receipt,
        text="Lần đầu",
        implemented_on=TODAY(),
        version=receipt.version,
    )
    services.receipt_report(
        actor=tree.secretary_user,
        receipt=receipt,
        text="Bổ sung",
        implemented_on=TODAY(),
        version=receipt.version,
    )
    texts = list(receipt.history.order_by("history_date").values_list("implementation", flat=True))
    assert texts[-2:] == ["Lần đầu", "Bổ sung"]
    assert receipt.history.first().history_change_reason == "Cập nhật kết quả thực hiện"


def test_it_refuses_an_empty_report_a_future_date_or_one_before_the_issue_date(tree, receipt):
    with pytest.raises(DomainError, match="Ghi ngắn gọn"):
        services.receipt_report(
            actor=tree.secretary_user,
            receipt=receipt,
            text="  ",
            implemented_on=TODAY(),
            version=receipt.version,
        )
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        services.receipt_report(
            actor=tree.secretary_user,
            receipt=receipt,
            text="x",
            implemented_on=TODAY() + timedelta(days=1),
            version=receipt.version,
        )
    with pytest.raises(DomainError, match="trước ngày ban hành"):
        services.receipt_report(
            actor=tree.secretary_user,
            receipt=receipt,
            text="x",
            implemented_on=receipt.document.issued_on - timedelta(days=1),
            version=receipt.version,
        )


def test_a_report_from_an_old_page_is_refused(tree, receipt):
    opened = receipt.version
    services.receipt_report(
        actor=tree.secretary_user,
        receipt=receipt,
        text="Một",
        implemented_on=TODAY(),
        version=opened,
    )
    with pytest.raises(StaleRecord):
        services.receipt_report(
            actor=tree.secretary_user,
            receipt=receipt,
            text="Hai",
            implemented_on=TODAY(),
            version=opened,
        )


def test_the_database_refuses_a_report_without_receipt(tree, receipt):
    receipt.reported_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        receipt.save()
