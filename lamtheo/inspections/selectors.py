"""Reads for the inspections pages, exports and other apps, already scoped.

Who sees what:
- a plan and its inspections: VIEW_INSPECTIONS on the planning unit (its committee, inspection
  commission, propaganda office and those of the levels above), and the team of each one;
- running an inspection (evidence, findings, conclusion, accepting remedies): its team and
  those who keep the plan (PLAN_INSPECTIONS on the planning unit);
- the records of the inspected unit: only its team, while open, through
  orgs.scope.inspection_reach (every read logged);
- a remedy: the side responsible (REPORT_REMEDIES on the unit, or the person themself) and
  those who see the inspection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lamtheo.core.periods import month_start
from lamtheo.handbook.models import HandbookEntry
from lamtheo.inspections.models import (
    Finding,
    FindingCategory,
    FindingYearStat,
    Inspection,
    InspectionPlan,
    InspectionState,
    InspectionYearStat,
    RemedyState,
)
from lamtheo.learning.meetings.models import CellMeeting
from lamtheo.learning.study.models import StudyAttendance
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import (
    Capability,
    anchor_unit_ids,
    can,
    inspection_reach,
)
from lamtheo.orgs.tree import branch_of, children_of, is_within, subtree_q
from lamtheo.people.models import Membership, Person
from lamtheo.pledges.models import Pledge

NOT_FOUND = "Không tìm thấy trang."


def planning_units(user) -> list[OrgUnit]:
    """The units whose own plan the user keeps."""
    ids = anchor_unit_ids(user, Capability.PLAN_INSPECTIONS)
    return list(OrgUnit.objects.filter(pk__in=ids, is_active=True).order_by("path"))


def plans_of(user, unit: OrgUnit) -> QuerySet[InspectionPlan]:
    if not can(user, Capability.VIEW_INSPECTIONS, unit):
        return InspectionPlan.objects.none()
    return InspectionPlan.objects.filter(unit=unit).order_by("-year")


def can_view_plan(user, plan: InspectionPlan) -> bool:
    return can(user, Capability.VIEW_INSPECTIONS, plan.unit)


def can_keep_plan(user, plan: InspectionPlan) -> bool:
    return can(user, Capability.PLAN_INSPECTIONS, plan.unit)


def get_plan_or_404(user, pk: int) -> InspectionPlan:
    plan = InspectionPlan.objects.select_related("unit").filter(pk=pk).first()
    if plan is None or not can_view_plan(user, plan):
        raise Http404(NOT_FOUND)
    return plan


def is_on_team(user, inspection: Inspection) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return inspection.team.filter(pk=user.pk).exists()


def can_view(user, inspection: Inspection) -> bool:
    return can_view_plan(user, inspection.plan) or is_on_team(user, inspection)


def can_run(user, inspection: Inspection) -> bool:
    """Record evidence and findings, conclude, accept or reopen remedies."""
    return can_keep_plan(user, inspection.plan) or is_on_team(user, inspection)


def get_inspection_or_404(user, pk: int) -> Inspection:
    inspection = (
        Inspection.objects.select_related("plan__unit", "unit", "person").filter(pk=pk).first()
    )
    if inspection is None or not can_view(user, inspection):
        raise Http404(NOT_FOUND)
    return inspection


def inspections_of(plan: InspectionPlan) -> QuerySet[Inspection]:
    return plan.inspections.select_related("unit", "person").prefetch_related("team")


def team_inspections(user) -> QuerySet[Inspection]:
    """The inspections the user is on the team of that are not over."""
    if not getattr(user, "is_authenticated", False):
        return Inspection.objects.none()
    return (
        Inspection.objects.filter(
            team=user, state__in=[InspectionState.PLANNED, InspectionState.OPEN]
        )
        .select_related("unit", "plan__unit")
        .order_by("starts_on")
    )


def subject_units(plan: InspectionPlan) -> QuerySet[OrgUnit]:
    """The units a plan may inspect: the planning unit's subtree."""
    return OrgUnit.objects.filter(subtree_q(plan.unit.path), is_active=True).order_by("path")


def categories(active_only: bool = True) -> QuerySet[FindingCategory]:
    qs = FindingCategory.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def may_edit_categories(user) -> bool:
    """The list of categories is shared by the whole tree: kept by those who plan
    inspections at a top unit."""
    return any(u.parent_id is None for u in planning_units(user))


# --- the records the team reads -----------------------------------------------------------


def period_months(inspection: Inspection) -> tuple[date, date]:
    return month_start(inspection.period_start), month_start(inspection.period_end)


def records_window(user, inspection: Inspection):
    """The user's window on this inspection's records (None: not theirs to read)."""
    return inspection_reach(
        user,
        inspection.unit.path,
        inspection.period_start,
        inspection.period_end,
        inspection_id=inspection.pk,
    )


def get_records_inspection_or_404(user, pk: int) -> Inspection:
    inspection = (
        Inspection.objects.select_related("unit", "person", "plan__unit").filter(pk=pk).first()
    )
    if inspection is None or records_window(user, inspection) is None:
        raise Http404(NOT_FOUND)
    return inspection


def inspected_people(inspection: Inspection) -> list[Person]:
    """The people in the inspected unit's subtree during the period covered (or the one
    person inspected)."""
    first, last = period_months(inspection)
    if inspection.person_id:
        return [inspection.person]
    ids = (
        Membership.objects.overlapping(first, last)
        .filter(subtree_q(inspection.unit.path, "unit__path"))
        .values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=ids).order_by("sort_key"))


def get_inspected_person_or_404(inspection: Inspection, person_id: int) -> Person:
    person = next((p for p in inspected_people(inspection) if p.pk == person_id), None)
    if person is None:
        raise Http404(NOT_FOUND)
    return person


# --- remedies -----------------------------------------------------------------------------


def _responsible_q(user) -> Q:
    units = anchor_unit_ids(user, Capability.REPORT_REMEDIES)
    q = Q(responsible_unit_id__in=units)
    if getattr(user, "is_authenticated", False):
        q |= Q(responsible_person__user=user)
    return q


def remedies_for(user) -> QuerySet[Finding]:
    """The remedies the user answers for, not yet accepted: theirs or their unit's."""
    if not getattr(user, "is_authenticated", False):
        return Finding.objects.none()
    return (
        Finding.objects.needing_remedy()
        .filter(_responsible_q(user))
        .select_related("inspection__plan__unit", "responsible_unit", "responsible_person")
        .order_by("deadline", "pk")
    )


def overdue_remedies_for(user) -> QuerySet[Finding]:
    return remedies_for(user).filter(remedy_state=RemedyState.OPEN, deadline__lt=date.today())


def is_responsible(user, finding: Finding) -> bool:
    if finding.responsible_person_id and finding.responsible_person.user_id == getattr(
        user, "pk", None
    ):
        return True
    return finding.responsible_unit_id is not None and can(
        user, Capability.REPORT_REMEDIES, finding.responsible_unit
    )


def get_finding_or_404(user, pk: int) -> Finding:
    finding = (
        Finding.objects.select_related(
            "inspection__plan__unit",
            "inspection__unit",
            "responsible_unit",
            "responsible_person",
            "category",
        )  # fmt: skip
        .filter(pk=pk)
        .first()
    )
    if finding is None:
        raise Http404(NOT_FOUND)
    concluded = finding.inspection.state == InspectionState.CONCLUDED
    if can_view(user, finding.inspection) or (concluded and is_responsible(user, finding)):
        return finding
    raise Http404(NOT_FOUND)


def responsible_candidates(inspection: Inspection) -> QuerySet[OrgUnit]:
    """The units a remedy may be given to: the inspected unit and the units below it."""
    return OrgUnit.objects.filter(subtree_q(inspection.unit.path), is_active=True).order_by("path")


def person_within(inspection: Inspection, person: Person) -> bool:
    return any(p.pk == person.pk for p in inspected_people(inspection)) or (
        person.cell_id is not None and is_within(person.cell.path, inspection.unit.path)
    )


# The inspected unit's records of the period covered, read for the team only (the views
# check records_window first and log each person's records opened).


def meetings_in_period(inspection: Inspection):
    first, last = period_months(inspection)
    return (
        CellMeeting.objects.held()
        .filter(subtree_q(inspection.unit.path, "unit__path"), month__gte=first, month__lte=last)
        .select_related("unit")
        .order_by("unit__path", "held_on")
    )


def pledges_in_period(inspection: Inspection, person: Person):
    return (
        Pledge.objects.filter(
            person=person,
            year__gte=inspection.period_start.year,
            year__lte=inspection.period_end.year,
        )
        .select_related("unit")
        .prefetch_related("items__area")
        .order_by("year")
    )


def entries_in_period(inspection: Inspection, person: Person):
    first, last = period_months(inspection)
    return (
        HandbookEntry.objects.filter(person=person, month__gte=first, month__lte=last)
        .select_related("unit", "reviewed_by")
        .prefetch_related("items__item")
        .order_by("month")
    )


def study_in_period(inspection: Inspection, person: Person):
    return (
        StudyAttendance.objects.filter(
            person=person,
            session__held_on__gte=inspection.period_start,
            session__held_on__lte=inspection.period_end,
        )
        .select_related("session")
        .order_by("session__held_on")
    )


# --- figures (read from the rows inspections.figures keeps) --------------------------------


@dataclass
class InspectionCounts:
    """Inspections by kind (cancelled ones not counted) and their state; findings by kind
    and the remedies of hạn chế and vi phạm once the conclusion has given them."""

    inspection: int = 0
    supervision_regular: int = 0
    supervision_thematic: int = 0
    survey: int = 0
    planned: int = 0
    running: int = 0
    concluded: int = 0
    strength: int = 0
    shortcoming: int = 0
    violation: int = 0
    remedied: int = 0  # accepted by the team
    remedying: int = 0  # open or reported, waiting for the team
    overdue: int = 0  # open, deadline before today

    @property
    def total(self) -> int:
        return self.inspection + self.supervision_regular + self.supervision_thematic + self.survey

    @property
    def supervision(self) -> int:
        return self.supervision_regular + self.supervision_thematic

    @property
    def faults(self) -> int:
        return self.shortcoming + self.violation

    @property
    def remedies(self) -> int:
        return self.remedied + self.remedying

    def add_inspections(self, kind: str, state: str, n: int) -> None:
        setattr(self, kind, getattr(self, kind) + n)
        name = {InspectionState.PLANNED: "planned", InspectionState.OPEN: "running",
                InspectionState.CONCLUDED: "concluded"}[state]  # fmt: skip
        setattr(self, name, getattr(self, name) + n)

    def add_findings(self, kind: str, remedy: str, deadline, n: int, today: date) -> None:
        setattr(self, kind, getattr(self, kind) + n)
        if remedy == RemedyState.ACCEPTED:
            self.remedied += n
        elif remedy in (RemedyState.OPEN, RemedyState.REPORTED):
            self.remedying += n
            if remedy == RemedyState.OPEN and deadline is not None and deadline < today:
                self.overdue += n


@dataclass
class InspectionFigureRow:
    unit: OrgUnit
    figures: InspectionCounts
    own: bool = False  # the unit's own level (its own plan, findings at the unit itself)


@dataclass
class CategoryRow:
    name: str
    pk: int | None
    figures: InspectionCounts


@dataclass
class InspectionUnitFigures:
    unit: OrgUnit
    year: int
    today: date
    total: InspectionCounts
    own: InspectionCounts  # run by the unit's own level, found at the unit itself
    rows: list[InspectionFigureRow]
    categories: list[CategoryRow]
    category: FindingCategory | None = None  # the findings are of this category only

    @property
    def below(self) -> InspectionCounts:
        """What the units under this one ran (the total less the unit's own level)."""
        return InspectionCounts(**{
            name: getattr(self.total, name) - getattr(self.own, name)
            for name in InspectionCounts.__dataclass_fields__
        })  # fmt: skip


UNCATEGORIZED = "Chưa xếp nhóm"


def inspection_figures(
    unit: OrgUnit, year: int, *, category: FindingCategory | None = None,
    today: date | None = None, rows: bool = True,
) -> InspectionUnitFigures:  # fmt: skip
    """The inspection figures of the unit's subtree for `year`: the total, the unit's own
    level, one row per child unit, and the findings by category. Inspections are counted by
    the level that ran them (the planning unit), findings and remedies by the unit inspected.
    With `category`, the findings and remedies are of that category only. Four queries;
    two without the `rows` (the child units and the categories: a dashboard's summary)."""
    today = today or timezone.localdate()
    total, own, per_child = InspectionCounts(), InspectionCounts(), {}

    def bucket(path: str) -> InspectionCounts:
        branch = branch_of(path, unit.path)
        return own if path == unit.path else per_child.setdefault(branch, InspectionCounts())

    inspections = (InspectionYearStat.objects.filter(subtree_q(unit.path), year=year)
                   .exclude(state=InspectionState.CANCELLED))  # fmt: skip
    for path, kind, state, n in inspections.values_list("path", "kind", "state", "count"):
        total.add_inspections(kind, state, n)
        bucket(path).add_inspections(kind, state, n)
    findings = FindingYearStat.objects.filter(subtree_q(unit.path), year=year)
    by_category: dict[int | None, InspectionCounts] = {}
    for path, cat, kind, remedy, deadline, n in findings.values_list(
        "path", "category_id", "kind", "remedy_state", "deadline", "count"
    ):
        by_category.setdefault(cat, InspectionCounts()).add_findings(
            kind, remedy, deadline, n, today
        )
        if category is not None and cat != category.pk:
            continue
        total.add_findings(kind, remedy, deadline, n, today)
        bucket(path).add_findings(kind, remedy, deadline, n, today)
    if not rows:
        return InspectionUnitFigures(unit, year, today, total, own, [], [], category)
    table = [
        InspectionFigureRow(u, per_child.get(branch, InspectionCounts()))
        for u, branch in children_of(unit, per_child)
    ]
    if not unit.is_cell:
        table.insert(0, InspectionFigureRow(unit, own, own=True))
    # The list's own order (FindingCategory.Meta), findings without a category last.
    named = list(FindingCategory.objects.values_list("pk", "name")) if by_category else []
    categories = [CategoryRow(name, pk, by_category[pk]) for pk, name in named
                  if pk in by_category]  # fmt: skip
    if None in by_category:
        categories.append(CategoryRow(UNCATEGORIZED, None, by_category[None]))
    return InspectionUnitFigures(unit, year, today, total, own, table, categories, category)
