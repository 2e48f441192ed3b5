"""Public action programmes in the walk of every URL as every role."""

from __future__ import annotations

from lamtheo.pledges import services
from lamtheo.tests.url_walk import RECORDS, expect


def prepare(w) -> None:
    w.pledge.refresh_from_db()
    services.pledge_accept(actor=w.secretary_user, pledge=w.pledge, version=w.pledge.version)
    w.pledge.refresh_from_db()
    w.publication = services.programme_publish(actor=w.committee_user, unit=w.org, pledge=w.pledge)


def cases(w) -> list:
    return [
        # The registration to print and sign: the person, her secretary, the committee.
        ("pledges:print", [w.pledge.pk], RECORDS, "get"),
        # Returning with the checker's hints: the cell's secretary only (the committee above
        # reviews only its own units' or a secretary's registration); an empty post is
        # refused on the page, nothing changes.
        ("pledges:review_return", [w.pledge.pk], expect(404, secretary=200), "get"),
        ("pledges:review_return", [w.pledge.pk], expect(404, secretary=200), "post"),
        ("pledges:programmes_index", [], expect(200), "get"),
        # Everybody whose cell is under Đảng bộ Sở A, and the roles on it and above.
        ("pledges:programmes", [w.org.code], expect(200, other_secretary=404), "get"),
        (
            "pledges:programmes",
            [w.cell_b.code],
            expect(404, other_secretary=200, propaganda=200, admin=200),
            "get",
        ),
        ("pledges:programmes_export", [w.org.code], expect(200, other_secretary=404), "get"),
        ("pledges:programmes_manage", [w.org.code], expect(404, committee=200), "get"),
        (
            "pledges:programmes_manage",
            [w.cell.code],
            expect(404, secretary=200, committee=200),
            "get",
        ),
        ("pledges:programme_publish", [w.org.code], expect(404, committee=302), "post"),
        (
            "pledges:programme_unpublish",
            [w.org.code, w.publication.pk],
            expect(404, committee=302),
            "post",
        ),
    ]
