"""The audit trail: django-simple-history keeps who, when, before and after for every
tracked model; these helpers tag a change with its actor, its action and its reason, and read
it back.

An action is a machine-readable code declared in the acting app's actions.py (an AuditAction
enum): "lamtheo.<package>.<record>.<verb>", e.g. lamtheo.handbook.entry.returned, labelled
in Vietnamese. A code names one kind of record, so a count of codes never counts one act
twice; the reason beside it stays the sentence a person reads ("Thu hồi: sai số")."""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, reduce

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from lamtheo.core.dates import format_date
from lamtheo.core.errors import StaleRecord
from lamtheo.core.models import AuditedHistory, RecordView, StoredFile

# Shown for a value that was or became empty, so that "cleared" reads as such.
EMPTY = "—"
# Bookkeeping a reader does not care about: keys, optimistic versions, derived
# month and tree path. Fields the forms cannot edit (auto timestamps, search keys,
# computed flags) are skipped too, see _shown.
ALWAYS_SKIP = frozenset({"id", "version", "path", "month"})


class AuditAction(models.TextChoices):
    """The base of every app's action codes: in its actions.py, an enum whose value is the
    dotted code and whose label says in Vietnamese what was done. Only members of such an
    enum are accepted as an action, so every code written is a declared one."""


def _code(action: AuditAction) -> str:
    if not isinstance(action, AuditAction):
        raise TypeError(f"{action!r} is not an action declared in an app's actions.py")
    return action.value


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# django-simple-history keeps the reason in a column of 100 characters (PostgreSQL refuses
# a longer value; SQLite would keep it): a reason that quotes typed text is shortened here.
REASON_LENGTH = 100


def _fitting(reason: str) -> str:
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"


def tag(obj: models.Model, *, actor, action: AuditAction, reason: str) -> None:
    """Say who makes the next save (or delete) of `obj`, which action it is and why: the
    history row records all three."""
    obj._history_user = _user(actor)
    obj._history_action = _code(action)
    obj._change_reason = _fitting(reason)


@dataclass(frozen=True)
class _Block:
    user: object
    action: str
    reason: str


_block: ContextVar[_Block | None] = ContextVar("lamtheo_audit_block", default=None)


@contextmanager
def tag_all(*, actor, action: AuditAction, reason: str) -> Iterator[None]:
    """Tag the history rows that Django writes on our behalf inside the block, for records
    we never hold to tag(): those a delete cascades to, or a get_or_create makes. A record
    tagged itself keeps its own tag."""
    token = _block.set(_Block(_user(actor), _code(action), _fitting(reason)))
    try:
        yield
    finally:
        _block.reset(token)


def fill_history_action(sender, *, instance, history_instance, **kwargs) -> None:
    """Receiver of simple-history's pre_create_historical_record (connected in CoreConfig):
    copies the action tagged on the record, else the enclosing tag_all block's tag."""
    if not isinstance(history_instance, AuditedHistory):
        return
    action, block = getattr(instance, "_history_action", ""), _block.get()
    if action or block is None:
        history_instance.history_action = action
        return
    history_instance.history_action = block.action
    history_instance.history_change_reason = history_instance.history_change_reason or block.reason
    if block.user is not None:
        history_instance.history_user = block.user


def bulk_history(*, actor, action: AuditAction, reason: str) -> dict:
    """The keyword arguments of simple-history's bulk_create_with_history and
    bulk_update_with_history that tag every row they write, like tag() for one record."""
    return {
        "default_user": _user(actor),
        "default_change_reason": reason,
        "custom_historical_attrs": {"history_action": _code(action)},
    }


@cache
def declared_actions() -> dict[str, str]:
    """Every code declared in an app's actions.py, with its Vietnamese label."""
    autodiscover_modules("actions")
    declared: dict[str, str] = {}
    pending = list(AuditAction.__subclasses__())
    while pending:
        enum = pending.pop()
        declared.update(enum.choices)
        pending += enum.__subclasses__()
    return dict(sorted(declared.items()))


def action_label(code: str) -> str:
    """The Vietnamese label of a declared code; "" for none or an unknown one."""
    return declared_actions().get(code, "")


def audited_history_models() -> list[type[models.Model]]:
    """The history table of every tracked model."""
    return [m for m in apps.get_models() if issubclass(m, AuditedHistory)]


def count_actions(
    *sources: models.QuerySet,
    since: datetime | None = None,
    until: datetime | None = None,
    prefix: str = "",
) -> dict[str, int]:
    """How many audit records carry each action code, by code. Sources are history
    querysets (Model.history…) or RecordView querysets, already narrowed to what the reader
    may see: scope is the caller's, as for any selector. Without sources: every history
    table and every logged view. `since` counts from (inclusive), `until` up to (exclusive);
    `prefix` narrows to one app ("lamtheo.handbook.") or one record
    ("lamtheo.handbook.entry."). Rows written before codes existed have none and are left
    out."""
    counts: Counter[str] = Counter()
    for qs in sources or _every_audit_source():
        action, at = _action_and_time_fields(qs.model)
        qs = qs.exclude(**{action: ""})
        if prefix:
            qs = qs.filter(**{f"{action}__startswith": prefix})
        if since is not None:
            qs = qs.filter(**{f"{at}__gte": since})
        if until is not None:
            qs = qs.filter(**{f"{at}__lt": until})
        counts.update(dict(qs.order_by().values_list(action).annotate(n=models.Count("pk"))))
    return dict(sorted(counts.items()))


def _every_audit_source() -> list[models.QuerySet]:
    return [m._default_manager.all() for m in audited_history_models()] + [RecordView.objects.all()]


def _action_and_time_fields(model: type[models.Model]) -> tuple[str, str]:
    if issubclass(model, AuditedHistory):
        return "history_action", "history_date"
    if issubclass(model, RecordView):
        return "action", "at"
    raise TypeError(f"{model.__name__} is not an audit record")


def backfill_actions(state_apps, app_label: str, rules: dict[str, list[tuple]]) -> None:
    """For a migration (`state_apps` is its `apps`): give the history rows written before
    action codes existed the code their reason shows. `rules` maps a history model's name
    to (reason prefix, code) pairs, or (reason prefix, code, history type), first match
    first; a row that matches none keeps no code. One UPDATE per table."""
    for model_name, pairs in rules.items():
        conditions = []
        for prefix, code, *history_type in pairs:
            q = models.Q(history_change_reason__startswith=prefix)
            if history_type:
                q &= models.Q(history_type=history_type[0])
            conditions.append((q, code))
        matched = reduce(operator.or_, (q for q, _ in conditions))
        whens = [models.When(q, then=models.Value(code)) for q, code in conditions]
        rows = state_apps.get_model(app_label, model_name).objects.filter(
            matched, history_action=""
        )
        rows.update(history_action=models.Case(*whens, default=models.Value("")))


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


def check_existence_seen(obj: models.Model | None, expected: int) -> None:
    """Version 0 means the page was built before the record existed: it is valid only while
    the record still does not exist (two people creating the same record: the second is
    refused). A page that saw the record (version ≥ 1) needs it to exist."""
    if (obj is None) != (expected == 0):
        raise StaleRecord()


@dataclass
class Change:
    at: datetime
    who: str
    reason: str
    what: str
    fields: list[tuple[str, str, str]]  # (label, before, after); before "" on creation
    action: str = ""  # the action code, see AuditAction


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
                record.history_change_reason or action_label(record.history_action) or kind,
                what,
                shown,
                record.history_action,
            )
        )
    return out


def record_view(*, viewer, person, action: AuditAction, what: str) -> None:
    """Log that someone other than the person opened their personal records."""
    if person.user_id != viewer.pk:
        RecordView.objects.create(viewer=viewer, person=person, action=_code(action), what=what)
