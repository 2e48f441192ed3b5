"""No text a person typed ever becomes a formula in an .xlsx the app writes (issue 9, item 1).

Every free text of the walk's world (names, duties, registration items and targets, handbook
notes, reports on documents, unit names, meeting and story texts …) is overwritten with a
value a spreadsheet would run — "=", "+", "-", "@", tab or CR first — and then every .xlsx
of the app is downloaded through its URL: the exports found in the URL configuration (a new
one is covered without touching this file) and the roster template. No cell of any sheet
may be a formula, and the typed text comes back exactly as typed.
"""

from __future__ import annotations

from io import BytesIO
from itertools import cycle

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from lamtheo.core.xlsx import XLSX_TYPE
from lamtheo.people.imports.template import build_template
from lamtheo.tests.helpers import sign_in
from tests.test_every_url_as_every_role import cases, user_for, world  # noqa: F401

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=1+1",
]

# Texts the app writes or reads itself, not a person: keys, paths, digests, audit codes.
NOT_TYPED = {"path", "key", "sha256", "content_type", "url", "action", "what", "code"}


def _typed_text_fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.unique
        and not f.primary_key
        and f.editable
        and f.name not in NOT_TYPED
        and not f.name.startswith("history_")
    ]


def _poison_every_typed_text() -> int:
    """Overwrite every free text of the project's records with a formula-like value."""
    payloads = cycle(PAYLOADS)
    written = 0
    for model in apps.get_models():
        if not model.__module__.startswith("lamtheo.") or model._meta.proxy:
            continue
        fields = _typed_text_fields(model)
        if not fields:
            continue
        for pk in model._default_manager.values_list("pk", flat=True):
            values = {name: _fitting(next(payloads), model, name) for name in fields}
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk=pk).update(**values)
            except IntegrityError:
                continue  # a row whose texts must stay empty (an anonymous report's contact)
            written += len(fields)
    return written


def _fitting(payload: str, model, name: str) -> str:
    """The payload, or the first one that fits the column (PostgreSQL refuses a longer one)."""
    limit = model._meta.get_field(name).max_length
    if limit is None or len(payload) <= limit:
        return payload
    return next(p for p in PAYLOADS if len(p) <= limit)


def _xlsx_url_names(resolver=None, namespace: str = "") -> set[str]:
    """Every named URL whose route is an .xlsx download."""
    names = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _xlsx_url_names(p, ns)
        elif isinstance(p, URLPattern) and p.name and "xlsx" in str(p.pattern):
            names.add(namespace + p.name)
    return names


ROLES_WITH_EXPORTS = ["admin", "committee", "secretary", "propaganda", "member"]


def _cells(content: bytes):
    workbook = load_workbook(BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet.title, cell


def _check(content: bytes, label: str, wrong: list[str]) -> set[str]:
    found = set()
    for title, cell in _cells(content):
        if cell.data_type == "f":
            wrong.append(f"{label}: {title}!{cell.coordinate} is a formula: {cell.value!r}")
        if cell.value in PAYLOADS:
            found.add(cell.value)
    return found


@pytest.mark.django_db
def test_no_typed_text_becomes_a_formula_in_any_export(world, client):  # noqa: F811
    assert _poison_every_typed_text() > 0
    exports = _xlsx_url_names()
    assert len(exports) >= 11  # the ten export kinds of issue 9 and the roster template
    wrong: list[str] = []
    downloaded: dict[str, set[str]] = {}
    for role in ROLES_WITH_EXPORTS:
        sign_in(client, user_for(world, role))
        for name, args, expected, method in cases(world):
            if name not in exports or name in downloaded or expected[role] != 200:
                continue
            response = getattr(client, method)(reverse(name, args=args))
            assert response.status_code == 200, name
            assert response["Content-Type"] == XLSX_TYPE, name
            downloaded[name] = _check(response.content, name, wrong)
    assert set(downloaded) == exports, "an .xlsx download was not walked"
    assert not wrong, "\n".join(wrong)
    # The typed text reaches the exports, as typed (not quoted, trimmed or escaped).
    assert set().union(*downloaded.values()) == set(PAYLOADS)
    empty = sorted(name for name, found in downloaded.items() if not found)
    assert empty == ["people:import_template"], empty


def test_rows_given_to_the_roster_template_stay_text():
    rows = [[p, p, p] for p in PAYLOADS]
    wrong: list[str] = []
    found = _check(build_template(rows, rows), "template", wrong)
    assert not wrong, "\n".join(wrong)
    assert found == set(PAYLOADS)
