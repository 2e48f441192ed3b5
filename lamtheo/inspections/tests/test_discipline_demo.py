"""The demo's discipline matches seed 000: 2 cảnh cáo and 2 khiển trách of members."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db.models import Count

from lamtheo.core import figures
from lamtheo.demo.build import load_demo
from lamtheo.demo.generator import demo_period
from lamtheo.demo.plan import Size
from lamtheo.inspections.discipline.figures import DisciplineFigures
from lamtheo.inspections.discipline.models import DisciplineRecord, SubjectKind
from lamtheo.inspections.discipline.selectors import own_records

TINY = Size(orgs=3, cells_per_org=2, people_per_cell=5)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_has_two_warnings_and_two_reprimands_of_members_in_its_year(db):
    from django.utils import timezone

    load_demo(size=TINY)
    year, _months = demo_period(timezone.localdate())
    members = DisciplineRecord.objects.in_force().filter(subject_kind=SubjectKind.MEMBER, year=year)
    counts = dict(members.values_list("form").annotate(n=Count("id")))
    assert counts == {"warning": 2, "reprimand": 2}
    assert members.filter(inspection__isnull=False).count() == 1
    assert DisciplineRecord.objects.filter(subject_kind=SubjectKind.ORGANIZATION).count() == 1
    assert own_records(User.objects.get(username="dangvien2")).count() == 1


def test_the_demo_figures_equal_a_rebuild(db):
    from django.utils import timezone

    load_demo(size=TINY)
    year, _months = demo_period(timezone.localdate())
    keeper = next(k for k in figures.keepers() if isinstance(k, DisciplineFigures))
    kept = keeper.figures_of(year)
    assert sum(n for _path, n in kept.values()) == 5
    keeper.rebuild_year(year)
    assert keeper.figures_of(year) == kept
