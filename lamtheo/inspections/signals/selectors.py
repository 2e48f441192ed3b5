"""Reads of the stored signals, already scoped (VIEW_SIGNALS on the unit looked at).

The ranking and a cell's list show counts only; the named records behind a signal (the
copied months, the registrations, the people) are read by `evidence`, and the view that
shows them logs the opening for each person (core.audit.record_view)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Sum
from django.http import Http404

from lamtheo.core.periods import add_months
from lamtheo.handbook.models import HandbookEntry
from lamtheo.inspections.models import Inspection, InspectionPlan, InspectionState
from lamtheo.inspections.signals.kinds import EXPLANATIONS, Explanation
from lamtheo.inspections.signals.models import YEARLY_KINDS, Signal, SignalKind
from lamtheo.learning.meetings.models import CellMeeting
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, anchor_units_over, can
from lamtheo.orgs.tree import subtree_q
from lamtheo.people.models import Person
from lamtheo.pledges.models import Pledge

NOT_FOUND = "Không tìm thấy trang."
PAGE = 50
LABELS = dict(SignalKind.choices)


@dataclass
class KindCount:
    kind: str
    rows: int  # months (or years) in which it fired
    records: int
    score: float

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass
class UnitRank:
    unit_id: int
    path: str
    kinds: list[KindCount] = field(default_factory=list)
    unit: OrgUnit | None = None  # loaded for the page shown only (with_units)
    parent_name: str = ""

    @property
    def weight(self) -> float:
        return sum(k.score for k in self.kinds)


def ranking(root: OrgUnit, year: int) -> list[UnitRank]:
    """The cells of the subtree with a signal in `year`, most kinds first, then the sum of
    each kind's highest score. One grouped query; the units themselves are loaded for the
    page shown (with_units). The caller checked VIEW_SIGNALS on `root`."""
    rows = (
        Signal.objects.filter(subtree_q(root.path), year=year)
        .values("unit_id", "path", "kind")
        .annotate(n=Count("id"), records=Sum("count"), top=Max("score"))
        .values_list("unit_id", "path", "kind", "n", "records", "top")
        .order_by()
    )
    found: dict[int, UnitRank] = {}
    order = {kind: i for i, kind in enumerate(LABELS)}
    for unit_id, path, kind, n, records, top in rows:
        rank = found.setdefault(unit_id, UnitRank(unit_id, path))
        rank.kinds.append(KindCount(kind, n, records, top))
    ranked = list(found.values())
    for r in ranked:
        r.kinds.sort(key=lambda k: order[k.kind])
    ranked.sort(key=lambda r: (-len(r.kinds), -r.weight, r.path))
    return ranked


def with_units(ranks: list[UnitRank]) -> list[UnitRank]:
    """The page's ranks with their units and the names of the units above them."""
    units = OrgUnit.objects.in_bulk([r.unit_id for r in ranks])
    parents = dict(
        OrgUnit.objects.filter(pk__in={u.parent_id for u in units.values()}).values_list(
            "pk", "name"
        )
    )
    shown = []
    for r in ranks:
        if (unit := units.get(r.unit_id)) is not None:
            r.unit, r.parent_name = unit, parents.get(unit.parent_id, "")
            shown.append(r)
    return shown


def cell_signals(cell: OrgUnit, year: int) -> list[Signal]:
    return list(Signal.objects.filter(unit=cell, year=year).order_by("kind", "month"))


def get_signal_or_404(user, pk: int) -> Signal:
    signal = Signal.objects.select_related("unit").filter(pk=pk).first()
    if signal is None or not can(user, Capability.VIEW_SIGNALS, signal.unit):
        raise Http404(NOT_FOUND)
    return signal


def explanation(kind: str) -> Explanation:
    return EXPLANATIONS[kind]


def years_with_signals(root: OrgUnit) -> list[int]:
    return list(
        Signal.objects.filter(subtree_q(root.path))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


# --- the named records behind one signal ----------------------------------------------


@dataclass
class Evidence:
    people: list[Person]
    entries: list[HandbookEntry] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    meetings: list[tuple[CellMeeting, CellMeeting | None]] = field(default_factory=list)


def evidence(signal: Signal) -> Evidence:
    e = signal.evidence
    people = sorted(Person.objects.filter(pk__in=e.get("people", [])), key=lambda p: p.sort_key)
    out = Evidence(people)
    if e.get("entries"):
        out.entries = list(
            HandbookEntry.objects.filter(pk__in=e["entries"])
            .select_related("person")
            .prefetch_related("items__item")
            .order_by("month", "person__sort_key", "pk")
        )
    if e.get("pledges"):
        out.pledges = list(
            Pledge.objects.filter(pk__in=e["pledges"])
            .select_related("person")
            .prefetch_related("items")
            .order_by("person__sort_key", "pk")
        )
    if e.get("meetings"):
        ids = [pk for pair in e["meetings"] for pk in pair]
        found = CellMeeting.objects.in_bulk(ids)
        out.meetings = [(found[a], found.get(b)) for a, b in e["meetings"] if a in found]
    if signal.kind == SignalKind.ALL_TOP:
        first, last = signal.month, signal.month
        out.entries = list(
            HandbookEntry.objects.submitted()
            .filter(unit=signal.unit, month__gte=first, month__lte=last)
            .select_related("person")
            .order_by("person__sort_key", "pk")
        )
        out.people = sorted({x.person for x in out.entries}, key=lambda p: p.sort_key)
    return out


# --- "Đưa vào kế hoạch": the plans a cell can be added to ------------------------------


def plans_for(user, cell: OrgUnit, year: int) -> list[InspectionPlan]:
    """This year's plans of the units whose plan the user keeps (PLAN_INSPECTIONS) and
    whose subtree holds the cell."""
    units = anchor_units_over(user, Capability.PLAN_INSPECTIONS, cell)
    return list(InspectionPlan.objects.filter(unit__in=units, year=year).select_related("unit"))


def planning_units_for(user, cell: OrgUnit) -> list[OrgUnit]:
    """The units whose inspection plan the user keeps and which may take the cell."""
    return anchor_units_over(user, Capability.PLAN_INSPECTIONS, cell)


def signal_period(signals: list[Signal], year: int) -> tuple[date, date]:
    """The months the cell's signals cover: the period an inspection of them looks at."""
    if not signals:
        return date(year, 1, 1), date(year, 12, 31)
    first = min(s.month for s in signals)
    last = max(s.month for s in signals)
    if any(s.kind in YEARLY_KINDS for s in signals):
        last = date(year, 12, 1)
    return first, add_months(last, 1) - timedelta(days=1)


def inspection_in_plans(plans, cell):
    """An inspection of the cell already planned or under way in one of these plans: the
    signals page does not add a second one."""
    return (
        Inspection.objects.filter(
            plan__in=plans, unit=cell, state__in=[InspectionState.PLANNED, InspectionState.OPEN]
        )
        .order_by("starts_on", "pk")
        .first()
    )
