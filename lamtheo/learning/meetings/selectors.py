"""Reads of the cells' meetings and of their figures, always through the scope door."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from lamtheo.core.audit import changes_of
from lamtheo.core.figure_tables import ratio
from lamtheo.core.periods import add_months, month_start
from lamtheo.handbook.models import EntryStatus, HandbookEntry
from lamtheo.learning.meetings.models import (
    CellMeeting,
    CellMeetingStat,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
)
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, top_units
from lamtheo.orgs.tree import branch_expr, children_of, subtree_q
from lamtheo.people.models import MemberStatus, Person
from lamtheo.people.selectors import cell_people_in_month


def get_meeting_or_404(user, pk: int, capability: Capability) -> CellMeeting:
    meeting = (CellMeeting.objects.select_related("unit", "chair", "clerk", "topic", "story")
               .filter(pk=pk).first())  # fmt: skip
    if meeting is None or not can(user, capability, meeting.unit):
        raise Http404("Không tìm thấy buổi sinh hoạt.")
    return meeting


def cell_meetings(cell: OrgUnit, year: int) -> list[CellMeeting]:
    """The cell's meetings of the year, announced, held or cancelled."""
    return list(CellMeeting.objects.filter(unit=cell, month__year=year)
                .select_related("chair", "clerk", "story")
                .annotate(present=Count("attendance", filter=Q(attendance__status="present")),
                          invited=Count("attendance"))
                .order_by("-held_on", "kind"))  # fmt: skip


def deleted_meetings(cell: OrgUnit, year: int) -> list:
    """Minutes of the year deleted from the cell, from the audit trail: when, by whom, why."""
    return list(CellMeeting.history.filter(unit_id=cell.pk, month__year=year, history_type="-")
                .select_related("history_user").order_by("-history_date"))  # fmt: skip


def attendance_of(meeting: CellMeeting) -> list[MeetingAttendance]:
    return list(meeting.attendance.select_related("person").order_by("person__sort_key"))


def meeting_history(meeting: CellMeeting) -> list:
    changes = changes_of(meeting.history.all(), what="Biên bản")
    changes += changes_of(
        MeetingAttendance.history.filter(meeting_id=meeting.pk).select_related("person"),
        what="Điểm danh",
        skip={"meeting"},
    )
    return sorted(changes, key=lambda c: c.at, reverse=True)


# --- handbook reviews done at a meeting -----------------------------------------------
# Derived, not stored: a month's entries are due early the next month, so the reviews of a
# cell's entries of month M belong to the cell's meeting of month M+1 that has "handbook
# entries reviewed" ticked (the regular one first), for the entries submitted by its day.


def _review_meeting(unit_id: int, month: date) -> QuerySet[CellMeeting]:
    # "regular" sorts before "thematic": the regular meeting takes the reviews if both
    # have the box ticked.
    return (
        CellMeeting.objects.held()
        .filter(unit_id=unit_id, month=month, handbook_reviewed=True)
        .order_by("kind", "held_on")
    )


def meeting_for_entry(entry: HandbookEntry) -> CellMeeting | None:
    """The meeting where a reviewed handbook entry was reviewed, if it was at a meeting."""
    if entry.status != EntryStatus.REVIEWED or entry.submitted_at is None:
        return None
    meeting = _review_meeting(entry.unit_id, add_months(entry.month, 1)).first()
    if meeting and timezone.localdate(entry.submitted_at) <= meeting.held_on:
        return meeting
    return None


def _day_after(day: date) -> datetime:
    # The local midnight that ends the meeting's day, for a comparison with a timestamp.
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def reviewed_entries(meeting: CellMeeting) -> list[HandbookEntry]:
    """The previous month's reviewed entries of the cell submitted by the meeting's day, if
    this is the meeting that reviewed them: names and ratings only (the handbook text stays
    with the handbook)."""
    if not meeting.handbook_reviewed or not meeting.is_held:
        return []
    first = _review_meeting(meeting.unit_id, meeting.month).values_list("pk", flat=True).first()
    if first != meeting.pk:
        return []
    entries = HandbookEntry.objects.filter(
        unit=meeting.unit, month=meeting.reviewed_month, status=EntryStatus.REVIEWED,
        submitted_at__lt=_day_after(meeting.held_on),
    ).select_related("person")  # fmt: skip
    return list(
        entries.only("id", "person_id", "person__full_name", "person__sort_key", "month",
                     "review_rating", "unit_id", "status").order_by("person__sort_key")
    )  # fmt: skip


# --- the secretary's task -------------------------------------------------------------


def cells_without_meeting_now(user, on: date | None = None) -> list[OrgUnit]:
    """The cells the user records meetings for (as their own cell's secretary) that have
    not recorded this month's regular meeting."""
    month = month_start(on or timezone.localdate())
    cells = [u for u in top_units(user, Capability.RECORD_MEETINGS) if u.is_cell]
    if not cells:
        return []
    done = set(CellMeeting.objects.held().filter(unit__in=cells, month=month,
                                          kind=MeetingKind.REGULAR)
               .values_list("unit_id", flat=True))  # fmt: skip
    return [c for c in cells if c.pk not in done]


# --- figures --------------------------------------------------------------------------


@dataclass
class MeetingFigures:
    cells: int = 0
    held: int = 0
    with_content: int = 0
    thematic: int = 0
    invited: int = 0
    present: int = 0

    def add(self, row: dict) -> None:
        for name, value in row.items():
            setattr(self, name, getattr(self, name) + (value or 0))

    @property
    def held_rate(self) -> float | None:
        return ratio(self.held, self.cells)

    @property
    def content_rate(self) -> float | None:
        return ratio(self.with_content, self.cells)

    @property
    def attendance_rate(self) -> float | None:
        return ratio(self.present, self.invited)

    @property
    def not_held(self) -> int:
        return self.cells - self.held


@dataclass
class MeetingRow:
    unit: OrgUnit
    figures: MeetingFigures


@dataclass
class MeetingUnitFigures:
    unit: OrgUnit
    month: date
    total: MeetingFigures
    rows: list[MeetingRow] = field(default_factory=list)


_SUMS = {
    "cells": Count("id"),
    "held": Sum("held"),
    "with_content": Sum("with_content"),
    "thematic": Sum("thematic"),
    "invited": Sum("invited"),
    "present": Sum("present"),
}


def meeting_unit_figures(unit: OrgUnit, month: date) -> MeetingUnitFigures:
    """The unit's meeting figures for `month` and one row per child unit: two queries
    whatever the size of the subtree (the grouped rows, the children's names)."""
    month = month_start(month)
    grouped = (CellMeetingStat.objects.filter(subtree_q(unit.path), month=month)
               .annotate(child=branch_expr(unit.path)).values("child")
               .annotate(**_SUMS).order_by())  # fmt: skip
    total, per_child = MeetingFigures(), {}
    for row in grouped:
        child = row.pop("child")
        total.add(row)
        if child != unit.path:
            per_child.setdefault(child, MeetingFigures()).add(row)
    rows = [
        MeetingRow(u, per_child.get(k, MeetingFigures())) for u, k in children_of(unit, per_child)
    ]
    return MeetingUnitFigures(unit, month, total, rows)


def cells_without_meeting(unit: OrgUnit, month: date) -> QuerySet[OrgUnit]:
    """The cells of the subtree that have not recorded the month's regular meeting, in
    tree order (read from the figures: the same cells the rate counts)."""
    rows = CellMeetingStat.objects.filter(subtree_q(unit.path), month=month_start(month),
                                          held=0)  # fmt: skip
    return OrgUnit.objects.filter(pk__in=rows.values("unit_id")).order_by("path")


# --- announcements ------------------------------------------------------------------------


def get_announcement_or_404(user, pk: int) -> CellMeeting:
    """An announced (or since held or cancelled) meeting, for those who see the cell's
    records and for the people it invites (their own invitation)."""
    meeting = CellMeeting.objects.select_related("unit").filter(pk=pk).first()
    if meeting is None:
        raise Http404("Không tìm thấy buổi sinh hoạt.")
    if can(user, Capability.VIEW_RECORDS, meeting.unit):
        return meeting
    if getattr(user, "is_authenticated", False) and any(
        p.user_id == user.pk for p in expected_people(meeting.unit, meeting.month)
    ):
        return meeting
    raise Http404("Không tìm thấy buổi sinh hoạt.")


def expected_people(cell: OrgUnit, month: date) -> list[Person]:
    """The party members the cell expects at its meeting (and invites to an announced one):
    in the cell that month, not exempt (the same rule as the handbook figures); quần chúng
    on the roster take part in the campaign but do not attend the chi bộ's meetings."""
    return [p for p in cell_party_members_in_month(cell, month) if not p.is_exempt]


def cell_party_members_in_month(cell: OrgUnit, month: date) -> QuerySet[Person]:
    return cell_people_in_month(cell, month).exclude(status=MemberStatus.NON_MEMBER)


def upcoming_for(person: Person | None, on: date | None = None) -> list[CellMeeting]:
    """The announced meetings of the person's cell from today on that invite them."""
    if person is None or person.cell_id is None:
        return []
    on = on or timezone.localdate()
    meetings = CellMeeting.objects.filter(
        unit_id=person.cell_id, status=MeetingStatus.ANNOUNCED, held_on__gte=on
    ).select_related("unit")
    return [
        m for m in meetings.order_by("held_on", "starts_at")
        if any(p.pk == person.pk for p in expected_people(m.unit, m.month))
    ]  # fmt: skip
