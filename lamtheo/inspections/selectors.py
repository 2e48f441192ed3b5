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

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from lamtheo.core.periods import month_start
from lamtheo.handbook.models import HandbookEntry
from lamtheo.inspections.models import (
    Finding,
    FindingCategory,
    Inspection,
    InspectionPlan,
    InspectionState,
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
from lamtheo.orgs.tree import is_within, subtree_q
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
