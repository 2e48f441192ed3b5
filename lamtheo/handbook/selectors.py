"""Reads of handbook entries, always scoped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils import timezone

from lamtheo.core.dates import month_start
from lamtheo.handbook.models import EntryStatus, HandbookEntry
from lamtheo.people.models import Exemption, Membership, Person


@dataclass
class MonthState:
    month: date
    entry: HandbookEntry | None
    exempt: bool
    member: bool  # belonged to a cell that month

    @property
    def key(self) -> str:
        """One short word for the grid and the task list."""
        if not self.member:
            return "none"
        if self.exempt:
            return "exempt"
        if self.entry is None or self.entry.status == EntryStatus.DRAFT:
            return "missing" if self.entry is None else "draft"
        if self.entry.status == EntryStatus.RETURNED:
            return "returned"
        if self.entry.status == EntryStatus.REVIEWED:
            return "reviewed"
        return "on_time" if self.entry.on_time else "late"


STATE_LABELS = {
    "none": "—",
    "exempt": "Miễn",
    "missing": "Chưa ghi",
    "draft": "Đang viết",
    "returned": "Trả lại",
    "reviewed": "Đã nhận xét",
    "on_time": "Đã nộp",
    "late": "Nộp muộn",
}


def _covers(start: date, end: date | None, month: date) -> bool:
    return start <= month and (end is None or end > month)


def year_months(year: int, today: date | None = None) -> list[date]:
    today = month_start(today or timezone.localdate())
    last = 12 if year < today.year else (today.month if year == today.year else 0)
    return [date(year, m, 1) for m in range(1, last + 1)]


def month_states(people: list[Person], year: int) -> dict[int, list[MonthState]]:
    """For each person, the state of every month of `year` so far (three queries in all)."""
    months = year_months(year)
    ids = [p.pk for p in people]
    entries = {
        (e.person_id, e.month): e
        for e in HandbookEntry.objects.filter(person_id__in=ids, month__year=year)
    }
    memberships: dict[int, list] = {}
    for m in Membership.objects.filter(person_id__in=ids).values_list(
            "person_id", "start_month", "end_month"):
        memberships.setdefault(m[0], []).append(m[1:])
    exemptions: dict[int, list] = {}
    for x in Exemption.objects.filter(person_id__in=ids).values_list(
            "person_id", "start_month", "end_month"):
        exemptions.setdefault(x[0], []).append(x[1:])
    return {
        pid: [
            MonthState(
                month=m, entry=entries.get((pid, m)),
                exempt=any(_covers(s, e, m) for s, e in exemptions.get(pid, [])),
                member=any(_covers(s, e, m) for s, e in memberships.get(pid, [])),
            )
            for m in months
        ]
        for pid in ids
    }


def get_entry_or_404(person: Person, month: date) -> HandbookEntry:
    entry = (
        HandbookEntry.objects.select_related("pledge", "person", "entered_by", "reviewed_by")
        .filter(person=person, month=month)
        .first()
    )
    if entry is None:
        raise Http404("Chưa có sổ tay tháng này.")
    return entry
