"""Cell meetings and stories in the walk of every URL as every role."""

from __future__ import annotations

from datetime import date, time, timedelta

from lamtheo.core.periods import add_months, month_start
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings import services as meeting_services
from lamtheo.learning.stories import services as story_services
from lamtheo.tests.url_walk import CELL_STATS, ORG_STATS, Case, expect

# Who opens a cell's minutes: its secretary and the committee above (VIEW_RECORDS).
MINUTES = expect(404, secretary=200, committee=200)
RECORDERS = expect(404, secretary=200)
# The morning briefing of Chi bộ 1: its secretary, the committee and propaganda officers.
BRIEFING = expect(404, secretary=200, committee=200, propaganda=200)


def prepare(world) -> None:
    month = add_months(month_start(date.today()), -1)
    secretary = world.secretary_user
    world.meeting = meeting_services.meeting_create(
        actor=secretary, unit=world.cell,
        data=meeting_services.MeetingInput(
            kind="regular", held_on=month.replace(day=5), place="Phòng họp",
            chair=world.secretary, clerk=world.member, topic_studied=True,
            handbook_reviewed=True, proceedings="Diễn biến", conclusion="Kết luận"),
    )  # fmt: skip
    people = meeting_services.expected_people(world.cell, month)
    meeting_services.meeting_record_attendance(
        actor=secretary, meeting=world.meeting, version=world.meeting.version,
        marks={p.pk: meeting_services.Mark(AttendanceStatus.PRESENT) for p in people},
    )  # fmt: skip
    # An announced meeting a few days ahead, to which the member is invited.
    world.announced, _ = meeting_services.meeting_announce(
        actor=secretary, unit=world.cell,
        data=meeting_services.AnnouncementInput(
            kind="thematic", held_on=date.today() + timedelta(days=3), starts_at=time(14),
            place="Hội trường", agenda="Học tập chuyên đề"),
    )  # fmt: skip
    world.story = story_services.story_create(
        actor=world.propaganda_user, title="Đôi dép", text="Một mẩu chuyện.", source="Thử",
    )  # fmt: skip


def cases(w) -> list[Case]:
    pk, story = w.meeting.pk, w.story.pk
    return [
        ("learning:meeting_cell", [w.cell.code], MINUTES, "get"),
        ("learning:meeting_new", [w.cell.code], RECORDERS, "get"),
        ("learning:meeting_detail", [pk], MINUTES, "get"),
        ("learning:meeting_edit", [pk], RECORDERS, "get"),
        ("learning:meeting_attendance", [pk], RECORDERS, "get"),
        ("learning:meeting_delete", [pk], RECORDERS, "get"),
        ("learning:meeting_minutes", [pk], MINUTES, "get"),
        ("learning:meeting_announce", [w.cell.code], RECORDERS, "get"),
        # The announcement: those who see the cell's records, and the people it invites.
        ("learning:meeting_announcement", [w.announced.pk],
         expect(404, secretary=200, committee=200, member=200), "get"),
        ("learning:meeting_announce_edit", [w.announced.pk], RECORDERS, "get"),
        ("learning:meeting_cancel", [w.announced.pk], RECORDERS, "get"),
        ("learning:meeting_record", [w.announced.pk], RECORDERS, "get"),
        ("learning:meeting_figures", [w.org.code], ORG_STATS, "get"),
        ("learning:meeting_figures", [w.cell.code], CELL_STATS, "get"),
        ("learning:meeting_figures_export", [w.org.code], ORG_STATS, "get"),
        ("learning:meeting_missing", [w.org.code], ORG_STATS, "get"),
        ("learning:story_library", [], expect(200), "get"),
        ("learning:story_new", [], expect(404, propaganda=200), "get"),
        ("learning:story_detail", [story], expect(200), "get"),
        ("learning:story_edit", [story], expect(404, propaganda=200), "get"),
        ("learning:story_unit", [w.cell.code], BRIEFING, "get"),
        ("learning:story_read", [w.cell.code],
         expect(404, secretary=302, committee=302, propaganda=302), "post"),
        ("learning:story_setting", [w.cell.code], expect(404, propaganda=302), "post"),
        ("learning:story_figures", [w.org.code], ORG_STATS, "get"),
        ("learning:story_figures", [w.cell.code], CELL_STATS, "get"),
        ("learning:story_figures_export", [w.org.code], ORG_STATS, "get"),
        ("learning:story_figures_readings", [w.org.code], ORG_STATS, "get"),
    ]  # fmt: skip
