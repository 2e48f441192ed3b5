"""Small builders of meetings for the tests."""

from __future__ import annotations

from datetime import date, time, timedelta

from lamtheo.core.periods import add_months, month_start
from lamtheo.learning.meetings import services as meeting_services
from lamtheo.learning.meetings.models import MeetingKind

LAST_MONTH = add_months(month_start(date.today()), -1)


def meeting_input(tree, **changes) -> meeting_services.MeetingInput:
    data = {"kind": MeetingKind.REGULAR, "held_on": LAST_MONTH.replace(day=6),
            "place": "Phòng họp tầng 2", "chair": tree.secretary, "clerk": tree.member,
            "topic_studied": True, "handbook_reviewed": False, "story": None,
            "self_check": False, "proceedings": "Các đồng chí phát biểu.",
            "conclusion": "Hoàn thành sổ tay đúng hạn."}  # fmt: skip
    return meeting_services.MeetingInput(**(data | changes))


def make_meeting(tree):
    return meeting_services.meeting_create(
        actor=tree.secretary_user, unit=tree.cell, data=meeting_input(tree)
    )


def announcement_input(**changes) -> meeting_services.AnnouncementInput:
    data = {"kind": MeetingKind.THEMATIC, "held_on": date.today() + timedelta(days=2),
            "starts_at": time(14, 0), "place": "Hội trường khoa",
            "agenda": "Học tập chuyên đề năm 2026.\nNhận xét sổ tay tháng trước."}  # fmt: skip
    return meeting_services.AnnouncementInput(**(data | changes))


def announce(tree, **changes):
    meeting, _ = meeting_services.meeting_announce(
        actor=tree.secretary_user, unit=tree.cell, data=announcement_input(**changes)
    )
    return meeting
