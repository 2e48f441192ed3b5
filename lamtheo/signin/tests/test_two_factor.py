"""Two-factor sign-in: required of officers above the cell, optional for others, with
recovery codes that work once, and an administrator's audited reset."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheo.signin.actions import SigninAction
from lamtheo.signin.models import TwoFactor
from lamtheo.tests.helpers import PASSWORD, sign_in


def log_in(client, name, next_url=""):
    return client.post(
        reverse("login") + (f"?next={next_url}" if next_url else ""),
        {"username": name, "password": PASSWORD, "next": next_url},
    )


def code_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def turn_on(client, user) -> list[str]:
    """The whole setup through the pages; returns the recovery codes shown."""
    client.post(reverse("signin:setup_start"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post(reverse("signin:setup"), {"code": code_now(device)}).content.decode()
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


def test_an_officer_above_the_cell_is_sent_to_setup_after_the_password(tree, client):
    r = log_in(client, "capuy")
    assert r.status_code == 302
    home = client.get(reverse("home:home"))
    assert home.status_code == 302 and home.url.startswith(reverse("signin:setup"))
    page = client.get(home.url).content.decode()
    assert "bắt buộc đăng nhập hai bước" in page
    # The pages of other apps stay closed until it is set up.
    dashboard = client.get(reverse("dashboard:unit", args=[tree.org.code]))
    assert dashboard.status_code == 302 and dashboard.url.startswith(reverse("signin:setup"))


def test_the_admin_pages_ask_a_superuser_for_the_second_step_too(db, client):
    User.objects.create_superuser("hethong", password=PASSWORD)
    client.post(reverse("admin:login"), {"username": "hethong", "password": PASSWORD})
    r = client.get(reverse("admin:index"))
    assert r.status_code == 302 and r.url.startswith(reverse("signin:setup"))


def test_the_setup_page_shows_a_qr_image_and_the_key_as_text_without_writing_on_get(tree, client):
    log_in(client, "capuy")
    client.get(reverse("signin:setup"))
    assert not TOTPDevice.objects.filter(user=tree.committee_user).exists()
    client.post(reverse("signin:setup_start"))
    page = client.get(reverse("signin:setup")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=tree.committee_user)
    key = re.search(r'class="secret-key"><code>([A-Z2-7 ]+)</code>', page).group(1)
    from base64 import b32encode

    assert key.replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")
    assert "<script>" not in page.split("data-error-summary")[0] and "style=" not in page


def test_setting_up_shows_ten_recovery_codes_once_and_opens_the_app(tree, client):
    log_in(client, "capuy")
    client.post(reverse("signin:setup_start"))
    device = TOTPDevice.objects.get(user=tree.committee_user)
    wrong = client.post(reverse("signin:setup"), {"code": "000000"}).content.decode()
    assert "Mã chưa đúng" in wrong
    # django-otp makes one wait a moment after a wrong code (1 s, doubling with each).
    page = client.post(reverse("signin:setup"), {"code": code_now(device)}).content.decode()
    assert "Vui lòng chờ" in page
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    page = client.post(reverse("signin:setup"), {"code": code_now(device)}).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "chỉ hiện một lần" in page
    assert client.get(reverse("home:home")).status_code == 200
    # Not shown again: the status page gives the count only.
    status = client.get(reverse("signin:two_factor")).content.decode()
    assert "10 / 10" in status and not any(c in status for c in codes)
    state = TwoFactor.objects.get(user=tree.committee_user)
    assert state.turned_on_at is not None
    assert state.history.first().history_action == SigninAction.TWO_FACTOR_ON


def test_with_a_device_the_password_alone_does_not_open_the_app(tree, client):
    codes = turn_on(sign_in(client, tree.committee_user), tree.committee_user)
    assert codes
    client.logout()
    log_in(client, "capuy", next_url=reverse("signin:account"))
    r = client.get(reverse("signin:account"))
    assert r.status_code == 302 and r.url.startswith(reverse("signin:verify"))
    wrong = client.post(reverse("signin:verify"), {"code": "123456"}).content.decode()
    assert "Mã xác thực chưa đúng" in wrong
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.get(reverse("home:home")).status_code == 302


def test_the_code_from_the_app_passes_the_second_step_and_goes_on(tree, client):
    user = tree.member_user
    turn_on(sign_in(client, user), user)
    client.logout()
    TOTPDevice.objects.filter(user=user).update(last_t=-1)  # the setup used this time step
    log_in(client, "dv001")
    device = TOTPDevice.objects.get(user=user)
    nxt = reverse("signin:account")
    r = client.post(reverse("signin:verify"), {"code": code_now(device), "next": nxt})
    assert r.status_code == 302 and r.url == nxt
    assert client.get(reverse("home:home")).status_code == 200


def test_a_recovery_code_works_once(tree, client):
    user = tree.committee_user
    codes = turn_on(sign_in(client, user), user)
    client.logout()
    log_in(client, "capuy")
    r = client.post(reverse("signin:verify"), {"code": codes[0].upper()})
    assert r.status_code == 302
    assert client.get(reverse("home:home")).status_code == 200
    assert StaticDevice.objects.get(user=user).token_set.count() == 9
    client.logout()
    log_in(client, "capuy")
    again = client.post(reverse("signin:verify"), {"code": codes[0]})
    assert again.status_code == 200 and "đã dùng rồi" in again.content.decode()
    StaticDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.get(reverse("home:home")).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(tree, client):
    user = tree.committee_user
    old = turn_on(sign_in(client, user), user)
    page = client.post(reverse("signin:codes_renew")).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()
    log_in(client, "capuy")
    assert client.post(reverse("signin:verify"), {"code": old[1]}).status_code == 200
    StaticDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post(reverse("signin:verify"), {"code": new[1]}).status_code == 302


def test_for_a_member_it_is_optional_and_can_be_turned_on_and_off(tree, client):
    user = tree.member_user
    log_in(client, "dv001")
    assert client.get(reverse("home:home")).status_code == 200  # not asked
    page = client.get(reverse("signin:two_factor")).content.decode()
    assert "Bật xác thực hai bước" in page
    turn_on(client, user)
    client.logout()
    log_in(client, "dv001")
    assert client.get(reverse("home:home")).status_code == 302  # now asked
    sign_in(client, user)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    client.post(reverse("signin:two_factor_off"))
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert TwoFactor.objects.get(user=user).history.first().history_action == (
        SigninAction.TWO_FACTOR_OFF
    )


def test_an_officer_who_must_use_it_cannot_turn_it_off(tree, client):
    user = tree.committee_user
    turn_on(sign_in(client, user), user)
    r = client.post(reverse("signin:two_factor_off"), follow=True)
    assert "bắt buộc xác thực hai bước nên không tắt được" in r.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_with_the_requirement_off_officers_are_not_asked(tree, client, settings):
    settings.LAMTHEO_REQUIRE_2FA = False
    log_in(client, "capuy")
    assert client.get(reverse("home:home")).status_code == 200


def test_a_cell_secretary_is_not_asked(tree, client):
    log_in(client, "dv002")
    assert client.get(reverse("home:home")).status_code == 200


def test_the_administrator_resets_a_person_s_second_step_with_a_reason(tree, client):
    user = tree.committee_user
    turn_on(sign_in(client, user), user)
    sign_in(client, tree.admin_user)
    url = reverse("signin:reset_two_factor")
    check = client.get(url, {"name": " CAPUY "}).content.decode()
    assert "Kiểm tra trước khi đặt lại" in check and "Hoàng Văn Em" in check
    no_reason = client.post(url, {"name": "capuy", "reason": ""})
    assert "Vui lòng ghi lý do" in no_reason.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    r = client.post(url, {"name": "capuy", "reason": "Mất điện thoại"})
    assert r.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    row = TwoFactor.objects.get(user=user).history.first()
    assert row.history_action == SigninAction.TWO_FACTOR_RESET
    assert row.history_user == tree.admin_user and row.history_change_reason == "Mất điện thoại"
    # The person is asked to set it up again at the next sign-in.
    client.logout()
    log_in(client, "capuy")
    assert client.get(reverse("home:home")).url.startswith(reverse("signin:setup"))


@pytest.mark.parametrize("who", ["committee_user", "propaganda_user", "member_user"])
def test_only_an_administrator_may_reset(tree, client, who):
    sign_in(client, getattr(tree, who))
    assert client.get(reverse("signin:reset_two_factor")).status_code == 404
    r = client.post(reverse("signin:reset_two_factor"), {"name": "quantri", "reason": "x"})
    assert r.status_code == 404


def test_an_administrator_does_not_reset_their_own_nor_an_unknown_one(tree, client):
    sign_in(client, tree.admin_user)
    url = reverse("signin:reset_two_factor")
    for name in ["quantri", "khong-co-ai"]:
        page = client.get(url, {"name": name}).content.decode()
        assert "Không tìm thấy người có tên đăng nhập này" in page
    assert client.post(url, {"name": "quantri", "reason": "x"}).status_code == 404
    assert TOTPDevice.objects.filter(user=tree.admin_user, confirmed=True).exists()


def test_the_server_command_resets_the_second_step_audited(tree, client):
    from io import StringIO

    from django.core.management import call_command

    user = tree.committee_user
    turn_on(sign_in(client, user), user)
    call_command("two_factor_reset", " CAPUY", reason="Mất cả điện thoại và mã", stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=user).exists()
    row = TwoFactor.objects.get(user=user).history.first()
    assert row.history_action == SigninAction.TWO_FACTOR_RESET
    assert "Mất cả điện thoại và mã" in row.history_change_reason


def test_the_admin_pages_do_not_show_the_secret_keys(db):
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_the_password_alone_cannot_put_a_new_phone_in_place_of_the_old(tree, client):
    user = tree.committee_user
    turn_on(sign_in(client, user), user)
    client.logout()
    log_in(client, "capuy")
    r = client.post(reverse("signin:setup_start"))
    assert r.status_code == 302 and r.url.startswith(reverse("signin:verify"))
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    assert client.post(reverse("signin:two_factor_off")).url.startswith(reverse("signin:verify"))
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_the_requirement_is_on_unless_the_operator_turns_it_off(settings):
    assert settings.LAMTHEO_REQUIRE_2FA is True
