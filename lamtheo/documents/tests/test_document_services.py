from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.models import Notice
from lamtheo.documents import services
from lamtheo.documents.models import DocStatus, DocType, Document, Receipt
from lamtheo.documents.tests.helpers import a_file, data, draft, issued


def test_it_enters_a_draft_with_one_receipt_per_recipient_unit(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell, tree.cell2], "101B-KH/ĐU")
    assert d.status == DocStatus.DRAFT
    assert (d.number, d.number_value, d.symbol) == ("101B", 101, "101B-KH/ĐU")
    assert set(d.receipts.values_list("unit", flat=True)) == {tree.cell.pk, tree.cell2.pk}
    assert d.history.first().history_user == tree.committee_user


def test_it_refuses_an_issuer_where_the_user_holds_no_role_even_below_their_unit(tree):
    # The bloc's officer reaches Đảng bộ Sở A but holds no role there.
    with pytest.raises(DomainError, match="không có quyền"):
        draft(tree.propaganda_user, tree.org, [tree.cell])
    with pytest.raises(DomainError, match="không có quyền"):
        draft(tree.member_user, tree.cell, [tree.cell])
    with pytest.raises(DomainError, match="không có quyền"):
        draft(tree.admin_user, tree.bloc, [tree.org])


def test_it_refuses_recipients_outside_the_issuers_subtree(tree):
    with pytest.raises(DomainError, match="trực thuộc"):
        draft(tree.committee_user, tree.org, [tree.cell, tree.cell_b])
    with pytest.raises(DomainError, match="trực thuộc"):
        draft(tree.committee_user, tree.org, [tree.org])
    with pytest.raises(DomainError, match="ít nhất một"):
        draft(tree.committee_user, tree.org, [])


def test_it_refuses_a_symbol_whose_code_does_not_match_the_type(tree):
    with pytest.raises(DomainError, match="không khớp") as e:
        draft(tree.committee_user, tree.org, [tree.cell], "12-CV/ĐU", doc_type=DocType.PLAN)
    assert e.value.field == "symbol"


def test_it_refuses_the_same_number_twice_for_one_issuer_in_a_year(tree):
    draft(tree.committee_user, tree.org, [tree.cell], "12-CV/ĐU", doc_type=DocType.LETTER)
    with pytest.raises(DomainError, match="đã có văn bản số 12-CV/ĐU"):
        draft(tree.committee_user, tree.org, [tree.cell2], "12-CV/ĐU", doc_type=DocType.LETTER)
    # Another issuer may use the same symbol text.
    draft(tree.propaganda_user, tree.bloc, [tree.org], "12-CV/ĐU", doc_type=DocType.LETTER)


def test_the_database_refuses_a_duplicate_symbol_per_issuer_and_year(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell], "12-CV/ĐU", doc_type=DocType.LETTER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(
            issuer=tree.org,
            doc_type=DocType.LETTER,
            year=d.year,
            number="12",
            symbol="12-CV/ĐU",
            issued_on=d.issued_on,
            summary="x",
            signer="y",
        )


def test_a_letters_summary_reads_v_v(tree):
    d = draft(
        tree.committee_user,
        tree.org,
        [tree.cell],
        "3-CV/ĐU",
        doc_type=DocType.LETTER,
        summary="Báo cáo kết quả học tập",
    )
    assert d.summary == "V/v báo cáo kết quả học tập"


def test_it_refuses_an_issue_date_in_the_future_and_a_deadline_before_it(tree):
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        draft(tree.committee_user, tree.org, [tree.cell], days_ago=-1)
    with pytest.raises(DomainError, match="Hạn báo cáo"):
        draft(
            tree.committee_user,
            tree.org,
            [tree.cell],
            deadline=timezone.localdate() - timedelta(days=30),
        )


def test_it_refuses_typing_slips_in_the_year_of_a_date(tree):
    today = timezone.localdate()
    with pytest.raises(DomainError, match="Ngày ban hành phải từ ngày 03/02/1930"):
        draft(tree.committee_user, tree.org, [tree.cell], days_ago=(today - date(1026, 3, 5)).days)
    slip = today.replace(year=today.year + 36)
    with pytest.raises(DomainError, match="Hạn báo cáo không được sau ngày") as refused:
        draft(tree.committee_user, tree.org, [tree.cell], deadline=slip)
    assert refused.value.field == "deadline"
    a_year_on = today + timedelta(days=365)
    assert (
        draft(tree.committee_user, tree.org, [tree.cell], deadline=a_year_on).deadline == a_year_on
    )


def test_sending_makes_it_reach_the_receivers_and_notifies_them(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell, tree.cell2])
    n = services.document_send(actor=tree.committee_user, document=d, version=d.version)
    d.refresh_from_db()
    assert d.status == DocStatus.SENT and d.sent_at is not None
    # Chi bộ 1 has a secretary; Chi bộ 2 has nobody with a receiving role.
    assert n == 1
    assert Notice.objects.filter(user=tree.secretary_user, text__contains=d.symbol).exists()


def test_it_refuses_to_send_twice_or_with_a_stale_version(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    with pytest.raises(StaleRecord):
        services.document_send(actor=tree.committee_user, document=d, version=d.version - 1)
    services.document_send(actor=tree.committee_user, document=d, version=d.version)
    with pytest.raises(DomainError, match="đã được gửi"):
        services.document_send(actor=tree.committee_user, document=d, version=d.version)


def test_only_the_issuers_own_committee_sends(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    with pytest.raises(DomainError, match="không có quyền"):
        services.document_send(actor=tree.propaganda_user, document=d, version=d.version)


def test_a_draft_may_be_discarded_but_a_sent_document_never(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    services.document_discard(actor=tree.committee_user, document=d)
    assert not Document.objects.filter(pk=d.pk).exists()
    s = issued(tree.committee_user, tree.org, [tree.cell], "2-KH/ĐU")
    with pytest.raises(DomainError, match="không được xóa"):
        services.document_discard(actor=tree.committee_user, document=s)
    assert Document.objects.filter(pk=s.pk).exists()


def test_editing_a_draft_changes_its_recipients(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    services.document_update(
        actor=tree.committee_user,
        document=d,
        version=d.version,
        data=data("1-KH/ĐU"),
        recipients=[tree.cell2],
    )
    assert list(d.receipts.values_list("unit", flat=True)) == [tree.cell2.pk]


def test_a_correction_of_a_sent_document_needs_a_reason_and_is_kept_in_the_history(tree):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    with pytest.raises(DomainError, match="đính chính"):
        services.document_update(
            actor=tree.committee_user,
            document=d,
            version=d.version,
            data=data("1-KH/ĐU", summary="Sửa"),
        )
    services.document_update(
        actor=tree.committee_user,
        document=d,
        version=d.version,
        data=data("1-KH/ĐU", summary="Kế hoạch đã sửa"),
        reason="Sửa trích yếu",
        recipients=[tree.cell2],
    )
    d.refresh_from_db()
    assert d.summary == "Kế hoạch đã sửa" and d.file_id is not None
    # Recipients of a sent document do not change.
    assert list(d.receipts.values_list("unit", flat=True)) == [tree.cell.pk]
    assert d.history.first().history_change_reason == "Đính chính: Sửa trích yếu"


def test_a_second_edit_from_an_old_page_is_refused(tree):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    opened = d.version
    services.document_update(
        actor=tree.committee_user,
        document=d,
        version=opened,
        data=data("1-KH/ĐU"),
        reason="Lần một",
    )
    stale = Document.objects.get(pk=d.pk)
    with pytest.raises(StaleRecord):
        services.document_update(
            actor=tree.committee_user,
            document=stale,
            version=opened,
            data=data("1-KH/ĐU"),
            reason="Lần hai",
        )


def test_withdrawing_needs_a_reason_and_happens_once(tree):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    with pytest.raises(DomainError, match="lý do"):
        services.document_withdraw(
            actor=tree.committee_user, document=d, reason=" ", version=d.version
        )
    services.document_withdraw(
        actor=tree.committee_user, document=d, reason="Ban hành nhầm", version=d.version
    )
    d.refresh_from_db()
    assert d.status == DocStatus.WITHDRAWN and d.withdrawn_reason == "Ban hành nhầm"
    with pytest.raises(DomainError, match="đã được thu hồi"):
        services.document_withdraw(
            actor=tree.committee_user, document=d, reason="Lại", version=d.version
        )
    with pytest.raises(DomainError, match="không sửa được"):
        services.document_update(
            actor=tree.committee_user,
            document=d,
            version=d.version,
            data=data("1-KH/ĐU"),
            reason="x",
        )


def test_a_draft_is_discarded_rather_than_withdrawn(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    with pytest.raises(DomainError, match="xóa"):
        services.document_withdraw(
            actor=tree.committee_user, document=d, reason="x", version=d.version
        )


def test_it_requires_a_file(tree):
    with pytest.raises(DomainError, match="tệp") as e:
        services.document_create(
            actor=tree.committee_user, issuer=tree.org, data=data("1-KH/ĐU"), recipients=[tree.cell]
        )
    assert e.value.field == "file"
    assert not Receipt.objects.exists()


def test_a_new_file_replaces_the_old_one_on_correction(tree):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    old = d.file_id
    services.document_update(
        actor=tree.committee_user,
        document=d,
        version=d.version,
        data=data("1-KH/ĐU", file=a_file()),
        reason="Thay tệp",
    )
    assert d.file_id != old
