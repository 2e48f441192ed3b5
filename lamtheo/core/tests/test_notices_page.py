from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from lamtheo.core.models import Notice
from lamtheo.core.notices import notice_send


def test_the_page_shows_unread_first_with_the_sender_and_clears_the_count(tree, login):
    notice_send(actor=tree.committee_user, users=[tree.member_user], text="Thông báo cũ")
    old = Notice.objects.get()
    Notice.objects.filter(pk=old.pk).update(read_at=timezone.now() - timedelta(days=1))
    notice_send(actor=tree.secretary_user, users=[tree.member_user], text="Thông báo mới",
                sender_title="Bí thư Chi bộ Phòng 1")  # fmt: skip
    client = login(tree.member_user)
    home = client.get(reverse("home:home")).content.decode()
    assert '<span class="badge">1</span>' in home
    response = client.get(reverse("core:notices"))
    items = response.context["notices"]
    assert [n.text for n in items] == ["Thông báo mới", "Thông báo cũ"]
    html = response.content.decode()
    assert "Đồng chí Trần Thị Bình – Bí thư Chi bộ Phòng 1" in html
    assert "Đồng chí có <strong>1</strong> thông báo mới." in html
    # Reading the page writes nothing; "Đánh dấu đã đọc" does.
    assert Notice.objects.filter(read_at__isnull=True).count() == 1
    assert '<span class="badge">1</span>' in client.get(reverse("home:home")).content.decode()
    assert "Đánh dấu đã đọc tất cả" in html
    new = Notice.objects.get(read_at__isnull=True)
    response = client.post(reverse("core:notices"), {"ids": [new.pk]})
    assert response.url == reverse("core:notices")
    assert not Notice.objects.filter(read_at__isnull=True).exists()
    assert '<span class="badge">' not in client.get(reverse("home:home")).content.decode()


def test_the_page_counts_every_unread_notice_and_marks_only_those_shown(tree, login):
    for i in range(53):
        notice_send(actor=tree.committee_user, users=[tree.member_user], text=f"Việc {i}")
    notice_send(actor=tree.committee_user, users=[tree.secretary_user], text="Của người khác")
    theirs = Notice.objects.get(user=tree.secretary_user)
    client = login(tree.member_user)
    response = client.get(reverse("core:notices"))
    html = response.content.decode()
    assert "Đồng chí có <strong>53</strong> thông báo mới." in html
    assert "Đánh dấu đã đọc 50 thông báo đang hiện" in html
    shown = [n.pk for n in response.context["notices"]]
    client.post(reverse("core:notices"), {"ids": [*shown, theirs.pk]})
    assert Notice.objects.filter(user=tree.member_user, read_at__isnull=True).count() == 3
    assert Notice.objects.filter(pk=theirs.pk, read_at__isnull=True).exists()
    assert "Đồng chí có <strong>3</strong>" in client.get(reverse("core:notices")).content.decode()


def test_marking_read_with_a_malformed_id_changes_nothing(tree, login):
    notice_send(actor=tree.committee_user, users=[tree.member_user], text="X")
    client = login(tree.member_user)
    for ids in (["abc"], ["99999999999999999999999"], []):
        assert client.post(reverse("core:notices"), {"ids": ids}).status_code == 302
    assert Notice.objects.filter(read_at__isnull=True).count() == 1


def test_the_actor_is_not_told_of_their_own_action(tree):
    count = notice_send(
        actor=tree.secretary_user, users=[tree.secretary_user, tree.member_user], text="X"
    )
    assert count == 1
    assert list(Notice.objects.values_list("user", flat=True)) == [tree.member_user.pk]


def test_links_in_mails_use_the_sites_address_when_set(
    tree, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.LAMTHEO_BASE_URL = "https://lamtheo.example.vn"
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(actor=None, users=[tree.member_user], text="X", url="/thong-bao/",
                    base_url="http://evil.example")  # fmt: skip
    assert "https://lamtheo.example.vn/thong-bao/" in mail.outbox[0].body
