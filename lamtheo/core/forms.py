from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    # One message for an unknown user and a wrong password: it must not tell which.
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng kiểm tra lại.",
        "inactive": "Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng kiểm tra lại.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.fields["username"].error_messages["required"] = "Vui lòng nhập tên đăng nhập."
        self.fields["password"].error_messages["required"] = "Vui lòng nhập mật khẩu."


class ReasonForm(forms.Form):
    """Confirms a deletion or cancellation: why (kept in the audit trail) and the version the
    person saw, so that a record changed meanwhile is not removed unseen."""

    reason = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, label: str, required: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required
