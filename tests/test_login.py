from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lamtheo import settings as lamtheo_settings
from lamtheo.demo.build import DEMO_PASSWORD
from lamtheo.tests.helpers import PASSWORD, sign_in


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(tree, client):
    url = reverse("login")
    wrong_password = client.post(url, {"username": "dv001", "password": "sai-mat-khau"})
    unknown_user = client.post(url, {"username": "khong-co-ai", "password": "sai-mat-khau"})
    message = "Tên đăng nhập hoặc mật khẩu không đúng"
    assert message in wrong_password.content.decode()
    assert message in unknown_user.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_member_logs_in_and_sees_the_task_list(tree, client):
    r = client.post(reverse("login"), {"username": "dv001", "password": PASSWORD}, follow=True)
    page = r.content.decode()
    assert "Việc cần làm" in page
    assert "Nguyễn Văn An" in page


def test_everyone_can_log_out(tree, client):
    client.force_login(tree.member_user)
    r = client.post(reverse("logout"))
    assert r.status_code == 302
    assert client.get(reverse("home:home")).status_code == 302


# Log-in throttling (django-axes, settings AXES_*): 5 failures for a username or for an
# address lock log-in for 15 minutes, the right password included.

LOCKED = "Tên đăng nhập hoặc mật khẩu đã bị nhập sai quá nhiều lần"


def lockout_message(response) -> str:
    page = response.content.decode()
    return page[page.index("data-lockout") : page.index("</div>", page.index("data-lockout"))]


def fail(client, url, username, times=5, address="10.0.0.1"):
    for _ in range(times):
        client.post(url, {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=address)


def log_in(client, username, address="10.0.0.1", url=None):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": PASSWORD},
        REMOTE_ADDR=address,
    )


def test_after_five_failures_the_right_password_is_refused_in_vietnamese(tree, client):
    fail(client, reverse("login"), "dv001")
    r = log_in(client, "dv001")
    assert r.status_code == 429
    page = r.content.decode()
    assert LOCKED in page and "15 phút" in page
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(tree, client):
    fail(client, reverse("login"), "dv001", times=4)
    assert log_in(client, "dv001").status_code == 302
    assert client.session["_auth_user_id"] == str(tree.member_user.pk)


def test_an_unknown_username_is_locked_with_the_same_page(tree, client):
    fail(client, reverse("login"), "dv001", address="10.0.0.1")
    fail(client, reverse("login"), "khong-co-ai", address="10.0.0.2")
    known = client.post(
        reverse("login"), {"username": "dv001", "password": "x"}, REMOTE_ADDR="10.0.0.1"
    )
    unknown = client.post(
        reverse("login"), {"username": "khong-co-ai", "password": "x"}, REMOTE_ADDR="10.0.0.2"
    )
    assert known.status_code == unknown.status_code == 429
    assert lockout_message(known) == lockout_message(unknown)
    assert LOCKED in lockout_message(known)


def test_another_username_from_the_same_address_is_locked_too(tree, client):
    for name in ["dv002", "dv003", "khong-co-ai", "capuy", "tuyengiao"]:
        fail(client, reverse("login"), name, times=1, address="10.0.0.7")
    assert log_in(client, "dv001", address="10.0.0.7").status_code == 429
    assert log_in(client, "dv001", address="10.0.0.8").status_code == 302


def test_the_same_username_from_other_addresses_is_locked_too(tree, client):
    for i in range(5):
        fail(client, reverse("login"), "dv001", times=1, address=f"10.0.1.{i}")
    assert log_in(client, "dv001", address="10.0.2.1").status_code == 429


def test_after_the_cooling_off_time_the_right_password_gets_in(tree, client):
    fail(client, reverse("login"), "dv001")
    assert log_in(client, "dv001").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "dv001").status_code == 302


def test_the_admin_login_is_throttled_too(tree, client):
    User.objects.create_superuser("quantri-he-thong", password=PASSWORD)
    url = reverse("admin:login")
    fail(client, url, "quantri-he-thong")
    r = log_in(client, "quantri-he-thong", url=url)
    assert r.status_code == 429
    assert LOCKED in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_administrator_lifts_the_lock_with_axes_reset_username(tree, client):
    fail(client, reverse("login"), "dv001", address="10.0.0.1")
    fail(client, reverse("login"), "dv001", times=1, address="10.0.0.2")
    call_command("axes_reset_username", "dv001", stdout=StringIO())
    assert log_in(client, "dv001", address="10.0.0.2").status_code == 302


def test_an_administrator_lifts_the_lock_in_the_admin(tree, client):
    fail(client, reverse("login"), "dv001")
    admin = User.objects.create_superuser("quantri-he-thong", password=PASSWORD)
    sign_in(client, admin)
    r = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert r.status_code == 302
    client.logout()
    assert log_in(client, "dv001").status_code == 302


# Passwords (AUTH_PASSWORD_VALIDATORS): Django's four validators.


@pytest.mark.parametrize(
    "password, code",
    [
        ("12345678", "password_entirely_numeric"),
        ("nguyenvanbinh", "password_too_similar"),
        ("binh26", "password_too_short"),
        ("password123", "password_too_common"),
    ],
)
def test_a_weak_password_is_refused(db, password, code):
    user = User(username="nguyenvanbinh", first_name="Nguyễn Văn Bình")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert code in [e.code for e in refused.value.error_list]


def test_the_test_and_demo_passwords_still_work_for_log_in(tree, client):
    # They are set with create_user / make_password, which never run the validators.
    assert log_in(client, "dv001").status_code == 302
    assert tree.member_user.check_password(PASSWORD)
    assert check_password(DEMO_PASSWORD, make_password(DEMO_PASSWORD))


# The client address behind LAMTHEO_PROXY_COUNT reverse proxies.


@pytest.mark.parametrize(
    "proxies, forwarded, address",
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own header is not believed
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (1, "", "10.0.0.1"),
    ],
)
def test_behind_proxies_the_address_is_counted_from_the_right(
    monkeypatch, rf, proxies, forwarded, address
):
    monkeypatch.setattr(lamtheo_settings, "proxy_count", proxies)
    request = rf.post("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert lamtheo_settings.client_address_behind_proxies(request) == address


def test_without_proxies_a_forged_forwarded_header_does_not_escape_the_lock(tree, client):
    url = reverse("login")
    for i in range(5):
        client.post(
            url,
            {"username": f"khong-co-ai-{i}", "password": "sai-mat-khau"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
    r = client.post(
        url,
        {"username": "dv001", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert r.status_code == 429
