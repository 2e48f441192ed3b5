from __future__ import annotations

import re

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError

from lamtheo.core.converters import MAX_ID
from lamtheo.core.dates import format_date, parse_date
from lamtheo.core.errors import StaleRecord
from lamtheo.core.vietnamese import first_unseen, invisible_kind, without_dropped

STALE_PAGE = "Trang này đã cũ; vui lòng tải lại trang rồi làm lại."


# Versions are PositiveIntegerField: anything above this cannot be a version the page saw
# (and would overflow the database's integer in the conditional UPDATE).
MAX_VERSION = 2_147_483_647


class VersionField(forms.IntegerField):
    """The hidden version of the record the page was built from (the optimistic check);
    0 means the record did not exist yet. Required, a whole number from 0: a missing, empty,
    malformed or out-of-range value means the page is stale, said in Vietnamese. Views pass
    the cleaned value to the service as it is, never the record's current version."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", "Phiên bản trang")
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_VERSION)
        messages = {
            "required": STALE_PAGE,
            "invalid": STALE_PAGE,
            "min_value": STALE_PAGE,
            "max_value": STALE_PAGE,
        }
        super().__init__(error_messages=messages | kwargs.pop("error_messages", {}), **kwargs)


class VersionForm(forms.Form):
    """A page whose only input is the version it saw (submit, acknowledge, send)."""

    version = VersionField()


def posted_version(data) -> int:
    """The version a posted page saw; StaleRecord (a DomainError, said in Vietnamese) when it
    is missing, empty or malformed, exactly as when it is out of date."""
    form = VersionForm(data)
    if not form.is_valid():
        raise StaleRecord()
    return form.cleaned_data["version"]


def version_required(form: forms.Form) -> forms.Form:
    """A form shared by "create" (no record, no version) and "edit": editing needs the
    version the page saw, never a default."""
    form.fields["version"].required = True
    return form


class ReasonForm(forms.Form):
    """Confirms a deletion or cancellation: why (kept in the audit trail) and the version the
    person saw, so that a record changed meanwhile is not removed unseen."""

    reason = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    version = VersionField()

    def __init__(self, *args, label: str, required: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Several records by id. A value that is not an id any database could hold (letters, a
    sign, more than 2^63 - 1) is the field's invalid-choice error before any query: SQLite
    would raise OverflowError on it, a 500."""

    def _check_values(self, value):
        for v in value:
            if not re.fullmatch(r"[0-9]{1,19}", str(v)) or int(v) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": v},
                )
        return super()._check_values(value)


class IdListField(forms.Field):
    """Several ids posted under one name (hidden inputs or buttons); anything that is not an
    id a database could hold makes the page stale."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        ids = []
        for raw in values:
            if not str(raw).isdigit() or not 0 < int(raw) <= MAX_ID:
                raise ValidationError(STALE_PAGE, code="invalid")
            ids.append(int(raw))
        return ids


class NoticesReadForm(forms.Form):
    """The notices a person marks as read: those shown, or one."""

    ids = IdListField(error_messages={"required": STALE_PAGE})


def unseen_character_message(label: str | None, position: int, ch: str) -> str:
    """Why typed text is refused: which invisible character, where, and in which field."""
    where = f"Ô “{label}”" if label else "Ô này"
    return (
        f"{where} có {invisible_kind(ch)}, mã U+{ord(ch):04X}, ở ký tự thứ {position}. "
        "Ký tự này làm nội dung khác với những gì nhìn thấy nên không được nhận; vui lòng "
        "xóa và gõ lại (không dán từ nơi khác)."
    )


def clean_typed_text(text: str, label: str | None, *, drop: bool = True) -> str:
    """Text typed into a form, checked once for the whole app (see install_typed_text_check):
    the invisible characters that mean nothing (zero-width spaces and joiners, soft hyphens,
    the byte-order mark) are dropped unless `drop` is False; a control character, a direction
    control or any other invisible character is refused (ValidationError) naming the field."""
    if drop:
        text = without_dropped(text)
    unseen = first_unseen(text)
    if unseen is not None:
        raise ValidationError(unseen_character_message(label, *unseen), code="unseen_character")
    return text


_django_char_to_python = forms.CharField.to_python


def _typed_text_to_python(self: forms.CharField, value):
    value = _django_char_to_python(self, value)
    if not isinstance(value, str) or not value:
        return value
    # A password is hashed, never shown nor exported: nothing is dropped from it (that would
    # change it unseen), but a control character is refused like anywhere else.
    is_password = isinstance(self.widget, forms.PasswordInput)
    text = clean_typed_text(value, self.label, drop=not is_password)
    if self.strip:
        text = text.strip()
    # Text made only of invisible characters is empty: a required field says so.
    return text if text else self.empty_value


def install_typed_text_check() -> None:
    """Every CharField of every form (the app's forms and model forms, Django's auth forms the
    sign-in uses, the admin) cleans its text through clean_typed_text. Installed once from
    CoreConfig.ready rather than as a base class each form must remember: a new form cannot
    forget it. Not a middleware: the check needs the field (its label, whether it is a
    password) and leaves the raw request (files, other fields) as it came."""
    if forms.CharField.to_python is not _typed_text_to_python:
        forms.CharField.to_python = _typed_text_to_python


# Django's own Vietnamese for a text too long or too short reads as a translation ("Giá trị
# này chỉ có tối đa … kí tự"); every form of the app says it as an official would.
TOO_LONG = (
    "Nội dung dài %(show_value)d ký tự, vượt giới hạn %(limit_value)d ký tự; vui lòng rút gọn."
)
TOO_SHORT = "Nội dung cần ít nhất %(limit_value)d ký tự (hiện có %(show_value)d)."


def install_length_messages() -> None:
    """The length validators of every field (forms and models) use TOO_LONG / TOO_SHORT.
    Installed once from CoreConfig.ready, for the same reason as install_typed_text_check."""
    validators.MaxLengthValidator.message = TOO_LONG
    validators.MinLengthValidator.message = TOO_SHORT


class DateField(forms.Field):
    """A date typed as dd/mm/yyyy, the way the offices write it (also d/m/yyyy, dd-mm-yyyy
    and ISO); years before 1900 are refused as typing slips. The one date field of the app."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "dd/mm/yyyy",
                                  "autocomplete": "off", "size": 10, "maxlength": 10})  # fmt: skip

    def prepare_value(self, value):
        return format_date(value) if hasattr(value, "year") else value

    def to_python(self, value):
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            return None
        d = parse_date(text)
        if d is None or d.year < 1900:
            raise forms.ValidationError(
                "Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
            )
        return d
