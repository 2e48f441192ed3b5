"""The audit trail: django-simple-history keeps who, when, before and after for every
tracked model; these helpers tag a change with its actor and reason, and read it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import models

from lamtheo.core.errors import StaleRecord


def tag(obj: models.Model, *, actor, reason: str) -> None:
    """Say who made the next save of `obj` and why (the history row records both)."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    obj._change_reason = reason


def bump_version(obj: models.Model, expected: int) -> None:
    """Optimistic check: claim the record only if nobody saved it since `expected`."""
    updated = type(obj).objects.filter(pk=obj.pk, version=expected).update(
        version=models.F("version") + 1
    )
    if not updated:
        raise StaleRecord()
    obj.version = expected + 1


@dataclass
class Change:
    at: datetime
    who: str
    reason: str
    what: str
    fields: list[tuple[str, str, str]]  # (label, before, after)


def _display(record, field) -> str:
    value = getattr(record, field.attname, None)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    return "" if value is None else str(value)


def changes_of(history_qs, *, what: str, skip: set[str] | None = None) -> list[Change]:
    """Turn history rows into readable changes, each against the previous version of the
    same record (a queryset may hold the history of several records)."""
    skip = (skip or set()) | {"version", "updated_at", "id"}
    records = list(history_qs.select_related("history_user").order_by("history_date"))
    out: list[Change] = []
    previous_of: dict = {}
    for record in records:
        previous = previous_of.get(record.id)
        fields = []
        for field in record.instance_type._meta.concrete_fields:
            if field.attname in skip or field.name in skip:
                continue
            after = _display(record, field)
            before = _display(previous, field) if previous is not None else ""
            if after != before:
                fields.append((str(field.verbose_name), before, after))
        who = record.history_user.get_full_name() if record.history_user else "Hệ thống"
        kind = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}[record.history_type]
        out.append(Change(record.history_date, who or record.history_user.username,
                          record.history_change_reason or kind, what, fields))
        previous_of[record.id] = record
    return out


def record_view(*, viewer, person, what: str) -> None:
    """Log that someone other than the person opened their personal records."""
    from lamtheo.core.models import RecordView

    if person.user_id != viewer.pk:
        RecordView.objects.create(viewer=viewer, person=person, what=what)
