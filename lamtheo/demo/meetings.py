"""Demo data for the meetings and the stories: every cell's regular meeting for each past
month of the demo year (a few cells missing some months), some thematic meetings,
attendance, the story library and a few readings. Bulk inserts, like lamtheo.demo.inserts,
with the figures rebuilt once at the end."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from django.utils import timezone

from lamtheo.campaign.selectors import topic_for
from lamtheo.core.bulk import insert_rows
from lamtheo.core.periods import add_months, month_start
from lamtheo.demo.data.stories import SOURCE, STORIES
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings.figures import rebuild_meeting_year
from lamtheo.learning.meetings.models import CellMeeting, MeetingAttendance, MeetingKind
from lamtheo.learning.stories.models import Story, StoryReading
from lamtheo.learning.stories.selectors import rotation, story_search_key
from lamtheo.orgs.models import CELL_KINDS, OrgUnit, Role, RoleKind
from lamtheo.people.models import Exemption, Membership, MemberStatus, Person

SEED = 20260704
PLACES = ["Phòng họp chi bộ", "Hội trường cơ quan", "Phòng họp tầng 2"]
PROCEEDINGS = [
    "Đồng chí bí thư đánh giá kết quả thực hiện nhiệm vụ chính trị trong tháng. Các đảng "
    "viên phát biểu ý kiến về việc thực hiện bản đăng ký học tập và làm theo Bác.",
    "Chi bộ thông tin thời sự, quán triệt văn bản của cấp trên; đảng viên trao đổi về những "
    "việc làm cụ thể đã thực hiện và khó khăn trong tháng.",
]
CONCLUSIONS = [
    "Chi bộ thống nhất các nhiệm vụ trọng tâm tháng tới; mỗi đảng viên hoàn thành sổ tay đúng hạn.",
    "Giao các đồng chí đảng viên tiếp tục thực hiện việc làm đã đăng ký, báo cáo kết quả tại "
    "buổi sinh hoạt tháng sau.",
]
ABSENCE_REASONS = ["Đi công tác", "Nghỉ ốm", "Nghỉ phép", "Đi học tập trung"]


def _stories() -> list[Story]:
    existing = set(Story.objects.values_list("title", flat=True))
    Story.objects.bulk_create([
        Story(title=title, text=text, source=SOURCE, tags=tags,
              search_key=story_search_key(title, text, tags))
        for title, tags, text in STORIES if title not in existing
    ])  # fmt: skip
    return list(Story.objects.filter(is_active=True))


def _people_by_cell(cells: dict[int, OrgUnit], months: list[date]):
    """(cell, month) → expected person ids, from memberships and exemptions."""
    first, last = months[0], months[-1]
    exempt = defaultdict(list)
    for pid, start, end in Exemption.objects.values_list("person_id", "start_month", "end_month"):
        exempt[pid].append((start, end))
    expected = defaultdict(list)
    rows = (
        Membership.objects.filter(unit_id__in=cells, start_month__lte=last)
        .exclude(end_month__lte=first)
        .exclude(person__status=MemberStatus.NON_MEMBER)  # quần chúng do not attend
        .values_list("person_id", "unit_id", "start_month", "end_month")
    )
    for pid, unit_id, start, end in rows:
        for m in months:
            if (
                start <= m
                and (end is None or end > m)
                and not any(s <= m and (e is None or e > m) for s, e in exempt[pid])
            ):
                expected[(unit_id, m)].append(pid)
    return expected


def load(*, months: list[date], today: date | None = None) -> None:
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    stories = _stories()
    months = [m for m in months if m < month_start(today)] or months
    if not months:
        return
    cells = {u.pk: u for u in OrgUnit.objects.filter(kind__in=CELL_KINDS, is_active=True)}
    expected = _people_by_cell(cells, months)
    secretaries = dict(Person.objects.filter(
        user__roles__kind=RoleKind.SECRETARY, user__roles__unit_id__in=cells,
    ).values_list("user__roles__unit_id", "pk"))  # fmt: skip
    topic = topic_for(unit=next(iter(cells.values()), None), year=months[0].year)
    lagging = set(rng.sample(sorted(cells), k=max(1, len(cells) // 12)))
    meetings, plans = [], []
    for cell_id in sorted(cells):
        for m in months:
            people = expected.get((cell_id, m), [])
            if not people:
                continue
            late = cell_id in lagging and m >= add_months(months[-1], -2)
            if late or rng.random() < 0.03:
                continue  # this cell has not recorded the month
            kinds = [MeetingKind.REGULAR]
            if m.month in (3, 6, 9) and rng.random() < 0.3:
                kinds.append(MeetingKind.THEMATIC)
            for kind in kinds:
                meetings.append(
                    _meeting(rng, cells[cell_id], m, kind, people, secretaries, topic, stories)
                )
                plans.append(people)
    CellMeeting.objects.bulk_create(meetings, batch_size=2000)
    insert_rows(MeetingAttendance, [
        a for meeting, people in zip(meetings, plans, strict=True)
        for a in _attendance(rng, meeting.pk, people)
    ])  # fmt: skip
    _readings(rng, stories, secretaries, cells, today)
    _more_readings(stories, today)
    for year in sorted({m.year for m in months} | {today.year}):
        rebuild_meeting_year(year)


def _meeting(rng, cell, month, kind, people, secretaries, topic, stories) -> CellMeeting:
    chair = secretaries.get(cell.pk, people[0])
    clerk = next((p for p in people if p != chair), chair)
    regular = kind == MeetingKind.REGULAR
    content = rng.random() < 0.9
    studied = content and (not regular or rng.random() < 0.8)
    return CellMeeting(
        unit=cell,
        month=month,
        kind=kind,
        held_on=month + timedelta(days=rng.randint(2, 11)),
        place=rng.choice(PLACES),
        chair_id=chair,
        clerk_id=clerk,
        topic_studied=studied,
        topic=topic if studied else None,
        handbook_reviewed=regular and content and rng.random() < 0.85,
        story=rng.choice(stories) if stories and content and rng.random() < 0.5 else None,
        self_check=content and rng.random() < 0.3,
        proceedings=rng.choice(PROCEEDINGS),
        conclusion=rng.choice(CONCLUSIONS),
    )


def _attendance(rng, meeting_id: int, people: list[int]) -> list[dict]:
    out = []
    for pid in people:
        r = rng.random()
        row = {"meeting_id": meeting_id, "person_id": pid, "status": AttendanceStatus.PRESENT}
        if r >= 0.97:
            row["status"] = AttendanceStatus.UNEXCUSED
        elif r >= 0.9:
            row |= {"status": AttendanceStatus.EXCUSED, "reason": rng.choice(ABSENCE_REASONS)}
        out.append(row)
    return out


def _readings(rng, stories, secretaries, cells, today: date) -> None:
    """The last few working days' briefings at the demo secretary's cell and a few others."""
    if not stories:
        return
    bithu_cell = Role.objects.filter(user__username="bithu", kind=RoleKind.SECRETARY).values_list(
        "unit_id", flat=True).first()  # fmt: skip
    units = [
        cells[u]
        for u in [bithu_cell, *rng.sample(sorted(cells), k=min(5, len(cells)))]
        if u in cells
    ]
    readings = []
    for unit in units:
        days = [today - timedelta(days=d) for d in range(1, 10)]
        days = [d for d in days if d.weekday() < 5][:4]
        for story_id, day in zip(rotation(unit), reversed(days), strict=False):
            readings.append(
                StoryReading(unit=unit, story_id=story_id, period=day, cycle=1, read_on=day)
            )
    StoryReading.objects.bulk_create(readings, ignore_conflicts=True)


def _more_readings(stories, today: date) -> None:
    """Briefings of last month and this month at about a third of the cells and of the
    higher units that have none yet, so that the figures of the stories read have
    something to show. Its own random generator: the data above does not change."""
    if not stories:
        return
    rng = random.Random(SEED + 1)
    have = set(StoryReading.objects.values_list("unit_id", flat=True))
    units = [u for u in OrgUnit.objects.filter(is_active=True).order_by("path")
             if u.pk not in have and u.parent_id is not None and rng.random() < 0.35]  # fmt: skip
    markers = dict(Role.objects.filter(unit__in=units, kind__in=[
        RoleKind.SECRETARY, RoleKind.DEPUTY, RoleKind.COMMITTEE,
    ]).values_list("unit_id", "user_id"))  # fmt: skip
    start = add_months(month_start(today), -1)
    days = [start + timedelta(days=d) for d in range((today - start).days)]
    days = [d for d in days if d.weekday() < 5]
    readings = []
    for unit in units:
        order, keen = rotation(unit), rng.uniform(0.2, 0.7)
        read = [d for d in days if rng.random() < keen]
        for i, day in enumerate(read):
            readings.append(StoryReading(
                unit=unit, story_id=order[i % len(order)], cycle=i // len(order) + 1,
                period=day, read_on=day, read_by_id=markers.get(unit.pk),
            ))  # fmt: skip
    StoryReading.objects.bulk_create(readings, ignore_conflicts=True)
