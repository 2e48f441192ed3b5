"""The sign-in's forms, in Vietnamese: log-in, change and reset of the password, the second
step and its setup, an administrator's reset of someone's second step."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.hashers import check_password
from django.db.models import Q

User = get_user_model()

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng kiểm tra lại."
MISMATCH = "Hai lần nhập mật khẩu mới chưa giống nhau."


class LoginForm(AuthenticationForm):
    # One message for an unknown user and a wrong password: it must not tell which.
    error_messages = {"invalid_login": WRONG_LOGIN, "inactive": WRONG_LOGIN}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        name, password = self.fields["username"], self.fields["password"]
        name.label = "Tên đăng nhập"
        name.help_text = "Mã định danh đảng viên (ví dụ DV001) hoặc số điện thoại của đồng chí."
        password.label = "Mật khẩu"
        name.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        password.widget.attrs.update({"autocomplete": "current-password"})
        name.error_messages["required"] = "Vui lòng nhập tên đăng nhập."
        password.error_messages["required"] = "Vui lòng nhập mật khẩu."


def _new_password_labels(form) -> None:
    form.fields["new_password1"].label = "Mật khẩu mới"
    form.fields["new_password1"].help_text = (
        "Ít nhất 8 ký tự, không toàn chữ số, không quá giống tên đăng nhập hay họ tên, "
        "không phải mật khẩu phổ biến."
    )
    form.fields["new_password2"].label = "Nhập lại mật khẩu mới"
    form.fields["new_password2"].help_text = ""
    form.fields["new_password1"].error_messages["required"] = "Vui lòng nhập mật khẩu mới."
    form.fields["new_password2"].error_messages["required"] = "Vui lòng nhập lại mật khẩu mới."


def _refuse_the_same_password(form, message: str) -> None:
    """The new password must not be the one in use (a one-time code, which its issuer knows,
    or the current password). Checked without re-hashing: User.check_password would write."""
    new = form.cleaned_data.get("new_password1")
    if new and check_password(new, form.user.password):
        form.add_error("new_password1", message)


class VietnameseSetPasswordForm(SetPasswordForm):
    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": MISMATCH}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _new_password_labels(self)

    def clean(self):
        cleaned = super().clean()
        _refuse_the_same_password(
            self, "Mật khẩu mới phải khác mật khẩu (hoặc mã đăng nhập dùng một lần) đang dùng."
        )
        return cleaned


class VietnamesePasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": MISMATCH,
        "password_incorrect": "Mật khẩu hiện tại chưa đúng. Vui lòng nhập lại.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["old_password"].error_messages["required"] = "Vui lòng nhập mật khẩu hiện tại."
        _new_password_labels(self)

    def clean(self):
        cleaned = super().clean()
        _refuse_the_same_password(self, "Mật khẩu mới phải khác mật khẩu hiện tại.")
        return cleaned


class VietnamesePasswordResetForm(PasswordResetForm):
    """Reset by e-mail: the address of the account or of the person's record. The page that
    follows is the same whether or not an account has that address."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Địa chỉ thư điện tử"
        email.help_text = "Địa chỉ thư điện tử đồng chí đã khai với chi bộ."
        email.error_messages["required"] = "Vui lòng nhập địa chỉ thư điện tử."
        email.error_messages["invalid"] = (
            "Địa chỉ thư điện tử chưa đúng dạng, ví dụ: ten@gmail.com."
        )

    def get_users(self, email):
        users = User.objects.filter(
            Q(email__iexact=email) | Q(person__email__iexact=email), is_active=True
        ).distinct()
        return (u for u in users if u.has_usable_password())

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # To the address typed: it is the account's or the one on the person's record.
        super().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            self.cleaned_data["email"],
            html_email_template_name,
        )


class CodeForm(forms.Form):
    """The second step: six digits from the app, or a recovery code."""

    code = forms.CharField(
        label="Mã xác thực",
        help_text="Sáu chữ số đang hiện trong ứng dụng xác thực, hoặc một mã dự phòng.",
        max_length=32,
        error_messages={"required": "Vui lòng nhập mã xác thực."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "none"}
        ),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label="Mã sáu chữ số trong ứng dụng",
        max_length=12,
        error_messages={"required": "Vui lòng nhập mã sáu chữ số đang hiện trong ứng dụng."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class FindPersonForm(forms.Form):
    name = forms.CharField(
        label="Tên đăng nhập của người cần đặt lại",
        help_text="Mã định danh hoặc số điện thoại.",
        max_length=150,
        error_messages={"required": "Vui lòng nhập tên đăng nhập."},
    )


class ResetTwoFactorForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput, max_length=150)
    reason = forms.CharField(
        label="Lý do",
        help_text="Ví dụ: mất điện thoại, đổi điện thoại mới.",
        max_length=255,
        error_messages={"required": "Vui lòng ghi lý do đặt lại."},
    )
