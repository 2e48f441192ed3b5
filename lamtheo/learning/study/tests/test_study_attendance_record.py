from __future__ import annotations

from datetime import timedelta

import pytest

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.learning.study.models import StudyAttendance, StudyTopicStat
from lamtheo.learning.study.services import Mark, study_attendance_record
from lamtheo.learning.study.tests.helpers import E, P, U, record, schedule, sheet_of, today
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant


@pytest.fixture
def session(tree):
    return schedule(tree, held_on=today() - timedelta(days=5))


def marks_of(session) -> dict:
    return {
        a.person_id: (a.status, a.reason, a.made_up_on)
        for a in StudyAttendance.objects.filter(session=session)
    }


def test_it_records_the_marks_and_the_sheet_counts(tree, session):
    n = record(
        tree,
        session,
        {tree.member: P, tree.secretary: P, tree.proxy_member: (E, "Đi công tác", None)},
    )
    assert n == 3
    sheet = sheet_of(session, tree.cell)
    assert (sheet.expected, sheet.marked, sheet.attended, sheet.excused) == (3, 3, 2, 1)
    assert sheet.recorded_by == tree.secretary_user and sheet.recorded_at is not None
    stat = StudyTopicStat.objects.get(topic=session.topic, unit=tree.cell)
    assert (stat.expected, stat.studied, stat.excused) == (3, 2, 1)


def test_it_writes_only_what_changed_and_keeps_it_in_the_history(tree, session):
    record(tree, session, {tree.member: P, tree.secretary: P})
    n = record(tree, session, {tree.member: P, tree.secretary: (U, "", None)})
    assert n == 1
    history = StudyAttendance.history.filter(person_id=tree.secretary.pk).order_by("history_date")
    assert [h.status for h in history] == [P, U]
    assert [h.history_change_reason for h in history] == ["Ghi điểm danh", "Sửa điểm danh"]
    assert history.last().history_user == tree.secretary_user
    assert StudyAttendance.history.filter(person_id=tree.member.pk).count() == 1


def test_a_make_up_counts_as_studied(tree, session):
    record(tree, session, {tree.member: (U, "", None)})
    assert StudyTopicStat.objects.get(unit=tree.cell).studied == 0
    record(tree, session, {tree.member: (U, "", today())})
    stat = StudyTopicStat.objects.get(unit=tree.cell)
    assert (stat.studied, stat.made_up, stat.unexcused) == (1, 1, 0)
    a = StudyAttendance.history.filter(person_id=tree.member.pk).latest("history_date")
    assert a.history_change_reason == "Ghi học bù"


def test_a_second_save_on_the_same_version_is_refused(tree, session):
    sheet = sheet_of(session, tree.cell)
    version = sheet.version
    study_attendance_record(
        actor=tree.secretary_user, sheet=sheet, version=version, marks=[Mark(tree.member.pk, P)]
    )
    other = sheet_of(session, tree.cell)
    with pytest.raises(StaleRecord):
        study_attendance_record(
            actor=tree.secretary_user, sheet=other, version=version, marks=[Mark(tree.member.pk, U)]
        )
    assert marks_of(session)[tree.member.pk][0] == P


def test_it_refuses_before_the_session_is_held(tree):
    later = schedule(tree, held_on=today() + timedelta(days=2))
    with pytest.raises(DomainError):
        record(tree, later, {tree.member: P})
    assert not StudyAttendance.objects.exists()


def test_it_refuses_a_person_of_another_cell(tree, session):
    with pytest.raises(DomainError):
        record(tree, session, {tree.outsider: P})


def test_it_refuses_the_secretary_of_another_cell(tree, session):
    with pytest.raises(DomainError):
        record(tree, session, {tree.outsider: P}, cell=tree.cell2, actor=tree.secretary_user)
    with pytest.raises(DomainError):
        record(tree, session, {tree.member: P}, actor=tree.committee_user)


def test_it_refuses_an_excused_absence_without_a_reason(tree, session):
    with pytest.raises(DomainError) as e:
        record(tree, session, {tree.member: (E, " ", None)})
    assert e.value.field == f"p{tree.member.pk}-reason"


@pytest.mark.parametrize("case", ["present", "before", "future"])
def test_it_refuses_an_impossible_make_up(tree, session, case):
    status, when = {
        "present": (P, today()),
        "before": (U, session.held_on - timedelta(days=1)),
        "future": (U, today() + timedelta(days=1)),
    }[case]
    with pytest.raises(DomainError) as e:
        record(tree, session, {tree.member: (status, "", when)})
    assert e.value.field == f"p{tree.member.pk}-made_up_on"
    assert not StudyAttendance.objects.exists()


def test_a_deputy_of_the_other_cell_records_theirs(tree, session):
    role_grant(actor=None, user=tree.outsider.user, unit=tree.cell2, kind=RoleKind.DEPUTY)
    record(tree, session, {tree.outsider: P}, cell=tree.cell2, actor=tree.outsider.user)
    assert StudyTopicStat.objects.get(unit=tree.cell2).studied == 1
