"""Log-in by the name a person knows: their code (mã định danh) or their phone number.

Any case, blanks around ignored. A phone number is matched on its digits, +84 and 0 in front
being the same; a number that two accounts share lets neither log in by it (the code still
works). django-axes' backend stays first in AUTHENTICATION_BACKENDS and counts failures per
the name as typed, normalized by `axes_username`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from lamtheo.signin.selectors import login_name_key, user_by_login_name


class LoginNameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_by_login_name(username)
        if user is None:
            # As ModelBackend does: hash once anyway, so the time taken does not tell
            # whether the name exists.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: the typed log-in name, normalized as the backend reads it."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = getattr(request, "POST", {}).get("username")
    return login_name_key(name or "")
