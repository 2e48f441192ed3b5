"""Every write of the sign-in: the second step's devices (django-otp) and their audited state.

The TOTP key and the recovery codes are django-otp's records; `TwoFactor` beside them keeps
when the second step was turned on and its history says who changed it, when and why."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheo.core.audit import tag
from lamtheo.signin.actions import SigninAction
from lamtheo.signin.models import TwoFactor

RECOVERY_CODES = 10
TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


class WrongCode(Exception):
    """The code typed is not the one the app shows now (or not a recovery code left)."""


class TooManyTries(Exception):
    """Too many wrong codes in a row: django-otp makes the person wait before the next."""


def totp_start(*, user) -> TOTPDevice:
    """A new key to scan, not yet in use: any earlier unfinished one is dropped. The key in
    use (if any) stays until the new one is confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def _digits(code: str) -> str:
    return re.sub(r"\s", "", code or "")


def _state(user) -> TwoFactor:
    """The person's record, locked; a new one is saved (and audited) by the caller."""
    return TwoFactor.objects.select_for_update().filter(user=user).first() or TwoFactor(user=user)


def _new_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def totp_confirm(*, user, device: TOTPDevice, code: str) -> list[str]:
    """The first code from the app proves the key was scanned: the key is put in use (any
    older one dropped), ten new recovery codes are made and returned, to be shown once."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        allowed, _ = device.verify_is_allowed()
        # A wrong code counts towards the wait (django-otp's throttling), so it is kept.
        verified = allowed and device.verify_token(_digits(code))
    if not allowed:
        raise TooManyTries()
    if not verified:
        raise WrongCode()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_codes(user)
        state = _state(user)
        now = timezone.now()
        state.turned_on_at = now
        state.codes_made_at = now
        tag(
            state,
            actor=user,
            action=SigninAction.TWO_FACTOR_ON,
            reason="Bật xác thực hai bước bằng ứng dụng xác thực",
        )
        state.save()
    return codes


def codes_renew(*, user) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    with transaction.atomic():
        codes = _new_codes(user)
        state = _state(user)
        state.codes_made_at = timezone.now()
        tag(state, actor=user, action=SigninAction.CODES_RENEWED, reason="Tạo lại mã dự phòng")
        state.save()
    return codes


def second_step(*, user, code: str):
    """The device that accepts `code` (the app's six digits, or a recovery code, which is
    then used up), or WrongCode / TooManyTries."""
    token = _digits(code).lower()
    if re.fullmatch(r"\d{6}", token):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    with transaction.atomic():
        for device in devices.select_for_update():
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                raise TooManyTries()
            if device.verify_token(token):
                return device
    raise WrongCode()


def _clear(*, user, actor, action: SigninAction, reason: str) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        state = _state(user)
        state.turned_on_at = None
        state.codes_made_at = None
        tag(state, actor=actor, action=action, reason=reason)
        state.save()


def two_factor_off(*, user) -> None:
    """The person turns off a second step they had chosen (the view checks it is optional)."""
    _clear(user=user, actor=user, action=SigninAction.TWO_FACTOR_OFF, reason="Tự tắt")


def two_factor_reset(*, actor, user, reason: str) -> None:
    """An administrator clears a person's devices (a lost phone): at the next sign-in the
    person sets the second step up again if it is required of them."""
    _clear(user=user, actor=actor, action=SigninAction.TWO_FACTOR_RESET, reason=reason)
