from __future__ import annotations

from django.core import mail
from django.urls import reverse

from lamtheo.core.models import Notice
from lamtheo.dashboard.tests.helpers import MARCH
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.tests.helpers import make_user


def remind_url(code: str, kind: str) -> str:
    return reverse("dashboard:remind", args=[code, kind])


def post(client, code: str, kind: str, **data):
    data.setdefault("thang", f"{MARCH:%Y-%m}")
    return client.post(remind_url(code, kind), data)


def test_a_reminder_gives_each_listed_user_a_notice_and_an_email(
    played, login, django_capture_on_commit_callbacks
):
    client = login(played.committee_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "DBSA", "chua-nop")
    assert response.status_code == 200
    # Bình and Cường have accounts; Dũng has none; Lan is outside the organization.
    notified = set(Notice.objects.values_list("user__username", flat=True))
    assert notified == {"dv002", "dv003"}
    notice = Notice.objects.get(user__username="dv003")
    assert notice.sender == played.committee_user
    assert "chưa nộp sổ tay" in notice.text and "tháng 03/" in notice.text
    assert sorted(m.to[0] for m in mail.outbox) == ["dv002@example.vn", "dv003@example.vn"]
    assert mail.outbox[0].subject.startswith("Nhắc nhở: chưa nộp sổ tay")


def test_the_confirmation_counts_the_reminded_and_lists_those_to_remind_in_person(played, login):
    response = post(login(played.committee_user), "DBSA", "chua-nop")
    html = response.content.decode()
    assert "Đã gửi nhắc nhở đến 2 người" in html
    assert [r.person.full_name for r in response.context["in_person"]] == ["Phạm Văn Dũng"]
    assert "bí thư chi bộ nhắc trực tiếp" in html


def test_a_reminder_follows_the_search(played, login):
    post(login(played.committee_user), "DBSA", "chua-nop", q="cuong")
    assert list(Notice.objects.values_list("user__username", flat=True)) == ["dv003"]


def test_a_reminder_about_registration_goes_to_the_unregistered(
    played, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(login(played.propaganda_user), "DBK", "chua-dang-ky")
    # Dũng has no account: only Lan is reminded.
    assert list(Notice.objects.values_list("user__username", flat=True)) == ["dv005"]
    assert "bản đăng ký" in Notice.objects.get().text
    assert [m.to for m in mail.outbox] == [["dv005@example.vn"]]
    assert response.context["result"].reminded == 1


def test_sending_needs_the_right_to_remind(played, login):
    inspector = make_user("ubkt", "Kiều Văn Sơn")
    role_grant(actor=None, user=inspector, unit=played.org, kind=RoleKind.INSPECTOR)
    assert post(login(inspector), "DBSA", "chua-nop").status_code == 404
    assert not Notice.objects.exists()


def test_sending_outside_the_scope_is_404(played, login):
    assert post(login(played.committee_user), "CBB", "chua-nop").status_code == 404
    assert post(login(played.member_user), "CB1", "chua-nop").status_code == 404
    assert not Notice.objects.exists()


def test_a_reminder_is_only_sent_by_post(played, login):
    response = login(played.committee_user).get(remind_url("DBSA", "chua-nop"))
    assert response.status_code == 405
    assert not Notice.objects.exists()


def test_an_empty_list_gets_a_clear_message_not_an_error_page(played, login):
    response = post(login(played.committee_user), "DBSA", "chua-nop", q="khong ai ten nay")
    assert response.status_code == 200
    assert "Danh sách không còn ai cần nhắc nhở." in response.content.decode()
    assert not Notice.objects.exists()


def test_a_second_reminder_within_a_day_needs_a_confirmation(played, login):
    from datetime import timedelta

    from django.utils import timezone

    client = login(played.committee_user)
    post(client, "DBSA", "chua-nop")
    assert Notice.objects.count() == 2
    # A second click: refused, nobody is notified again, the page says when they were reminded.
    again = post(client, "DBSA", "chua-nop")
    html = again.content.decode()
    assert Notice.objects.count() == 2
    assert "Đã nhắc lúc" in html and "chưa quá 24 giờ" in html
    assert 'name="confirm_repeat"' in html
    listing = client.get(
        reverse("dashboard:listing", args=["DBSA", "chua-nop"]), {"thang": f"{MARCH:%Y-%m}"}
    )
    sent_at = timezone.localtime(Notice.objects.latest("created_at").created_at)
    assert f"Đã nhắc lúc {sent_at:%H:%M %d/%m/%Y}" in listing.content.decode()
    # Confirmed: sent again.
    post(client, "DBSA", "chua-nop", confirm_repeat="1")
    assert Notice.objects.count() == 4
    # After 24 hours no confirmation is needed.
    Notice.objects.update(created_at=timezone.now() - timedelta(hours=25))
    post(client, "DBSA", "chua-nop")
    assert Notice.objects.count() == 6
