"""Helpers for the walk of every URL as every role (tests/test_every_url_as_every_role.py).

Each app may add its own pages to the walk with a module `lamtheo/<app>/tests/url_cases.py`
that defines `cases(world) -> list[Case]` and, if its pages need records, `prepare(world)`
(called once on the shared world before any request). `world` is the `tree` fixture of
lamtheo/conftest.py with a submitted registration and handbook month for the member.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps

ROLES = [
    "anonymous",
    "member",
    "secretary",
    "committee",
    "propaganda",
    "admin",
    "outsider",
    "other_secretary",
]

# (url name, args, expected status per role, method)
Case = tuple[str, list, dict[str, int], str]


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per role: `default` for every logged-in role, 302 for anonymous."""
    return {"anonymous": 302, **{r: default for r in ROLES[1:]}, **overrides}


# Who may open one member's records: the member, their cell's secretary, and the committee
# above; not the propaganda officer or the administrator (figures only), not other cells.
RECORDS = expect(404, member=200, secretary=200, committee=200)
REVIEWERS = expect(404, secretary=200)
# Figures of Đảng bộ Sở A: its committee and the bloc's officers; a cell's secretary sees
# only their cell; people without a role see no dashboard.
ORG_STATS = expect(404, committee=200, propaganda=200, admin=200)
CELL_STATS = expect(404, secretary=200, committee=200, propaganda=200, admin=200)


def app_case_modules() -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("lamtheo."):
            continue
        name = f"{config.name}.tests.url_cases"
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
