"""Plain multi-row INSERTs for tables that grow with the number of people (the demo and
benchmark generators, the rebuild of figures): the ORM's bulk_create prepares every value
of every row through each field, which costs seconds per hundred thousand rows."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain

from django.db import connection, models
from django.db.models.constants import OnConflict
from django.utils import timezone


def insert_rows(
    model: type[models.Model], rows: list[dict], *, ignore_conflicts: bool = False
) -> None:
    """A plain multi-row INSERT (see the note above): statements of many rows each, as
    many as the backend's parameter limit allows, sent with executemany. Missing fields
    take the field's default; dates and date-times go through the backend's own adapter,
    as the ORM's would. With `ignore_conflicts`, a row that would break a unique
    constraint is skipped (rows written meanwhile by someone else stay as they are)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = [(f.attname, _db_default(f), _converter(f)) for f in fields]
    names = [f.column for f in fields]
    limit = connection.features.max_query_params or 50_000
    per_statement = max(1, min(500, limit // len(fields)))
    values = list(zip(*(_column(rows, *column) for column in columns), strict=True))
    full = len(values) - len(values) % per_statement
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    with connection.cursor() as cursor:
        if full:
            groups = [tuple(chain.from_iterable(values[i : i + per_statement]))
                      for i in range(0, full, per_statement)]  # fmt: skip
            cursor.executemany(_insert_sql(model, names, per_statement, on_conflict), groups)
        if full < len(values):
            rest = values[full:]
            sql = _insert_sql(model, names, len(rest), on_conflict)
            cursor.execute(sql, list(chain.from_iterable(rest)))


def insert_values(
    model: type[models.Model],
    columns: list[str],
    rows: list[tuple],
    returning: tuple[str, ...] = (),
) -> list[tuple]:
    """Multi-row INSERTs of values already in the database's form, `columns` by column name,
    as many rows a statement as the backend's parameter limit allows. With `returning`, the
    inserted rows' values of those columns (SQLite and PostgreSQL both return them; the order
    is not promised, so include a unique column to match them by)."""
    limit = connection.features.max_query_params or 50_000
    per_statement = max(1, min(500, limit // len(columns)))
    quote = connection.ops.quote_name
    back = f" RETURNING {', '.join(map(quote, returning))}" if returning else ""
    out: list[tuple] = []
    with connection.cursor() as cursor:
        for i in range(0, len(rows), per_statement):
            chunk = rows[i : i + per_statement]
            sql = _insert_sql(model, columns, len(chunk)) + back
            cursor.execute(sql, list(chain.from_iterable(chunk)))
            if returning:
                out += cursor.fetchall()
    return out


def _insert_sql(
    model: type[models.Model], columns: list[str], rows: int, on_conflict: OnConflict | None = None
) -> str:
    """The backend's own words for skipping conflicts, as bulk_create(ignore_conflicts=True)
    uses them: INSERT OR IGNORE on SQLite, ON CONFLICT DO NOTHING on PostgreSQL."""
    ops, quote = connection.ops, connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    return "{} {} ({}) VALUES {} {}".format(
        ops.insert_statement(on_conflict=on_conflict), quote(model._meta.db_table),
        ", ".join(map(quote, columns)), ", ".join([row] * rows),
        ops.on_conflict_suffix_sql([], on_conflict, [], []),
    ).rstrip()  # fmt: skip


def _converter(f: models.Field) -> Callable[[object], object] | None:
    """What the ORM would do to a value of this field on its way to the database."""
    if isinstance(f, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(f, models.CharField | models.TextField):
        return str  # a TextChoices member becomes its plain value
    return None


def _db_default(f: models.Field) -> object:
    auto_now = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    value = timezone.now() if auto_now else f.get_default()
    convert = _converter(f)
    return value if value is None or convert is None else convert(value)


def _column(
    rows: list[dict], name: str, default: object, convert: Callable[[object], object] | None
) -> list:
    """One field's values in every row, column by column: a loop over fields inside the loop
    over rows cost more than the INSERTs themselves (the rebuild of figures writes 250,000
    rows). Each distinct value is converted once, since months and paths repeat."""
    if convert is None:
        return [row.get(name, default) for row in rows]
    converted: dict[tuple, object] = {}  # by type too: 1 and True are equal keys
    out = []
    for row in rows:
        if name not in row:
            out.append(default)
            continue
        value = row[name]
        key = (value.__class__, value)
        done = converted.get(key, _NOT_YET)
        if done is _NOT_YET:
            done = converted[key] = None if value is None else convert(value)
        out.append(done)
    return out


_NOT_YET = object()
