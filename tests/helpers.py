"""Steps the browser tests share."""

from __future__ import annotations

from lamtheo.tests.helpers import PASSWORD


def log_in(page, base: str, username: str) -> None:
    """Log in as `username`; an officer who must use two-factor sign-in (orgs.scope
    requires_two_factor) passes the second step too."""
    from django.contrib.auth.models import User

    from lamtheo.orgs.scope import requires_two_factor

    if requires_two_factor(User.objects.get(username=username)):
        log_in_with_second_step(page, base, username)
        return
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(f"{base}/")


def log_in_with_second_step(page, base: str, username: str) -> None:
    """log_in for someone who must pass two-factor sign-in (an administrator): a TOTP device
    is made for them if they have none, and its current code typed at the second step."""
    from django.contrib.auth.models import User
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Thử nghiệm")
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_selector("#id_code")
    # A second log-in within the same 30-second step would type the same code, which the
    # replay guard rightly refuses: the test forgets the last step used.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#id_code", f"{code:0{device.digits}d}")
    page.click("button:has-text('Xác nhận')")
    page.wait_for_url(f"{base}/")
