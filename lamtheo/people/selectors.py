"""Reads of people, always through the scope door."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from lamtheo.core.audit import Change, changes_of
from lamtheo.core.periods import month_start, today
from lamtheo.core.vietnamese import fold
from lamtheo.orgs.models import CELL_KINDS, OrgUnit
from lamtheo.orgs.scope import Capability, can, scope_q
from lamtheo.orgs.tree import subtree_q
from lamtheo.people.models import Exemption, Leaving, Membership, Person
from lamtheo.people.phones import phone_digits_expr, phone_key


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


# --- the member profile ---------------------------------------------------------------


def home_cell(person: Person) -> OrgUnit | None:
    """The cell whose keepers answer for the person: the present one, or for someone who
    has left, the last one they belonged to."""
    if person.cell_id is not None:
        return person.cell
    last = (
        Membership.objects.filter(person=person)
        .select_related("unit")
        .order_by("-start_month", "-pk")
        .first()
    )
    return last.unit if last else None


def profile_person_or_404(user, person_id: int, capability: Capability) -> Person:
    """The person whose profile the user opens or changes: themself (for reading and their
    contact details, with capability VIEW_PROFILES), or a person whose cell (the last one,
    once they have left) the user holds `capability` on. Anything else is a 404."""
    person = Person.objects.select_related("cell", "user").filter(pk=person_id).first()
    if person is None:
        raise Http404("Không tìm thấy người này.")
    if capability is Capability.VIEW_PROFILES and person.user_id and person.user_id == user.pk:
        return person
    if can(user, capability, home_cell(person)):
        return person
    raise Http404("Không tìm thấy người này.")


def open_leaving(person: Person) -> Leaving | None:
    return Leaving.objects.filter(person=person, returned_month__isnull=True).first()


def current_exemption(person: Person, month: date | None = None) -> Exemption | None:
    month = month or month_start(today())
    return Exemption.objects.covering(month).filter(person=person).first()


def exemption_of_or_404(person: Person, exemption_id: int) -> Exemption:
    exemption = Exemption.objects.filter(person=person, pk=exemption_id).first()
    if exemption is None:
        raise Http404("Không tìm thấy đợt miễn sinh hoạt này.")
    return exemption


@dataclass(frozen=True)
class Standing:
    """Where a person stands today: their status, or the state their leaving or an
    exemption puts them in (derived, never stored twice)."""

    key: str  # "full", "probationary", "non_member", "exempt", or a LeavingKind
    label: str


def standing(person: Person, on: date | None = None) -> Standing:
    month = month_start(on or today())
    leaving = open_leaving(person)
    if leaving is not None and leaving.month <= month:
        return Standing(leaving.kind, leaving.get_kind_display())
    if Exemption.objects.covering(month).filter(person=person).exists():
        return Standing("exempt", "Miễn công tác và sinh hoạt đảng")
    return Standing(person.status, person.get_status_display())


@dataclass(frozen=True)
class ProfileHistory:
    memberships: list[Membership]
    exemptions: list[Exemption]
    leavings: list[Leaving]
    changes: list[Change]


def profile_history(person: Person) -> ProfileHistory:
    memberships = list(
        Membership.objects.filter(person=person).select_related("unit").order_by("-start_month")
    )
    exemptions = list(Exemption.objects.filter(person=person).order_by("-start_month"))
    leavings = list(Leaving.objects.filter(person=person).select_related("from_cell"))
    changes = sorted(
        changes_of(Person.history.filter(id=person.pk), what="Hồ sơ")
        + changes_of(Leaving.history.filter(person_id=person.pk), what="Ra khỏi danh sách")
        + changes_of(Exemption.history.filter(person_id=person.pk), what="Miễn sinh hoạt")
        + changes_of(Membership.history.filter(person_id=person.pk), what="Sinh hoạt"),
        key=lambda c: c.at,
        reverse=True,
    )
    return ProfileHistory(memberships, exemptions, leavings, changes)


def cells_to_move_to(user, person: Person) -> QuerySet[OrgUnit]:
    """The active cells other than the person's own where the user may receive them (the
    move itself is decided by orgs.scope.may_move_between)."""
    return (
        OrgUnit.objects.filter(scope_q(user, Capability.MANAGE_PEOPLE), is_active=True)
        .filter(kind__in=CELL_KINDS)
        .exclude(pk=person.cell_id)
        .select_related("parent")
        .order_by("path")
    )


def cells_to_return_to(user) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.filter(
            scope_q(user, Capability.MANAGE_PEOPLE), is_active=True, kind__in=CELL_KINDS
        )
        .select_related("parent")
        .order_by("path")
    )


def profiles_of_subtree(unit: OrgUnit) -> QuerySet[Person]:
    """Everyone now in a cell of the unit's subtree, in roster order (the export; the view
    has checked the unit with get_unit_or_404)."""
    return (
        Person.objects.filter(subtree_q(unit.path, "cell__path"))
        .select_related("cell")
        .order_by("cell__path", "sort_key")
    )


def exempt_person_ids(people: list[Person], month: date) -> set[int]:
    return set(
        Exemption.objects.covering(month)
        .filter(person__in=people)
        .values_list("person_id", flat=True)
    )


# At most this many people on a unit's page without a search (a bloc has thousands).
PEOPLE_SHOWN = 300


def people_of_subtree(unit: OrgUnit, text: str = "") -> QuerySet[Person]:
    """Everyone now in a cell of the unit's subtree, found by name or code (diacritics and
    case ignored), in the order of the tree then of names."""
    qs = profiles_of_subtree(unit)
    text = (text or "").strip()
    if text:
        qs = search_people(qs, text) | qs.filter(code__iexact=text)
    return qs


def left_from_subtree(unit: OrgUnit) -> QuerySet[Leaving]:
    """The people who left a cell of the subtree and have not come back."""
    return (
        Leaving.objects.filter(subtree_q(unit.path, "from_cell__path"), returned_month__isnull=True)
        .select_related("person", "from_cell")
        .order_by("-month", "person__sort_key")
    )


def without_account_count(person_ids: list[int]) -> int:
    """How many of these people cannot log in yet: no User, or one made for a role without
    a usable password (people.services.person_user_create) that no code has opened."""
    if not person_ids:
        return 0
    return (
        Person.objects.filter(pk__in=person_ids)
        .filter(Q(user__isnull=True) | Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX))
        .count()
    )


def phone_holder(phone: str, *, other_than: Person) -> Person | None:
    """Another person whose phone number is `phone` (written any way); None if nobody."""
    key = phone_key(phone)
    if not key:
        return None
    rows = (
        Person.objects.exclude(pk=other_than.pk)
        .annotate(phone_digits=phone_digits_expr())
        .filter(phone_digits__endswith=key)
        .order_by("pk")
    )
    return next((p for p in rows if phone_key(p.phone) == key), None)
