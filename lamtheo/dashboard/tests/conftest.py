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
from lamtheo.dashboard.tests.helpers import MARCH, YEAR, open_year, register
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
        actor=tree.secretary_user,
        entry=binh,
        version=binh.version,
        comment="Đề nghị ghi rõ kết quả",
    )
    fill(tree.outsider, MARCH, submit=False)
    # The decisions above notified their people; the reminders' tests count only reminders.
    Notice.objects.all().delete()
    return tree
