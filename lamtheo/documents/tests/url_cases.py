"""The documents pages in the walk of every URL as every role.

The bloc (propaganda officer) sent a plan to its two children (Đảng bộ Sở A: committee;
Chi bộ cơ sở B: other secretary); Đảng bộ Sở A (committee) sent a letter to Chi bộ 1
(secretary) and keeps a draft for its cells. Viewing follows scope (issuer's subtree
with ISSUE_DOCUMENTS, or a recipient's with RECEIVE_DOCUMENTS); acting needs the role on
the unit itself; the administrator has neither capability.
"""

from __future__ import annotations

from lamtheo.documents.models import DocType
from lamtheo.documents.tests.helpers import draft, issued
from lamtheo.tests.url_walk import Case, expect


def prepare(w) -> None:
    w.doc_bloc = issued(w.propaganda_user, w.bloc, [w.org, w.cell_b], "05-KH/ĐUK")
    w.doc_org = issued(w.committee_user, w.org, [w.cell], "12-CV/ĐU", doc_type=DocType.LETTER)
    w.draft_org = draft(
        w.committee_user, w.org, [w.cell, w.cell2], "13-CV/ĐU", doc_type=DocType.LETTER
    )
    w.receipt_cell = w.doc_org.receipts.get(unit=w.cell)
    w.receipt_cell_b = w.doc_bloc.receipts.get(unit=w.cell_b)


def cases(w) -> list[Case]:
    org_viewers = expect(404, committee=200, propaganda=200)
    doc_org_viewers = expect(404, secretary=200, committee=200, propaganda=200)
    manager = expect(404, committee=200)
    issuers = expect(404, secretary=302, committee=302, propaganda=302, other_secretary=302)
    receivers = expect(404, secretary=200, committee=200, propaganda=200, other_secretary=200)
    d, dr = w.doc_org.pk, w.draft_org.pk
    return [
        ("documents:start", [], issuers, "get"),
        ("documents:register", [w.org.code], org_viewers, "get"),
        ("documents:register", [w.bloc.code], expect(404, propaganda=200), "get"),
        ("documents:new", [w.org.code], manager, "get"),
        ("documents:new", [w.bloc.code], expect(404, propaganda=200), "get"),
        ("documents:counts", [w.org.code], org_viewers, "get"),
        ("documents:counts_export", [w.org.code], org_viewers, "get"),
        ("documents:detail", [d], doc_org_viewers, "get"),
        (
            "documents:detail",
            [w.doc_bloc.pk],
            expect(404, committee=200, propaganda=200, other_secretary=200),
            "get",
        ),
        ("documents:detail", [dr], manager, "get"),
        ("documents:file", [d], doc_org_viewers, "get"),
        ("documents:file", [dr], manager, "get"),
        ("documents:edit", [d], manager, "get"),
        ("documents:edit", [dr], manager, "get"),
        ("documents:check", [dr], manager, "get"),
        ("documents:sent", [d], manager, "get"),
        ("documents:withdraw", [d], manager, "get"),
        ("documents:receipts_export", [d], org_viewers, "get"),
        # Refused for the manager (a sent document is never deleted): back to the detail.
        ("documents:discard", [d], expect(404, committee=302), "post"),
        ("documents:remind", [d], expect(404, committee=302), "post"),
        ("documents:inbox", [], receivers, "get"),
        ("documents:receipt", [w.receipt_cell.pk], doc_org_viewers, "get"),
        (
            "documents:receipt",
            [w.receipt_cell_b.pk],
            expect(404, propaganda=200, other_secretary=200),
            "get",
        ),
    ]
