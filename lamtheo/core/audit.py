"""The audit trail: django-simple-history keeps who, when, before and after for every
tracked model; these helpers tag a change with its actor and reason, and read it back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from lamtheo.core.dates import format_date
from lamtheo.core.errors import StaleRecord
from lamtheo.core.models import StoredFile

# Shown for a value that was or became empty, so that "cleared" reads as such.
EMPTY = "—"
# Bookkeeping a reader does not care about: keys, optimistic versions, derived
# month and tree path. Fields the forms cannot edit (auto timestamps, search keys,
# computed flags) are skipped too, see _shown.
ALWAYS_SKIP = frozenset({"id", "version", "path", "month"})


def tag(obj: models.Model, *, actor, reason: str) -> None:
    """Say who made the next save of `obj` and why (the history row records both)."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    obj._change_reason = reason


def bump_version(obj: models.Model, expected: int) -> None:
    """Optimistic check: claim the record only if nobody saved it since `expected`."""
    updated = (
        type(obj)
        .objects.filter(pk=obj.pk, version=expected)
        .update(version=models.F("version") + 1)
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
    fields: list[tuple[str, str, str]]  # (label, before, after); before "" on creation


def _shown(field, skip: set[str]) -> bool:
    return field.editable and field.name not in skip and field.attname not in skip


def _raw(record, field):
    value = getattr(record, field.attname, None)
    return None if value == "" else value


def _label_of(obj: models.Model) -> str:
    """The name a reader knows a related record by."""
    if isinstance(obj, get_user_model()):  # the whole Vietnamese name is in first_name
        return obj.get_full_name() or obj.get_username()
    if isinstance(obj, StoredFile):  # the name it was uploaded with, not its key on disk
        return obj.original_name
    return str(obj)  # people, units, topics… name themselves


def _names(wanted: dict[type[models.Model], set]) -> dict[type[models.Model], dict]:
    """One query per related model for all the keys a history shows. select_related()
    follows the non-null foreign keys so that __str__ of e.g. a registration (which
    names its person) makes no further query; a deleted record keeps a plain mark."""
    names = {}
    for model, keys in wanted.items():
        rows = model._base_manager.select_related().filter(pk__in=keys)
        names[model] = {obj.pk: _label_of(obj) for obj in rows}
    return names


def _display(value, field, names) -> str:
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return names.get(field.related_model, {}).get(value, "(đã xóa)")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def changes_of(history_qs, *, what: str, skip: set[str] | None = None) -> list[Change]:
    """Turn history rows into readable changes, one per row in the order of history_date,
    each against the previous version of the same record (a queryset may hold the
    history of several records). Related records are named, fetched in one query per
    related model, however many rows there are."""
    skip = (skip or set()) | ALWAYS_SKIP
    records = list(history_qs.select_related("history_user").order_by("history_date"))
    # First the raw differences, collecting the keys of the related records they show.
    diffs: list[tuple[bool, list[tuple]]] = []  # (first row of its record, differences)
    wanted: dict[type[models.Model], set] = defaultdict(set)
    previous_of: dict = {}
    for record in records:
        previous = previous_of.get(record.id)
        fields = []
        for field in record.instance_type._meta.concrete_fields:
            if not _shown(field, skip):
                continue
            after = _raw(record, field)
            before = _raw(previous, field) if previous is not None else None
            if after == before:
                continue
            fields.append((field, before, after))
            if field.is_relation:
                wanted[field.related_model].update(v for v in (before, after) if v is not None)
        diffs.append((previous is None, fields))
        previous_of[record.id] = record
    names = _names(wanted)

    out: list[Change] = []
    for record, (first, fields) in zip(records, diffs, strict=True):
        shown = []
        for field, before, after in fields:
            # Nothing to strike out on the first row: the template shows only the value.
            before_text = "" if first else (_display(before, field, names) or EMPTY)
            after_text = _display(after, field, names) or EMPTY
            shown.append((str(field.verbose_name), before_text, after_text))
        who = record.history_user.get_full_name() if record.history_user else "Hệ thống"
        kind = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}[record.history_type]
        out.append(
            Change(
                record.history_date,
                who or record.history_user.username,
                record.history_change_reason or kind,
                what,
                shown,
            )
        )
    return out


def record_view(*, viewer, person, what: str) -> None:
    """Log that someone other than the person opened their personal records."""
    from lamtheo.core.models import RecordView

    if person.user_id != viewer.pk:
        RecordView.objects.create(viewer=viewer, person=person, what=what)
