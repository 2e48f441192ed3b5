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
    assert not Notice.objects.filter(read_at__isnull=True).exists()
    assert '<span class="badge">' not in client.get(reverse("home:home")).content.decode()


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
