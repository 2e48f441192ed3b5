"""Reads of people, always through the scope door."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from lamtheo.core.vietnamese import fold
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can
from lamtheo.people.models import Exemption, Membership, Person


def own_person(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.select_related("cell").filter(user=user).first()


def get_person_or_404(user, person_id: int, capability: Capability) -> Person:
    """The person, if it is the user themself or lies in a subtree where the user holds
    `capability`; else 404."""
    person = Person.objects.select_related("cell", "user").filter(pk=person_id).first()
    if person is None:
        raise Http404("Không tìm thấy người này.")
    if person.user_id is not None and person.user_id == user.pk:
        return person
    if person.cell is not None and can(user, capability, person.cell):
        return person
    raise Http404("Không tìm thấy người này.")


def search_people(qs: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Search that ignores case and diacritics: "nguyen van an" finds "Nguyễn Văn An"."""
    key = fold(text)
    return qs.filter(search_key__contains=key) if key else qs


def exempt_in(month: date, person_field: str = "pk") -> Exists:
    return Exists(Exemption.objects.covering(month).filter(person_id=OuterRef(person_field)))


def cell_people_in_month(cell: OrgUnit, month: date) -> QuerySet[Person]:
    """Everyone who belonged to `cell` in `month`, annotated with `is_exempt`."""
    members = Membership.objects.covering(month).filter(unit=cell)
    return (
        Person.objects.filter(pk__in=members.values("person_id"))
        .annotate(is_exempt=exempt_in(month))
        .order_by("sort_key")
    )


def cell_of(person: Person, month: date) -> OrgUnit | None:
    m = Membership.objects.covering(month).filter(person=person).select_related("unit").first()
    return m.unit if m else None


def is_exempt(person: Person, month: date) -> bool:
    return Exemption.objects.covering(month).filter(person=person).exists()
