"""The dashboard's drill-down of the "việc làm cụ thể" share in the walk of every URL as
every role (the dashboard's other pages are among the foundation's cases)."""

from __future__ import annotations

from lamtheo.tests.url_walk import CELL_STATS, ORG_STATS, expect


def cases(w) -> list:
    return [
        # Counts for whoever sees the unit's figures; names only to readers of records
        # (lamtheo/dashboard/tests/test_vague_view.py checks what each one sees).
        ("dashboard:vague", [w.org.code], ORG_STATS, "get"),
        ("dashboard:vague", [w.cell.code], CELL_STATS, "get"),
        (
            "dashboard:vague",
            [w.cell_b.code],
            expect(404, other_secretary=200, propaganda=200, admin=200),
            "get",
        ),
    ]
