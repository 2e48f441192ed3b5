"""The first log-in with a one-time code goes to "Đặt mật khẩu mới" before anything else.

Whether the password is still a one-time code is read once, when the person logs in (the
user_logged_in signal), and kept in the session: no query on every page. Issuing a new code
changes the password, which ends the person's other sessions (Django's session hash), so
the flag cannot go stale while a session lives.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from lamtheo.accounts.models import AccountState

SESSION_KEY = "lamtheo_must_change_password"


def remember_must_change_password(sender, *, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if AccountState.objects.filter(user=user, must_change_password=True).exists():
        request.session[SESSION_KEY] = True
    else:
        request.session.pop(SESSION_KEY, None)


def forget_must_change_password(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


class MustChangePasswordMiddleware:
    """After django.contrib.auth's AuthenticationMiddleware (it reads request.user)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.session.get(SESSION_KEY) and request.user.is_authenticated:
            if not self._allowed(request.path):
                return redirect("accounts:set_password")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        # A person who has a second factor proves it before choosing the new password
        # (signin's TwoFactorMiddleware comes after this one and sends them there).
        open_paths = (
            reverse("accounts:set_password"),
            reverse("logout"),
            reverse("signin:verify"),
        )
        return path in open_paths or path.startswith("/" + settings.STATIC_URL.lstrip("/"))
