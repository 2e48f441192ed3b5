"""Builders of a campaign year for the dashboard tests, through the same services as the
app (the `played` fixture of conftest.py plays one out on the shared tree). YEAR is last
year, so every month of it has begun whatever day the tests run."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from lamtheo.core import figures
from lamtheo.orgs.models import UnitKind
from lamtheo.orgs.services import unit_create
from lamtheo.people.models import Person
from lamtheo.pledges import services as pledges
from lamtheo.pledges.models import Pledge
from lamtheo.tests.helpers import make_person

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


def open_year(year: int) -> None:
    # As the cron job on 1 January (manage.py open_year): the year's rows exist before the
    # first write of the year, so the services keep every cell's rows current from then on.
    figures.open_year(year)


def build_big_tree(tree, cells: int, people_per_cell: int) -> None:
    org = unit_create(code="DBL", name="Đảng bộ Sở Lớn", kind=UnitKind.GRASSROOTS, parent=tree.bloc)
    for i in range(cells):
        cell = unit_create(code=f"L{i:02d}", name=f"Chi bộ Lớn {i}", kind=UnitKind.CELL, parent=org)
        for j in range(people_per_cell):
            make_person(
                f"L{i:02d}-{j}",
                f"Trịnh Văn Lớn {i} {j}",
                cell,
                with_user=False,
                start=date(YEAR, 1, 1),
            )


# Items the checker judges specific or vague (the `judged` fixture of conftest.py).
SPECIFIC = "Lập sổ theo dõi hồ sơ kế hoạch của phòng, cập nhật vào thứ Sáu hằng tuần"
VAGUE = "Nâng cao ý thức tu dưỡng, rèn luyện đạo đức"
VAGUE_2 = "Thực hiện tốt các quy định của cơ quan"
VAGUE_DRAFT = "Tích cực học tập và làm theo gương Bác"


def register_items(tree, person: Person, texts, *, submit: bool = True) -> Pledge:
    """A registration of YEAR with one item per text (all in the first content area)."""
    actor = person.user or tree.secretary_user
    p = pledges.pledge_start(actor=actor, person=person, year=YEAR)
    pledges.pledge_save_items(
        actor=actor,
        pledge=p,
        version=p.version,
        items=[pledges.ItemInput(area=tree.areas[0], text=t) for t in texts],
    )
    if submit:
        pledges.pledge_submit(actor=actor, pledge=p, version=p.version)
    return p
