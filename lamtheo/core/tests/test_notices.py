from __future__ import annotations

import pytest
from django.core import mail

from lamtheo.core import notices
from lamtheo.core.models import Notice
from lamtheo.core.notices import notice_send
from lamtheo.tests.helpers import make_user


@pytest.fixture
def people(db):
    with_mail = make_user("co-thu", "Nguyễn Thị Hoa")
    without_mail = make_user("khong-thu", "Lý Văn Khánh")
    without_mail.email = ""
    without_mail.save()
    sender = make_user("bi-thu", "Trần Văn Sáng")
    return with_mail, without_mail, sender


def test_it_gives_every_user_an_in_app_notice(people, django_capture_on_commit_callbacks):
    with_mail, without_mail, sender = people
    with django_capture_on_commit_callbacks(execute=True):
        count = notice_send(
            actor=sender,
            users=[with_mail, without_mail],
            text="Đề nghị đồng chí nộp sổ tay tháng 10/2026.",
            url="/",
        )
    assert count == 2
    rows = Notice.objects.order_by("user__username")
    assert [n.user for n in rows] == [with_mail, without_mail]
    assert {n.sender for n in rows} == {sender}
    assert {n.url for n in rows} == {"/"}


def test_it_emails_only_users_with_an_address(people, django_capture_on_commit_callbacks):
    with_mail, without_mail, sender = people
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(
            actor=sender,
            users=[with_mail, without_mail],
            text="Nhắc nhở",
            url="/so-tay/",
            subject="Nhắc nhở nộp sổ tay",
            base_url="https://lamtheo.example.vn/",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["co-thu@example.vn"]
    assert message.subject == "Nhắc nhở nộp sổ tay"
    assert "Kính gửi đồng chí Nguyễn Thị Hoa" in message.body
    assert "https://lamtheo.example.vn/so-tay/" in message.body
    assert "Trần Văn Sáng" in message.body


def test_no_email_leaves_before_the_transaction_commits(people, django_capture_on_commit_callbacks):
    with_mail, _, sender = people
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice_send(actor=sender, users=[with_mail], text="Nhắc nhở")
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_user_listed_twice_gets_one_notice(people):
    with_mail, _, sender = people
    assert notice_send(actor=sender, users=[with_mail, with_mail], text="Nhắc nhở") == 1
    assert Notice.objects.count() == 1


def test_inactive_users_are_skipped(people):
    with_mail, without_mail, sender = people
    without_mail.is_active = False
    without_mail.save()
    assert notice_send(actor=sender, users=[with_mail, without_mail], text="Nhắc nhở") == 1


def test_a_long_text_is_cut_to_fit(people):
    with_mail, _, sender = people
    notice_send(actor=sender, users=[with_mail], text="Nhắc " * 200)
    assert len(Notice.objects.get().text) <= 500


def test_a_mail_server_that_is_down_does_not_undo_the_notices(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    with_mail, _, sender = people

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    monkeypatch.setattr(notices, "send_mass_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        assert notice_send(actor=sender, users=[with_mail], text="Nhắc nhở") == 1
    assert Notice.objects.count() == 1


def test_a_system_notice_has_no_sender(people):
    with_mail, _, _ = people
    notice_send(actor=None, users=[with_mail], text="Thông báo của hệ thống")
    assert Notice.objects.get().sender is None
