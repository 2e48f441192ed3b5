from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.pledges import services
from lamtheo.pledges.models import Pledge, PledgeStatus

YEAR = date.today().year


def write(tree, texts=("Hoàn thành 100% hồ sơ đúng hạn trong năm",)):
    pledge = services.pledge_start(actor=tree.member_user, person=tree.member, year=YEAR)
    items = [services.ItemInput(area=tree.areas[0], text=t) for t in texts]
    services.pledge_save_items(
        actor=tree.member_user, pledge=pledge, items=items, version=pledge.version
    )
    return pledge


def test_a_member_writes_and_submits_a_registration(tree):
    pledge = write(tree)
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.SUBMITTED
    assert pledge.submitted_at is not None
    assert pledge.items.count() == 1


def test_it_refuses_a_second_submission(tree):
    pledge = write(tree)
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    with pytest.raises(DomainError):
        services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)


def test_it_refuses_to_submit_an_empty_registration(tree):
    pledge = services.pledge_start(actor=tree.member_user, person=tree.member, year=YEAR)
    with pytest.raises(DomainError):
        services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)


def test_the_secretary_accepts_a_submitted_registration(tree):
    pledge = write(tree)
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    services.pledge_accept(
        actor=tree.secretary_user, pledge=pledge, version=pledge.version, comment="Đạt yêu cầu"
    )
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.ACCEPTED
    assert pledge.decided_by == tree.secretary_user


def test_a_draft_cannot_be_accepted(tree):
    pledge = write(tree)
    with pytest.raises(DomainError):
        services.pledge_accept(actor=tree.secretary_user, pledge=pledge, version=pledge.version)


def test_returning_needs_a_comment_and_lets_the_member_edit_again(tree):
    pledge = write(tree)
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    with pytest.raises(DomainError):
        services.pledge_return(
            actor=tree.secretary_user, pledge=pledge, version=pledge.version, comment="  "
        )
    services.pledge_return(
        actor=tree.secretary_user, pledge=pledge, version=pledge.version, comment="Ghi rõ chỉ tiêu"
    )
    assert pledge.is_editable_by_member
    items = [services.ItemInput(area=tree.areas[0], text="Hoàn thành 100% hồ sơ trước 30/6")]
    services.pledge_save_items(
        actor=tree.member_user, pledge=pledge, items=items, version=pledge.version
    )
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.SUBMITTED


def test_a_submitted_registration_cannot_be_edited(tree):
    pledge = write(tree)
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    with pytest.raises(DomainError):
        services.pledge_save_items(
            actor=tree.member_user,
            pledge=pledge,
            version=pledge.version,
            items=[services.ItemInput(area=tree.areas[0], text="x")],
        )


def test_a_second_save_from_a_stale_page_is_refused(tree):
    pledge = write(tree)
    stale = pledge.version - 1
    with pytest.raises(StaleRecord):
        services.pledge_save_items(
            actor=tree.member_user,
            pledge=pledge,
            version=stale,
            items=[services.ItemInput(area=tree.areas[0], text="x")],
        )
    assert pledge.items.get().text.startswith("Hoàn thành 100%")


def test_the_database_allows_one_registration_per_person_per_year(tree):
    write(tree)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(person=tree.member, year=YEAR, unit=tree.cell)


def test_every_change_is_in_the_audit_trail_with_its_author(tree):
    pledge = write(tree)
    services.pledge_submit(actor=tree.member_user, pledge=pledge, version=pledge.version)
    services.pledge_return(
        actor=tree.secretary_user, pledge=pledge, version=pledge.version, comment="Cần cụ thể hơn"
    )
    rows = list(pledge.history.order_by("history_date"))
    assert [r.status for r in rows][-2:] == ["submitted", "returned"]
    assert rows[-1].history_user == tree.secretary_user
    assert rows[-1].history_change_reason == "Chi bộ trả lại bản đăng ký"


def test_text_in_nfd_is_stored_in_nfc(tree):
    import unicodedata

    pledge = write(tree, texts=(unicodedata.normalize("NFD", "Tiếp công dân hằng tuần"),))
    text = pledge.items.get().text
    assert text == unicodedata.normalize("NFC", text)
