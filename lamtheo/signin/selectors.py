"""Reads for the sign-in: who a log-in name is, the state of a person's second step, and
whose second step an administrator may reset."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, may_take_over_account, standing_roles
from lamtheo.people.models import Person
from lamtheo.people.phones import PHONE_CHARS, phone_digits_expr, phone_key

User = get_user_model()


def looks_like_phone(name: str) -> bool:
    return bool(PHONE_CHARS.match(name)) and bool(phone_key(name))


def login_name_key(name: str) -> str:
    """One spelling per log-in name: trimmed and lower-cased; a phone number as 0 and its
    national digits."""
    name = (name or "").strip()
    if looks_like_phone(name):
        return "0" + phone_key(name)
    return name.lower()


def user_by_login_name(name: str):
    """The one active user whose username or person's code is `name` (any case, trimmed),
    else the one whose person's phone number is `name`; None when none or several."""
    name = (name or "").strip()
    if not name:
        return None
    by_name = set(
        User.objects.filter(
            Q(username__iexact=name) | Q(person__code__iexact=name), is_active=True
        ).values_list("pk", flat=True)
    )
    if not by_name and looks_like_phone(name):
        key = phone_key(name)
        rows = (
            Person.objects.filter(user__isnull=False, user__is_active=True)
            .annotate(phone_digits=phone_digits_expr())
            .filter(phone_digits__endswith=key)
            .values_list("user_id", "phone")
        )
        by_name = {user_id for user_id, phone in rows if phone_key(phone) == key}
    if len(by_name) != 1:
        return None
    return User.objects.get(pk=by_name.pop())


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp(user) -> TOTPDevice | None:
    """The key being set up: made, shown, not yet confirmed by a first code."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def two_factor_state(user):
    return getattr(user, "two_factor", None) if user.pk else None


def units_of(user) -> list[OrgUnit]:
    """The units a user belongs to or holds a role on (not ended): where an administrator
    reaches them."""
    cell_ids = Person.objects.filter(user=user, cell__isnull=False).values_list("cell_id")
    role_units = standing_roles().filter(user=user).values_list("unit_id")
    return list(OrgUnit.objects.filter(Q(pk__in=cell_ids) | Q(pk__in=role_units)))


def may_reset_two_factor(actor, user) -> bool:
    """An administrator may reset the second step of a person in their subtree (by their cell
    or by a role they hold there), never their own; of someone holding a role (or given one
    from a later day), only if they could also give them a new one-time code: the right to
    assign every one of those roles (scope.may_take_over_account). So the administrator of a
    cell does not clear the second step of the bloc's administrator sitting in it."""
    if user is None or actor.pk == user.pk:
        return False
    return any(
        can(actor, Capability.RESET_TWO_FACTOR, unit) for unit in units_of(user)
    ) and may_take_over_account(actor, user)


def resettable_user_or_none(actor, name: str):
    """The user of a log-in name if the actor may reset their second step: None otherwise,
    so that a name outside the actor's subtree looks like an unknown one."""
    user = user_by_login_name(name)
    return user if may_reset_two_factor(actor, user) else None
