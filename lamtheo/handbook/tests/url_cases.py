"""The private self-check and its counts in the walk of every URL as every role."""

from __future__ import annotations

from datetime import date

from lamtheo.campaign.models import Manifestation
from lamtheo.core.periods import add_months, month_start
from lamtheo.handbook import services
from lamtheo.tests.url_walk import CELL_STATS, ORG_STATS, expect

THIS_MONTH = month_start(date.today())
LAST_MONTH = add_months(THIS_MONTH, -1)

# The person and their own cell's secretary; not the committee above, not the propaganda
# officer, not the administrator, not other cells.
PRIVATE = expect(404, member=200, secretary=200)


def prepare(w) -> None:
    services.selfcheck_save(
        actor=w.member_user,
        person=w.member,
        month=THIS_MONTH,
        manifestation_ids=[Manifestation.objects.first().pk],
        correction="Sẽ sửa ngay trong tháng.",
        version=0,
    )


def cases(w) -> list:
    m = w.member.pk
    return [
        ("handbook:selfcheck", [m, f"{THIS_MONTH:%Y-%m}"], PRIVATE, "get"),
        ("handbook:selfcheck", [m, f"{LAST_MONTH:%Y-%m}"], PRIVATE, "get"),
        (
            "handbook:selfcheck",
            [w.outsider.pk, f"{THIS_MONTH:%Y-%m}"],
            expect(404, outsider=200),
            "get",
        ),
        ("handbook:selfcheck_stats", [w.org.code], ORG_STATS, "get"),
        ("handbook:selfcheck_stats", [w.cell.code], CELL_STATS, "get"),
        ("handbook:selfcheck_stats_export", [w.org.code], ORG_STATS, "get"),
        # A paper month entered on one page: the cell's secretary (the member is sent to their
        # own pages; a month already submitted goes back to its page).
        (
            "handbook:enter",
            [m, f"{LAST_MONTH:%Y-%m}"],
            expect(404, member=302, secretary=302),
            "get",
        ),
        (
            "handbook:enter",
            [w.proxy_member.pk, f"{LAST_MONTH:%Y-%m}"],
            expect(404, secretary=302),
            "get",
        ),
        # The queue of whoever reviews (the cells' secretaries); nobody else has one.
        ("handbook:queue", [], expect(404, secretary=200, other_secretary=200), "get"),
        ("handbook:queue_next", [], expect(404, secretary=302, other_secretary=302), "get"),
    ]
