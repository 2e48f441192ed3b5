from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from lamtheo.demo import meetings as meetings_demo
from lamtheo.demo.data.stories import SOURCE, STORIES
from lamtheo.learning.meetings.models import CellMeeting, CellMeetingStat, MeetingAttendance
from lamtheo.learning.stories.models import Story


def test_the_demo_records_meetings_attendance_stories_and_builds_the_figures(tree):
    months = [date(2026, m, 1) for m in range(1, 4)]
    meetings_demo.load(months=months, today=date(2026, 4, 10))
    assert 8 <= len(STORIES) <= 12 and Story.objects.count() == len(STORIES)
    assert set(Story.objects.values_list("source", flat=True)) == {SOURCE}
    assert CellMeeting.objects.filter(month__in=months).count() >= 6
    assert MeetingAttendance.objects.exists()
    assert CellMeetingStat.objects.filter(month__year=2026).count() == 3 * 12
    held = sum(CellMeetingStat.objects.values_list("held", flat=True))
    assert held == CellMeeting.objects.filter(kind="regular").count()


def test_rebuild_stats_rebuilds_the_meeting_figures(tree):
    meetings_demo.load(months=[date(2026, 1, 1)], today=date(2026, 2, 3))
    CellMeetingStat.objects.all().delete()
    call_command("rebuild_stats", year=[2026], stdout=StringIO())
    assert CellMeetingStat.objects.filter(month__year=2026).count() == 3 * 12
