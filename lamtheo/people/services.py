"""Writes about people: creating them, moving them between cells, exempting them."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from lamtheo.core import figures
from lamtheo.core.audit import tag
from lamtheo.core.errors import DomainError
from lamtheo.core.periods import month_start
from lamtheo.core.vietnamese import fold, name_sort_key, nfc
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.actions import PeopleAction
from lamtheo.people.models import Exemption, Membership, Person


def person_name_keys(full_name: str) -> dict[str, str]:
    name = nfc(full_name)
    return {"full_name": name, "sort_key": name_sort_key(name), "search_key": fold(name)}


@transaction.atomic
def person_create(
    *, actor, code: str, full_name: str, status: str, cell: OrgUnit, start_month: date, **fields
) -> Person:
    if not cell.is_cell:
        raise DomainError("Chỉ có thể xếp cán bộ, đảng viên vào một chi bộ.", "cell")
    start_month = month_start(start_month)
    person = Person.objects.create(
        code=code.strip(), status=status, cell=cell, **person_name_keys(full_name), **fields
    )
    membership = Membership(person=person, unit=cell, start_month=start_month)
    tag(
        membership,
        actor=actor,
        action=PeopleAction.MEMBERSHIP_STARTED,
        reason="Bắt đầu sinh hoạt tại chi bộ",
    )
    membership.save()
    figures.people_changed(cell=cell, from_month=start_month)
    return person


@transaction.atomic
def person_transfer(*, actor, person: Person, to_cell: OrgUnit, month: date) -> None:
    """Move a person to another cell from `month` on: earlier months stay counted in the old
    cell, this month and later ones in the new cell."""
    month = month_start(month)
    current = (
        Membership.objects.select_for_update().filter(person=person, end_month__isnull=True).first()
    )
    if current is None or current.unit_id == to_cell.pk:
        raise DomainError("Đồng chí này đang không sinh hoạt ở chi bộ nào khác để chuyển đi.")
    if month <= current.start_month:
        raise DomainError("Tháng chuyển sinh hoạt phải sau tháng bắt đầu ở chi bộ hiện tại.")
    old_cell = current.unit
    current.end_month = month
    tag(
        current,
        actor=actor,
        action=PeopleAction.MEMBERSHIP_TRANSFERRED_OUT,
        reason=f"Chuyển sinh hoạt đến {to_cell.name}",
    )
    current.save()
    new = Membership(person=person, unit=to_cell, start_month=month)
    tag(
        new,
        actor=actor,
        action=PeopleAction.MEMBERSHIP_TRANSFERRED_IN,
        reason=f"Chuyển sinh hoạt từ {old_cell.name}",
    )
    new.save()
    Person.objects.filter(pk=person.pk).update(cell=to_cell)
    person.cell = to_cell
    figures.people_changed_in(cells={old_cell: month, to_cell: month})


@transaction.atomic
def person_exempt(
    *, actor, person: Person, start_month: date, reason: str, end_month: date | None = None
) -> Exemption:
    exemption = Exemption(
        person=person,
        start_month=month_start(start_month),
        end_month=month_start(end_month) if end_month else None,
        reason=reason,
    )
    tag(
        exemption,
        actor=actor,
        action=PeopleAction.EXEMPTION_GRANTED,
        reason="Miễn công tác và sinh hoạt đảng",
    )
    exemption.save()
    # Every cell the person belonged to from the exemption's start on loses them as expected.
    spans = Membership.objects.filter(person=person).exclude(end_month__lte=exemption.start_month)
    cells = OrgUnit.objects.filter(pk__in=spans.values("unit_id"))
    figures.people_changed_in(cells=dict.fromkeys(cells, exemption.start_month))
    return exemption
