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

import pytest

from lamtheo.core.models import Notice
from lamtheo.dashboard.tests.helpers import (
    MARCH,
    SPECIFIC,
    VAGUE,
    VAGUE_2,
    VAGUE_DRAFT,
    YEAR,
    open_year,
    register,
    register_items,
)
from lamtheo.handbook import services as handbook
from lamtheo.handbook.models import Rating
from lamtheo.tests.helpers import fill


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
        actor=tree.committee_user,  # the level above: nobody returns their own month
        entry=binh,
        version=binh.version,
        comment="Đề nghị ghi rõ kết quả",
    )
    fill(tree.outsider, MARCH, submit=False)
    # The decisions above notified their people; the reminders' tests count only reminders.
    Notice.objects.all().delete()
    return tree


@pytest.fixture
def judged(tree):
    """Registrations of YEAR with items the checker judges, in March:

    Chi bộ Phòng 1   An: submitted, one specific item and two vague ones
                     Bình: submitted, one specific item
                     Dũng (no account): a draft with a vague item (not counted)
    Chi bộ Phòng 2   Cường: submitted, one vague item
    Chi bộ cơ sở B   Lan: nothing
    """
    open_year(YEAR)
    register_items(tree, tree.member, [SPECIFIC, VAGUE, VAGUE_2])
    register_items(tree, tree.secretary, [SPECIFIC])
    register_items(tree, tree.proxy_member, [VAGUE_DRAFT], submit=False)
    register_items(tree, tree.outsider, [VAGUE])
    return tree
