from __future__ import annotations

import pytest
from django.utils import timezone

from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice
from lamtheo.documents import services
from lamtheo.documents.tests.helpers import draft, issued


def test_it_reminds_the_receivers_of_units_that_have_not_acknowledged(tree):
    d = issued(tree.propaganda_user, tree.bloc, [tree.org, tree.cell_b], "5-KH/ĐUK")
    r = d.receipts.get(unit=tree.cell_b)
    services.receipt_acknowledge(actor=tree.other_secretary_user, receipt=r, version=r.version)
    Notice.objects.all().delete()
    result = services.document_remind(actor=tree.propaganda_user, document=d)
    assert [u.pk for u in result.units] == [tree.org.pk]
    assert result.reminded == 1
    assert list(Notice.objects.values_list("user", flat=True)) == [tree.committee_user.pk]
    assert "5-KH/ĐUK" in Notice.objects.get().text


def test_with_a_deadline_it_reminds_those_who_have_not_reported(tree):
    deadline = timezone.localdate()
    d = issued(tree.committee_user, tree.org, [tree.cell, tree.cell2], deadline=deadline)
    r = d.receipts.get(unit=tree.cell)
    services.receipt_acknowledge(actor=tree.secretary_user, receipt=r, version=r.version)
    result = services.document_remind(actor=tree.committee_user, document=d)
    assert {u.pk for u in result.units} == {tree.cell.pk, tree.cell2.pk}
    # Chi bộ 2 has no one with a receiving role: it must be reminded in person.
    assert [u.pk for u in result.units_without_receiver] == [tree.cell2.pk]


def test_it_refuses_when_every_unit_has_done_its_part(tree):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    r = d.receipts.get()
    services.receipt_acknowledge(actor=tree.secretary_user, receipt=r, version=r.version)
    with pytest.raises(DomainError, match="không cần nhắc"):
        services.document_remind(actor=tree.committee_user, document=d)


def test_it_refuses_a_draft_and_another_units_document(tree):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    with pytest.raises(DomainError, match="đã gửi"):
        services.document_remind(actor=tree.committee_user, document=d)
    s = issued(tree.committee_user, tree.org, [tree.cell], "2-KH/ĐU")
    with pytest.raises(DomainError, match="không có quyền"):
        services.document_remind(actor=tree.propaganda_user, document=s)


def test_the_page_says_plainly_when_nobody_could_be_reached_on_the_app(tree, login):
    from django.urls import reverse

    d = issued(tree.committee_user, tree.org, [tree.cell2])  # Chi bộ 2: no receiving role
    client = login(tree.committee_user)
    response = client.post(reverse("documents:remind", args=[d.pk]), follow=True)
    page = response.content.decode()
    assert "Chưa gửi được nhắc nhở trên phần mềm" in page and "Chi bộ Phòng 2" in page
    assert "đến 0 người" not in page


def test_a_second_reminder_within_a_day_needs_a_confirmation(tree, login):
    from datetime import timedelta

    from django.urls import reverse

    d = issued(tree.propaganda_user, tree.bloc, [tree.org], "6-KH/ĐUK")
    Notice.objects.all().delete()
    services.document_remind(actor=tree.propaganda_user, document=d)
    with pytest.raises(DomainError, match="Đã nhắc lúc .*chưa quá 24 giờ"):
        services.document_remind(actor=tree.propaganda_user, document=d)
    assert Notice.objects.count() == 1
    client = login(tree.propaganda_user)
    page = client.post(reverse("documents:remind", args=[d.pk]), follow=True).text
    sent_at = timezone.localtime(Notice.objects.get().created_at)
    assert f"Đã nhắc lúc {sent_at:%H:%M %d/%m/%Y}" in page and 'name="confirm_repeat"' in page
    assert Notice.objects.count() == 1
    client.post(reverse("documents:remind", args=[d.pk]), {"confirm_repeat": "1"})
    assert Notice.objects.count() == 2
    Notice.objects.update(created_at=timezone.now() - timedelta(hours=25))
    services.document_remind(actor=tree.propaganda_user, document=d)
    assert Notice.objects.count() == 3
