"""Builders of handbook records for the tests, through the services: a submitted
registration, and a month filled in (not yet submitted)."""

from __future__ import annotations

from django.utils import timezone

from lamtheo.core.periods import month_start
from lamtheo.pledges import services as pledges
from lamtheo.tests.helpers import fill

THIS_MONTH = month_start(timezone.localdate())
SLUG_THIS_MONTH = f"{THIS_MONTH:%Y-%m}"


def registered(tree, person=None, user=None):
    person, user = person or tree.member, user or tree.member_user
    p = pledges.pledge_start(actor=user, person=person, year=THIS_MONTH.year)
    pledges.pledge_save_items(
        actor=user,
        pledge=p,
        version=p.version,
        items=[
            pledges.ItemInput(area=tree.areas[0], text="Giải quyết 100% hồ sơ đúng hạn"),
            pledges.ItemInput(area=tree.areas[2], text="Tham gia đủ 12 buổi sinh hoạt chi bộ"),
        ],
    )
    pledges.pledge_submit(actor=user, pledge=p, version=p.version)
    return p


def filled(tree, month=THIS_MONTH, person=None, user=None):
    """The member's month filled in, not yet submitted."""
    person, user = person or tree.member, user or tree.member_user
    return fill(person, month, actor=user, submit=False)
