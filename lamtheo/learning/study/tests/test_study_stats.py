"""The study figures kept by the services equal a rebuild from the records.

A seeded random run schedules sessions (whole subtree or chosen units, two topics), edits
them, records attendance, absences and make-ups, and moves and exempts people through
people.services (which refresh the study figures themselves); refused actions are part of
the game. Then every sheet and topic row is compared with rebuild_study."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.core.management import call_command

from lamtheo.campaign.models import Campaign, Topic
from lamtheo.core.errors import DomainError
from lamtheo.core.periods import month_start
from lamtheo.learning.study import figures as study_stats
from lamtheo.learning.study.models import StudySession, StudySheet, StudyTopicStat
from lamtheo.learning.study.services import Mark, study_attendance_record, study_session_update
from lamtheo.learning.study.tests.helpers import E, P, U, schedule, session_input, today
from lamtheo.orgs.models import CELL_KINDS, OrgUnit, RoleKind, UnitKind
from lamtheo.orgs.services import role_grant, unit_create
from lamtheo.people import services as people
from lamtheo.people.models import MemberStatus, Person

SHEET = ("path", *study_stats.SHEET_FIELDS)
TOPIC = ("path", *study_stats.TOPIC_FIELDS)


def snapshot():
    sheets = {
        (s.session_id, s.cell_id): tuple(getattr(s, f) for f in SHEET)
        for s in StudySheet.objects.all()
    }
    topics = {
        (t.topic_id, t.unit_id): tuple(getattr(t, f) for f in TOPIC)
        for t in StudyTopicStat.objects.filter(expected__gt=0)
    }
    return sheets, topics


class Play:
    def __init__(self, tree, rng: random.Random) -> None:
        self.tree, self.rng = tree, rng
        for i in range(3):
            unit_create(
                code=f"CBX{i}", name=f"Chi bộ Phòng X{i}", kind=UnitKind.CELL, parent=tree.org
            )
        self.cells = list(OrgUnit.objects.filter(kind__in=CELL_KINDS).order_by("pk"))
        for c in self.cells:
            if c.pk != tree.cell.pk and c.pk != tree.cell_b.pk:
                role_grant(actor=None, user=tree.secretary_user, unit=c, kind=RoleKind.DEPUTY)
        role_grant(actor=None, user=tree.secretary_user, unit=tree.cell_b, kind=RoleKind.DEPUTY)
        self.tree.secretary_user._lamtheo_grants = None
        for n in range(12):
            people.person_create(
                actor=None,
                code=f"NG{n:03d}",
                full_name=f"Nguyễn Văn Tư {n}",
                status=MemberStatus.FULL,
                cell=rng.choice(self.cells),
                start_month=month_start(today()).replace(month=1),
            )
        self.topics = [
            Topic.objects.get(year=today().year, unit__isnull=True),
            Topic.objects.create(
                campaign=Campaign.objects.get(),
                unit=tree.bloc,
                year=today().year,
                title="Chuyên đề của Khối",
            ),
        ]

    def run(self, steps: int) -> None:
        self.plan()
        self.plan()
        actions = {self.plan: 1, self.edit: 1, self.mark: 8, self.move: 1, self.exempt: 0.5}
        for _ in range(steps):
            action = self.rng.choices(list(actions), weights=list(actions.values()))[0]
            try:
                action()
            except DomainError:
                pass

    def plan(self) -> None:
        days = self.rng.randint(0, 40)
        whole = self.rng.random() < 0.5
        chosen = self.rng.sample(self.cells + [self.tree.org], 2)
        schedule(
            self.tree,
            unit=self.tree.bloc,
            actor=self.tree.propaganda_user,
            topic=self.rng.choice(self.topics),
            held_on=today() - timedelta(days=days),
            whole_subtree=whole,
            chosen_units=[] if whole else chosen,
        )

    def edit(self) -> None:
        s = self.rng.choice(list(StudySession.objects.all()))
        chosen = self.rng.sample(self.cells, 2)
        study_session_update(
            actor=self.tree.propaganda_user,
            session=s,
            version=s.version,
            data=session_input(
                topic=self.rng.choice(self.topics),
                whole_subtree=False,
                chosen_units=chosen,
                held_on=today() - timedelta(days=self.rng.randint(0, 60)),
            ),
        )

    def mark(self) -> None:
        sheet = self.rng.choice(list(StudySheet.objects.select_related("session", "cell")))
        people_here = list(Person.objects.filter(memberships__unit=sheet.cell).distinct())
        marks = []
        for p in self.rng.sample(people_here, min(len(people_here), self.rng.randint(1, 4))):
            status = self.rng.choice([P, P, P, E, U])
            made_up = today() if status != P and self.rng.random() < 0.4 else None
            marks.append(Mark(p.pk, status, "Ốm" if status == E else "", made_up))
        study_attendance_record(
            actor=self.tree.secretary_user, sheet=sheet, marks=marks, version=sheet.version
        )

    def move(self) -> None:
        p = self.rng.choice(list(Person.objects.filter(cell__isnull=False)))
        to = self.rng.choice([c for c in self.cells if c.pk != p.cell_id])
        people.person_transfer(actor=None, person=p, to_cell=to, month=month_start(today()))

    def exempt(self) -> None:
        p = self.rng.choice(list(Person.objects.filter(cell__isnull=False)))
        people.person_exempt(
            actor=None,
            person=p,
            start_month=month_start(today()),
            reason="Ốm dài ngày",
            end_month=None,
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_maintained_figures_equal_a_rebuild_after_random_changes(tree, seed):
    play = Play(tree, random.Random(seed))
    play.run(80)
    maintained = snapshot()
    assert StudyAttendanceCount() > 20  # the game did record attendance
    StudySheet.objects.update(expected=0, attended=0)
    StudyTopicStat.objects.all().delete()
    study_stats.rebuild_study()
    assert snapshot() == maintained


def StudyAttendanceCount() -> int:  # noqa: N802
    from lamtheo.learning.study.models import StudyAttendance

    return StudyAttendance.objects.count()


def test_rebuild_stats_also_rebuilds_the_study_figures(tree):
    session = schedule(tree)
    StudySheet.objects.filter(session=session).update(expected=0)
    StudyTopicStat.objects.all().delete()
    call_command("rebuild_stats", "--year", str(today().year), stdout=open("/dev/null", "w"))
    assert StudySheet.objects.get(session=session, cell=tree.cell).expected == 3
    assert StudyTopicStat.objects.get(unit=tree.cell).expected == 3


def test_attendance_in_the_cell_joined_counts_in_the_cell_left(tree):
    """Someone expected at the topic's session in one cell, then moved, studies the topic at a
    session in their new cell: the topic counts them as studied in both cells."""
    first = schedule(tree, held_on=today() - timedelta(days=62))
    people.person_transfer(actor=None, person=tree.member, to_cell=tree.cell2,
                           month=month_start(today()))  # fmt: skip
    second = schedule(tree, held_on=today())
    role_grant(actor=None, user=tree.secretary_user, unit=tree.cell2, kind=RoleKind.DEPUTY)
    tree.secretary_user._lamtheo_grants = None
    sheet = StudySheet.objects.select_related("session", "cell").get(session=second,
                                                                     cell=tree.cell2)  # fmt: skip
    study_attendance_record(actor=tree.secretary_user, sheet=sheet, version=sheet.version,
                            marks=[Mark(tree.member.pk, P)])  # fmt: skip
    assert first.topic_id == second.topic_id
    left = StudyTopicStat.objects.get(topic_id=first.topic_id, unit=tree.cell)
    assert (left.expected, left.studied) == (3, 1)
