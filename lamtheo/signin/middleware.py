"""The second step of sign-in, enforced: after the password, a session whose person uses
two-factor sign-in goes to the verify step, and a person who must use it (orgs.scope.
requires_two_factor, unless LAMTHEO_REQUIRE_2FA is false) and has no device yet goes to its
setup, before any other page.

Placed after AuthenticationMiddleware and django-otp's OTPMiddleware, and after the accounts
app's "must change password" redirect. A view that must stay open before the second step
(e.g. the first-log-in "set a new password" page) says so with the attribute
`lamtheo_open_before_two_factor = True` on its view function (for setup only)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect

from lamtheo.orgs.scope import requires_two_factor
from lamtheo.signin.selectors import has_second_factor

# Views open to a signed-in session that has not passed the second step.
OPEN_ALWAYS = frozenset({"login", "logout", "signin:verify", "admin:logout"})
# …and, to a person who has no device yet, the pages to set one up or change the password.
OPEN_DURING_SETUP = OPEN_ALWAYS | {
    "signin:setup",
    "signin:setup_start",
    "signin:password_change",
    "signin:password_change_done",
}


def second_step_needed(request) -> str | None:
    """ "verify", "setup" or None for the signed-in person of this request."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if has_second_factor(user):
        return "verify"
    if settings.LAMTHEO_REQUIRE_2FA and requires_two_factor(user):
        return "setup"
    return None


class TwoFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or request.user.is_verified():
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in OPEN_ALWAYS:
            return None
        step = second_step_needed(request)
        if step is None:
            return None
        if step == "setup" and (
            name in OPEN_DURING_SETUP or getattr(view_func, "lamtheo_open_before_two_factor", False)
        ):
            return None
        target = "signin:verify" if step == "verify" else "signin:setup"
        response = redirect(target)
        if request.method == "GET":
            response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response
