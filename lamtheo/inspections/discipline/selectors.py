"""Reads of discipline records, already scoped.

Who sees a named record (orgs.scope.discipline_concerned): the committee and the inspection
commission of the deciding unit, those of the subject's unit (the member's cell when the
decision was recorded, or the disciplined organization), and the member disciplined. Above
them, DISCIPLINE_FIGURES gives counts without names (figures.py). Every read of someone
else's record is logged (core.RecordView).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from lamtheo.inspections.discipline.models import (
    DEFAULT_AUTHORITY,
    FORMS_OF,
    SEVERITY,
    DisciplineAuthority,
    DisciplineForm,
    DisciplineRecord,
    Organ,
    RecordState,
    SubjectKind,
)
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import (
    Capability,
    anchor_unit_ids,
    can,
    discipline_concerned,
    discipline_q,
    has_any,
    reaches_path,
)
from lamtheo.orgs.tree import is_within, path_ids, subtree_q
from lamtheo.people.models import Person
from lamtheo.people.selectors import open_leaving

if TYPE_CHECKING:
    from lamtheo.inspections.models import Inspection

NOT_FOUND = "Không tìm thấy trang."
# InspectionState.OPEN and .CONCLUDED: inspections.models names discipline's models for
# Django, so discipline does not import it back (no circle between the app's parts).
INSPECTION_STATES = ("open", "concluded")


# --- the authority table of a tree --------------------------------------------------------


def tree_top(unit: OrgUnit) -> OrgUnit:
    """The top unit of the unit's tree (the one that keeps its settings)."""
    top_id = path_ids(unit.path)[0]
    return unit if unit.pk == top_id else OrgUnit.objects.get(pk=top_id)


def authority_of(top: OrgUnit) -> DisciplineAuthority | None:
    return DisciplineAuthority.objects.filter(unit=top).first()


def authority_table(unit: OrgUnit) -> dict[str, dict[str, list[str]]]:
    """organ → subject kind → the forms it may decide, for the unit's tree (the default of
    FACTS.md when the tree keeps none)."""
    kept = authority_of(tree_top(unit))
    table = kept.table if kept is not None else {}
    return {
        organ: {kind: list(table.get(organ, DEFAULT_AUTHORITY[organ]).get(kind, []))
                for kind in SubjectKind.values}
        for organ in Organ.values
    }  # fmt: skip


def organs_of(unit: OrgUnit) -> list[str]:
    """The organs a unit has: a chi bộ decides as a chi bộ (its members' meeting); a đảng bộ
    through its committee, standing committee or inspection commission."""
    if unit.is_cell:
        return [Organ.CELL]
    return [Organ.COMMITTEE, Organ.STANDING, Organ.COMMISSION]


def forms_allowed(unit: OrgUnit, organ: str, subject_kind: str) -> list[str]:
    if organ not in organs_of(unit):
        return []
    allowed = set(authority_table(unit)[organ][subject_kind])
    return [f for f in FORMS_OF[subject_kind] if f in allowed]


def may_edit_authority(user, top: OrgUnit) -> bool:
    """The tree's administrators (MANAGE_UNIT_SETTINGS on its top unit)."""
    return reaches_path(user, Capability.MANAGE_UNIT_SETTINGS, top.path)


def authority_tops(user) -> list[OrgUnit]:
    """The trees whose authority table the user may read: those where they record or read
    discipline, or administer the top unit."""
    ids = set()
    for cap in (Capability.RECORD_DISCIPLINE, Capability.DISCIPLINE_FIGURES,
                Capability.MANAGE_UNIT_SETTINGS):  # fmt: skip
        ids |= anchor_unit_ids(user, cap)
    tops = {
        path_ids(p)[0] for p in OrgUnit.objects.filter(pk__in=ids).values_list("path", flat=True)
    }
    return list(OrgUnit.objects.filter(pk__in=tops).order_by("name"))


# --- records ------------------------------------------------------------------------------


def deciding_units(user) -> list[OrgUnit]:
    """The units whose bodies' decisions the user records."""
    ids = anchor_unit_ids(user, Capability.RECORD_DISCIPLINE)
    return list(OrgUnit.objects.filter(pk__in=ids, is_active=True).order_by("path"))


def _with_names(qs: QuerySet[DisciplineRecord]) -> QuerySet[DisciplineRecord]:
    return qs.select_related("person", "organization", "unit", "subject_unit", "inspection")


def records_for(user) -> QuerySet[DisciplineRecord]:
    """The named records the user is concerned by (not their own: see own_records)."""
    if not has_any(user, Capability.VIEW_DISCIPLINE):
        return DisciplineRecord.objects.none()
    return _with_names(
        DisciplineRecord.objects.filter(discipline_q(user, "unit__path", "subject_path"))
    )


def own_records(user) -> QuerySet[DisciplineRecord]:
    """The decisions about the user themself ("Kỷ luật của tôi"), annulled ones included."""
    if not getattr(user, "is_authenticated", False):
        return DisciplineRecord.objects.none()
    return _with_names(DisciplineRecord.objects.filter(person__user=user))


def may_read(user, record: DisciplineRecord) -> bool:
    if record.person_id and record.person.user_id == user.pk:
        return True
    return discipline_concerned(user, record.unit.path, record.subject_path)


def may_change(user, record: DisciplineRecord) -> bool:
    """Correcting or annulling a decision: who records the deciding unit's decisions."""
    return reaches_path(user, Capability.RECORD_DISCIPLINE, record.unit.path)


def get_record_or_404(user, pk: int) -> DisciplineRecord:
    record = _with_names(DisciplineRecord.objects.filter(pk=pk)).first()
    if record is None or not may_read(user, record):
        raise Http404(NOT_FOUND)
    return record


def person_for(unit: OrgUnit, code: str) -> Person | None:
    """A member the unit's bodies may discipline: in its subtree now (found by code)."""
    person = Person.objects.select_related("cell").filter(code__iexact=code.strip()).first()
    if person is None or person.cell is None or not is_within(person.cell.path, unit.path):
        return None
    return person


def organization_for(unit: OrgUnit, code: str) -> OrgUnit | None:
    """An organization the unit's bodies may discipline: strictly below it."""
    org = OrgUnit.objects.filter(code__iexact=code.strip(), is_active=True).first()
    if org is None or org.pk == unit.pk or not is_within(org.path, unit.path):
        return None
    return org


def inspections_for(unit: OrgUnit) -> QuerySet[Inspection]:
    """The inspections a decision of the unit may come from: those run by the unit or a unit
    of its subtree, open or concluded (the service checks they cover the subject)."""
    inspection = DisciplineRecord._meta.get_field("inspection").related_model
    return (
        inspection.objects.filter(
            subtree_q(unit.path, "plan__unit__path"), state__in=INSPECTION_STATES
        )
        .select_related("unit", "plan__unit")
        .order_by("-starts_on", "pk")
    )


# --- for later issues: classification and awards ------------------------------------------


def discipline_in_year(person_or_unit: Person | OrgUnit, year: int) -> list[DisciplineRecord]:
    """Input to classification and awards: the decisions in force taken in `year` about a
    member (a Person) or a party organization (an OrgUnit), most severe first. A member or
    organization disciplined in the year is not rated among the best, nor proposed for an
    award, for that year. Not scoped: the caller (a year-end service) decides who sees it."""
    qs = DisciplineRecord.objects.in_force().filter(year=year)
    if isinstance(person_or_unit, Person):
        qs = qs.filter(person=person_or_unit)
    else:
        qs = qs.filter(organization=person_or_unit)
    return sorted(qs.select_related("unit"), key=lambda r: (-SEVERITY[r.form], r.pk))


def people_disciplined(year: int, unit_subtree: OrgUnit) -> dict[int, str]:
    """Input to classification and awards: person id → the most severe form in force decided
    in `year`, for members whose cell (when the decision was recorded) lies in the subtree of
    `unit_subtree`. One query. Not scoped: the caller decides who sees it."""
    rows = (
        DisciplineRecord.objects.in_force()
        .filter(subtree_q(unit_subtree.path, "subject_path"), year=year,
                subject_kind=SubjectKind.MEMBER)
        .values_list("person_id", "form")
    )  # fmt: skip
    out: dict[int, str] = {}
    for person_id, form in rows:
        if person_id not in out or SEVERITY[form] > SEVERITY[out[person_id]]:
            out[person_id] = form
    return out


def expulsion_to_record(user, rec: DisciplineRecord) -> bool:
    """Should the record's page offer to record the member's leaving in the roster? A member's
    khai trừ in force, not yet recorded as leaving, seen by someone who keeps the roster of the
    member's cell (MANAGE_PEOPLE). The decision alone does not change the roster: the roster's
    own "ra khỏi Đảng" step does, with its check page and effective month."""
    if rec.form != DisciplineForm.EXPULSION or rec.person_id is None:
        return False
    if rec.state != RecordState.IN_FORCE or rec.person.cell is None:
        return False
    return open_leaving(rec.person) is None and can(user, Capability.MANAGE_PEOPLE, rec.person.cell)
