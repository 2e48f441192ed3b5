from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings import services as s
from lamtheo.learning.meetings.models import (
    CellMeeting,
    CellMeetingStat,
    MeetingAttendance,
    MeetingKind,
)
from lamtheo.learning.meetings.tests.helpers import LAST_MONTH, make_meeting, meeting_input
from lamtheo.orgs.models import RoleKind
from lamtheo.orgs.services import role_grant
from lamtheo.people.models import Exemption


@pytest.fixture
def meeting(tree):
    return make_meeting(tree)


def test_it_records_a_meeting_with_its_topic_and_keeps_the_figures(tree, meeting):
    assert meeting.month == LAST_MONTH
    expected = "Chuyên đề thử nghiệm của năm" if LAST_MONTH.year == date.today().year else None
    assert (meeting.topic.title if meeting.topic else None) == expected
    stat = CellMeetingStat.objects.get(unit=tree.cell, month=LAST_MONTH)
    assert (stat.held, stat.with_content, stat.path) == (1, 1, tree.cell.path)
    assert meeting.history.first().history_user == tree.secretary_user


def test_it_refuses_someone_who_does_not_record_the_cells_meetings(tree):
    for user in (tree.member_user, tree.committee_user, tree.other_secretary_user,
                 tree.propaganda_user):  # fmt: skip
        with pytest.raises(DomainError):
            s.meeting_create(actor=user, unit=tree.cell, data=meeting_input(tree))
    assert not CellMeeting.objects.exists()


def test_it_refuses_a_unit_that_is_not_a_cell(tree):
    role_grant(actor=None, user=tree.committee_user, unit=tree.org, kind=RoleKind.SECRETARY)
    with pytest.raises(DomainError, match="Chỉ chi bộ"):
        s.meeting_create(actor=tree.committee_user, unit=tree.org, data=meeting_input(tree))


def test_it_refuses_a_date_in_the_future(tree):
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        s.meeting_create(
            actor=tree.secretary_user,
            unit=tree.cell,
            data=meeting_input(tree, held_on=date.today() + timedelta(days=1)),
        )


def test_it_refuses_a_second_regular_meeting_in_the_month(tree, meeting):
    with pytest.raises(DomainError, match="đã có biên bản"):
        s.meeting_create(
            actor=tree.secretary_user,
            unit=tree.cell,
            data=meeting_input(tree, held_on=LAST_MONTH.replace(day=20)),
        )


def test_the_database_refuses_a_second_meeting_of_the_same_kind(tree, meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        CellMeeting.objects.create(
            unit=tree.cell,
            month=LAST_MONTH,
            kind=MeetingKind.REGULAR,
            held_on=LAST_MONTH,
            place="X",
        )


def test_it_allows_a_thematic_meeting_in_the_same_month(tree, meeting):
    thematic = s.meeting_create(
        actor=tree.secretary_user,
        unit=tree.cell,
        data=meeting_input(tree, kind=MeetingKind.THEMATIC),
    )
    assert thematic.pk != meeting.pk
    assert CellMeetingStat.objects.get(unit=tree.cell, month=LAST_MONTH).thematic == 1


def test_it_refuses_a_chair_from_another_cell(tree):
    with pytest.raises(DomainError, match="Người chủ trì"):
        s.meeting_create(
            actor=tree.secretary_user, unit=tree.cell, data=meeting_input(tree, chair=tree.outsider)
        )


def test_it_refuses_an_empty_place(tree):
    with pytest.raises(DomainError, match="địa điểm"):
        s.meeting_create(
            actor=tree.secretary_user, unit=tree.cell, data=meeting_input(tree, place="  ")
        )


def test_it_updates_a_meeting_and_refuses_a_stale_version(tree, meeting):
    version = meeting.version
    s.meeting_update(
        actor=tree.secretary_user,
        meeting=meeting,
        version=version,
        data=meeting_input(tree, topic_studied=False, conclusion="Mới"),
    )
    meeting.refresh_from_db()
    assert meeting.conclusion == "Mới" and meeting.version == version + 1
    assert CellMeetingStat.objects.get(unit=tree.cell, month=LAST_MONTH).with_content == 0
    with pytest.raises(StaleRecord):
        s.meeting_update(
            actor=tree.secretary_user, meeting=meeting, version=version, data=meeting_input(tree)
        )
    assert meeting.history.count() == 2


def test_moving_a_meeting_to_another_month_refreshes_both_months(tree):
    two_ago = LAST_MONTH.replace(day=1) - timedelta(days=1)
    m = s.meeting_create(actor=tree.secretary_user, unit=tree.cell, data=meeting_input(tree))
    s.meeting_update(
        actor=tree.secretary_user,
        meeting=m,
        version=m.version,
        data=meeting_input(tree, held_on=two_ago),
    )
    assert CellMeetingStat.objects.get(unit=tree.cell, month=LAST_MONTH).held == 0
    assert CellMeetingStat.objects.get(unit=tree.cell, month=two_ago.replace(day=1)).held == 1


def _marks(tree, **by_person):
    people = s.expected_people(tree.cell, LAST_MONTH)
    return {p.pk: by_person.get(p.code, s.Mark(AttendanceStatus.PRESENT)) for p in people}


def test_it_takes_attendance_of_the_expected_members(tree, meeting):
    marks = _marks(
        tree,
        DV004=s.Mark(AttendanceStatus.EXCUSED, "Đi công tác"),
        DV001=s.Mark(AttendanceStatus.UNEXCUSED),
    )
    s.meeting_record_attendance(
        actor=tree.secretary_user, meeting=meeting, marks=marks, version=meeting.version
    )
    rows = {a.person.code: a for a in MeetingAttendance.objects.select_related("person")}
    assert set(rows) == {"DV001", "DV002", "DV004"}
    assert rows["DV004"].reason == "Đi công tác"
    stat = CellMeetingStat.objects.get(unit=tree.cell, month=LAST_MONTH)
    assert (stat.invited, stat.present) == (3, 1)
    assert rows["DV001"].history.first().history_user == tree.secretary_user


def test_exempt_members_are_not_expected(tree):
    Exemption.objects.create(person=tree.proxy_member, start_month=date(2020, 1, 1))
    assert tree.proxy_member not in s.expected_people(tree.cell, LAST_MONTH)


def test_it_refuses_an_absence_with_a_reason_but_no_reason(tree, meeting):
    marks = _marks(tree, DV004=s.Mark(AttendanceStatus.EXCUSED, " "))
    with pytest.raises(DomainError, match="lý do vắng"):
        s.meeting_record_attendance(
            actor=tree.secretary_user, meeting=meeting, marks=marks, version=meeting.version
        )
    assert not MeetingAttendance.objects.exists()


def test_it_refuses_attendance_that_leaves_someone_out_or_adds_an_outsider(tree, meeting):
    marks = _marks(tree)
    missing = dict(list(marks.items())[1:])
    with pytest.raises(DomainError, match="Chưa điểm danh"):
        s.meeting_record_attendance(
            actor=tree.secretary_user, meeting=meeting, marks=missing, version=meeting.version
        )
    with pytest.raises(DomainError, match="không thuộc chi bộ"):
        s.meeting_record_attendance(
            actor=tree.secretary_user,
            meeting=meeting,
            version=meeting.version,
            marks=marks | {tree.outsider.pk: s.Mark(AttendanceStatus.PRESENT)},
        )


def test_it_refuses_attendance_on_a_stale_meeting_or_by_another_cell(tree, meeting):
    with pytest.raises(StaleRecord):
        s.meeting_record_attendance(
            actor=tree.secretary_user,
            meeting=meeting,
            marks=_marks(tree),
            version=meeting.version - 1 or 99,
        )
    with pytest.raises(DomainError):
        s.meeting_record_attendance(
            actor=tree.other_secretary_user,
            meeting=meeting,
            marks=_marks(tree),
            version=meeting.version,
        )


def test_a_meeting_with_attendance_cannot_move_to_another_month(tree, meeting):
    s.meeting_record_attendance(
        actor=tree.secretary_user, meeting=meeting, marks=_marks(tree), version=meeting.version
    )
    earlier = LAST_MONTH - timedelta(days=3)
    with pytest.raises(DomainError, match="không chuyển sang tháng khác"):
        s.meeting_update(
            actor=tree.secretary_user,
            meeting=meeting,
            version=meeting.version,
            data=meeting_input(tree, held_on=earlier),
        )


def _mark_all_present(tree, meeting) -> None:
    people = s.expected_people(tree.cell, LAST_MONTH)
    s.meeting_record_attendance(
        actor=tree.secretary_user, meeting=meeting, version=meeting.version,
        marks={p.pk: s.Mark(AttendanceStatus.PRESENT) for p in people},
    )  # fmt: skip
    meeting.refresh_from_db()


def test_deleting_minutes_drops_them_from_the_figures_and_keeps_them_in_the_history(tree, meeting):
    _mark_all_present(tree, meeting)
    s.meeting_delete(actor=tree.secretary_user, meeting=meeting, reason="Ghi nhầm chi bộ",
                     version=meeting.version)  # fmt: skip
    assert not CellMeeting.objects.exists() and not MeetingAttendance.objects.exists()
    assert not CellMeetingStat.objects.filter(unit=tree.cell, month=LAST_MONTH, held__gt=0)
    removed = CellMeeting.history.filter(history_type="-").get()
    assert removed.history_user == tree.secretary_user
    assert removed.history_change_reason.endswith("Ghi nhầm chi bộ")
    assert MeetingAttendance.history.filter(history_type="-").count() == len(
        s.expected_people(tree.cell, LAST_MONTH)
    )


def test_deleting_needs_a_reason_the_right_person_and_the_current_version(tree, meeting):
    with pytest.raises(DomainError, match="lý do"):
        s.meeting_delete(actor=tree.secretary_user, meeting=meeting, reason="  ",
                         version=meeting.version)  # fmt: skip
    with pytest.raises(DomainError):
        s.meeting_delete(actor=tree.other_secretary_user, meeting=meeting, reason="Nhầm",
                         version=meeting.version)  # fmt: skip
    with pytest.raises(StaleRecord):
        s.meeting_delete(actor=tree.secretary_user, meeting=meeting, reason="Nhầm",
                         version=meeting.version - 1 if meeting.version > 1 else 99)  # fmt: skip
    assert CellMeeting.objects.count() == 1


def test_quan_chung_on_the_roster_are_not_expected_at_the_cells_meeting(tree):
    from lamtheo.people.models import MemberStatus
    from lamtheo.people.services import person_create

    guest = person_create(actor=None, code="QC01", full_name="Võ Thu Hằng",
                          status=MemberStatus.NON_MEMBER, cell=tree.cell,
                          start_month=date(2020, 1, 1), duty="Nhân viên")  # fmt: skip
    assert guest not in s.expected_people(tree.cell, LAST_MONTH)
    assert tree.member in s.expected_people(tree.cell, LAST_MONTH)
    with pytest.raises(DomainError, match="Thư ký phải là đảng viên"):
        s.meeting_create(actor=tree.secretary_user, unit=tree.cell,
                         data=meeting_input(tree, clerk=guest))  # fmt: skip
