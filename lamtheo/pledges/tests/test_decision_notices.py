"""A decision on a registration tells its person, in the app and by e-mail, and only them."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from lamtheo.core.models import Notice
from lamtheo.handbook.tests.helpers import THIS_MONTH, registered
from lamtheo.pledges import services


def test_accepting_tells_the_member_with_the_secretarys_title(
    tree, django_capture_on_commit_callbacks
):
    pledge = registered(tree)
    with django_capture_on_commit_callbacks(execute=True):
        services.pledge_accept(actor=tree.secretary_user, pledge=pledge, version=pledge.version)
    notice = Notice.objects.get()
    assert notice.user == tree.member_user
    assert notice.text == (
        f"Bản đăng ký năm {THIS_MONTH.year} của đồng chí đã được chi bộ thông qua."
    )
    assert notice.sender == tree.secretary_user
    assert notice.sender_title == f"Bí thư {tree.cell.name}"
    assert notice.url == reverse("pledges:mine", args=[THIS_MONTH.year])
    assert [m.to for m in mail.outbox] == [[tree.member_user.email]]
    assert "đã được chi bộ thông qua" in mail.outbox[0].body


def test_returning_tells_the_member_what_to_change(tree, django_capture_on_commit_callbacks):
    pledge = registered(tree)
    with django_capture_on_commit_callbacks(execute=True):
        services.pledge_return(
            actor=tree.secretary_user,
            pledge=pledge,
            version=pledge.version,
            comment="Đề nghị nêu rõ thời hạn hoàn thành.",
        )
    notice = Notice.objects.get()
    assert notice.user == tree.member_user
    assert "trả lại" in notice.text and "Đề nghị nêu rõ thời hạn hoàn thành." in notice.text
    assert len(mail.outbox) == 1


def test_a_member_without_an_address_gets_the_notice_but_no_mail(
    tree, django_capture_on_commit_callbacks
):
    tree.member_user.email = ""
    tree.member_user.save()
    pledge = registered(tree)
    with django_capture_on_commit_callbacks(execute=True):
        services.pledge_accept(actor=tree.secretary_user, pledge=pledge, version=pledge.version)
    assert Notice.objects.filter(user=tree.member_user).count() == 1
    assert mail.outbox == []


def test_submitting_tells_nobody_and_the_actor_is_never_told(
    tree, django_capture_on_commit_callbacks
):
    # The secretary's own registration decided by the committee member above: she is told,
    # the committee member (the actor) is not.
    with django_capture_on_commit_callbacks(execute=True):
        pledge = registered(tree, person=tree.secretary, user=tree.secretary_user)
    assert not Notice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.pledge_accept(actor=tree.committee_user, pledge=pledge, version=pledge.version)
    assert list(Notice.objects.values_list("user", flat=True)) == [tree.secretary_user.pk]
    assert [m.to for m in mail.outbox] == [[tree.secretary_user.email]]
