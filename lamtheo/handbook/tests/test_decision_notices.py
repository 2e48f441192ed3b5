"""A decision on a handbook month tells its person, with the comment, and only them."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from lamtheo.core.models import Notice
from lamtheo.core.periods import add_months
from lamtheo.handbook import services
from lamtheo.handbook.models import Rating
from lamtheo.handbook.tests.helpers import THIS_MONTH, registered
from lamtheo.tests.helpers import fill

# A month whose submission window is open whatever the day the tests run.
MONTH = add_months(THIS_MONTH, -2)


def submitted(tree):
    registered(tree)
    return fill(tree.member, MONTH, actor=tree.member_user)


def test_a_review_tells_the_member_the_rating_and_the_comment(
    tree, django_capture_on_commit_callbacks
):
    entry = submitted(tree)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_review(
            actor=tree.secretary_user,
            entry=entry,
            comment="Hoàn thành tốt các việc đã đăng ký.",
            rating=Rating.GOOD,
            version=entry.version,
        )
    notice = Notice.objects.get()
    assert notice.user == tree.member_user
    assert notice.text == (
        f"Sổ tay tháng {MONTH:%m/%Y} của đồng chí đã được chi bộ nhận xét, xếp loại "
        "\u201cHoàn thành tốt\u201d. Nhận xét: Hoàn thành tốt các việc đã đăng ký."
    )
    assert notice.url == reverse("handbook:month", args=[tree.member.pk, MONTH])
    assert notice.sender_title == f"Bí thư {tree.cell.name}"
    assert [m.to for m in mail.outbox] == [[tree.member_user.email]]
    assert "Hoàn thành tốt các việc đã đăng ký." in mail.outbox[0].body


def test_a_return_tells_the_member_what_to_add(tree, django_capture_on_commit_callbacks):
    entry = submitted(tree)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_return(
            actor=tree.secretary_user,
            entry=entry,
            comment="Đề nghị ghi rõ kết quả việc thứ hai.",
            version=entry.version,
        )
    notice = Notice.objects.get()
    assert notice.user == tree.member_user
    assert "trả lại" in notice.text and "Đề nghị ghi rõ kết quả việc thứ hai." in notice.text
    assert len(mail.outbox) == 1


def test_entering_and_submitting_tell_nobody(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted(tree)
    assert not Notice.objects.exists() and mail.outbox == []
