"""The units' settings page in the walk of every URL as every role."""

from __future__ import annotations

from lamtheo.tests.url_walk import Case, expect

# Only the administrator, for the units of the subtree their role is held on.
ADMINS = expect(404, admin=200)


def cases(w) -> list[Case]:
    return [
        ("units:settings", [w.org.code], ADMINS, "get"),
        ("units:settings", [w.cell.code], ADMINS, "get"),
    ]
