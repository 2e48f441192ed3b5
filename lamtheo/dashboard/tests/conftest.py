"""A campaign year played out on the shared tree, through the same services as the app.

YEAR is last year, so every month of it has begun whatever day the tests run.
In March of that year:

    Chi bộ Phòng 1   An: registered, March submitted and reviewed
                     Bình: registered, March submitted then returned
                     Dũng (no account): not registered, nothing
    Chi bộ Phòng 2   Cường: registered, March still a draft
    Chi bộ cơ sở B   Lan: not registered, nothing
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.handbook import services as handbook
from lamtheo.handbook.models import HandbookEntry, Progress, Rating
from lamtheo.people.models import Person
from lamtheo.pledges import services as pledges
from lamtheo.pledges.models import Pledge

YEAR = timezone.localdate().year - 1
MARCH = date(YEAR, 3, 1)


def register(tree, person: Person, year: int = YEAR, actor=None) -> Pledge:
    actor = actor or person.user
    p = pledges.pledge_start(actor=actor, person=person, year=year)
    pledges.pledge_save_items(
        actor=actor,
        pledge=p,
        version=p.version,
        items=[
            pledges.ItemInput(
                area=tree.areas[0],
                text="Giải quyết đúng hạn 100% hồ sơ được giao",
                target="100% hồ sơ",
                timeframe="Hằng tháng",
            ),
        ],
    )
    pledges.pledge_submit(actor=actor, pledge=p, version=p.version)
    return p


def fill(person: Person, month: date, *, submit: bool = True, actor=None) -> HandbookEntry:
    actor = actor or person.user
    entry = handbook.entry_start(actor=actor, person=person, month=month)
    for item in entry.pledge.items.all():
        handbook.entry_save_item(
            actor=actor,
            entry=entry,
            item=item,
            progress=Progress.DONE,
            note="Đã thực hiện",
            version=entry.version,
        )
    handbook.entry_save_self(
        actor=actor,
        entry=entry,
        self_assessment="Hoàn thành tốt",
        self_rating=Rating.GOOD,
        version=entry.version,
    )
    if submit:
        handbook.entry_submit(actor=actor, entry=entry, version=entry.version)
    return entry


def open_year(year: int) -> None:
    # As the cron job on 1 January (manage.py open_year): the year's rows exist before the
    # first write of the year, so the services keep every cell's rows current from then on.
    figures.open_year(year)


@pytest.fixture
def played(tree):
    open_year(YEAR)
    for person in (tree.member, tree.secretary, tree.outsider):
        register(tree, person)
    an = fill(tree.member, MARCH)
    handbook.entry_review(
        actor=tree.secretary_user, entry=an, comment="Tốt", rating=Rating.GOOD, version=an.version
    )
    binh = fill(tree.secretary, MARCH)
    handbook.entry_return(
        actor=tree.secretary_user,
        entry=binh,
        version=binh.version,
        comment="Đề nghị ghi rõ kết quả",
    )
    fill(tree.outsider, MARCH, submit=False)
    return tree
