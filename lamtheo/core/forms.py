from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from lamtheo.core.converters import MAX_ID
from lamtheo.core.errors import StaleRecord

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
