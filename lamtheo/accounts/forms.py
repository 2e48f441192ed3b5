from __future__ import annotations

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.hashers import check_password
from django.utils import timezone

from lamtheo.orgs.models import RoleKind

REASON_MAX = 500


# Django's password validators, said in Vietnamese (its own translation misses some).
VALIDATOR_MESSAGES = {
    "password_too_short": "Mật khẩu quá ngắn: cần ít nhất 8 ký tự.",
    "password_too_similar": "Mật khẩu quá giống tên đăng nhập hoặc họ tên.",
    "password_too_common": "Mật khẩu này quá phổ biến, dễ bị đoán.",
    "password_entirely_numeric": "Mật khẩu không được toàn chữ số.",
}


class FirstPasswordForm(SetPasswordForm):
    """Django's SetPasswordForm, in Vietnamese: the person's own password replaces the code."""

    error_messages = {"password_mismatch": "Hai lần nhập mật khẩu mới không giống nhau."}

    def _post_clean(self) -> None:
        super()._post_clean()
        errors = self._errors.get("new_password2") if self._errors else None
        if errors:
            self._errors["new_password2"] = self.error_class(
                [VALIDATOR_MESSAGES.get(getattr(e, "code", ""), e) for e in errors.as_data()],
                renderer=self.renderer,
            )

    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("new_password1")
        # Checked without re-hashing (User.check_password would write the upgraded hash).
        if new and check_password(new, self.user.password):
            self.add_error(
                "new_password1",
                "Mật khẩu mới phải khác mã đăng nhập dùng một lần: người cấp mã đã biết mã này.",
            )
        return cleaned

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        new1, new2 = self.fields["new_password1"], self.fields["new_password2"]
        new1.label, new2.label = "Mật khẩu mới", "Nhập lại mật khẩu mới"
        new1.help_text = (
            "Ít nhất 8 ký tự, không toàn chữ số, không quá giống tên đăng nhập hoặc họ tên, "
            "không phải mật khẩu phổ biến."
        )
        new2.help_text = ""
        new1.error_messages["required"] = "Vui lòng nhập mật khẩu mới."
        new2.error_messages["required"] = "Vui lòng nhập lại mật khẩu mới."


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Vui lòng ghi lý do (được lưu trong nhật ký thay đổi).",
            "max_length": f"Lý do dài quá {REASON_MAX} ký tự.",
        },
    )


def _date_field(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "maxlength": 10},
        ),
        error_messages={
            "required": "Vui lòng nhập ngày (dd/mm/yyyy).",
            "invalid": "Ngày chưa đúng; vui lòng nhập theo dạng dd/mm/yyyy, ví dụ 01/12/2026.",
        },
    )


class RoleForm(forms.Form):
    person_code = forms.CharField(
        label="Mã định danh của người nhận vai trò",
        help_text="Mã in trên danh sách cán bộ, đảng viên, ví dụ DV000123.",
        max_length=32,
        error_messages={"required": "Vui lòng nhập mã định danh của người nhận vai trò."},
    )
    kind = forms.ChoiceField(
        label="Vai trò",
        error_messages={
            "required": "Vui lòng chọn vai trò.",
            "invalid_choice": "Vui lòng chọn một vai trò trong danh sách.",
        },
    )
    start_date = _date_field("Từ ngày", "Ngày bắt đầu giữ vai trò, dạng dd/mm/yyyy.")

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "— Chọn vai trò —"), *kinds]
        self.fields["start_date"].initial = timezone.localdate()


def role_kinds(*, with_admin: bool) -> list[tuple[str, str]]:
    return [(k, label) for k, label in RoleKind.choices if with_admin or k != RoleKind.ADMIN]


class RoleEndForm(ReasonForm):
    end_date = _date_field(
        "Thôi giữ vai trò từ ngày",
        "Từ ngày này người đó không còn vai trò, dạng dd/mm/yyyy; ghi ngày hôm nay nếu thôi ngay.",
    )

    field_order = ["end_date", "reason"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate()
