"""Reads of registrations, always scoped."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from lamtheo.core.converters import MAX_ID
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, current_roles
from lamtheo.orgs.tree import is_within
from lamtheo.pledges.models import ContentArea, Pledge


def content_areas_for(unit: OrgUnit | None) -> list[ContentArea]:
    """The nearest ancestor's own areas, else the defaults."""
    ids = unit.ancestor_ids() if unit else []
    areas = list(ContentArea.objects.filter(unit_id__in=ids)) if ids else []
    if areas:
        deepest = max(ids.index(a.unit_id) for a in areas)
        return [a for a in areas if a.unit_id == ids[deepest]]
    return list(ContentArea.objects.filter(unit__isnull=True))


def pledge_of(person, year: int) -> Pledge | None:
    return Pledge.objects.filter(person=person, year=year).prefetch_related("items__area").first()


def get_pledge_or_404(user, pk: int, capability: Capability = Capability.VIEW_RECORDS) -> Pledge:
    pledge = (
        Pledge.objects.select_related("person__user", "person__cell", "unit").filter(pk=pk).first()
    )
    if pledge is None:
        raise Http404("Không tìm thấy bản đăng ký.")
    if pledge.person.user_id == user.pk:
        return pledge
    if can(user, capability, pledge.unit) or can(user, capability, pledge.person.cell):
        return pledge
    raise Http404("Không tìm thấy bản đăng ký.")


def item_quality(text: str, duties: str = "", area_title: str = ""):
    """The quality checker's verdict on one item, or None when the text is empty. Items of the
    content areas that need not be tied to one's work (nêu gương, personal conduct) are never
    flagged for the duty link (quality.duty_required_for)."""
    if not text.strip():
        return None
    from lamtheo.pledges.quality import assess, duty_required_for

    return assess(text, duties, duty_required=duty_required_for(area_title))


def area_title(area_id: str) -> str:
    """The title of a content area by its id as posted by the form ("" when unknown)."""
    # Only plain digits of an id ("²" and a 5,000-digit number are digits to str.isdigit).
    if not (area_id.isascii() and area_id.isdigit()) or len(area_id) > len(str(MAX_ID)):
        return ""
    if int(area_id) > MAX_ID:
        return ""
    return ContentArea.objects.filter(pk=int(area_id)).values_list("title", flat=True).first() or ""


# --- the checker's verdict as the secretary reads it -----------------------------------


class VerdictKind:
    SPECIFIC = "specific"
    VAGUE = "vague"
    NOT_TIED = "not_tied"


VERDICT_LABELS = {
    VerdictKind.SPECIFIC: "Cụ thể",
    VerdictKind.VAGUE: "Chung chung",
    VerdictKind.NOT_TIED: "Chưa gắn với nhiệm vụ",
}


@dataclass(frozen=True)
class Verdict:
    """The checker's verdict on one item in the words of the review page: specific, vague, or
    specific but not tied to the writer's duties ("duty" in the assessment's `missing`)."""

    kind: str
    hint: str

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.kind]

    @property
    def needs_work(self) -> bool:
        return self.kind != VerdictKind.SPECIFIC


def item_wording(item) -> str:
    """What the checker reads of an item: its text, target and time frame."""
    return " ".join([item.text, item.target, item.timeframe])


def verdict_of(text: str, duties: str = "", area_title: str = "") -> Verdict | None:
    assessment = item_quality(text, duties, area_title)
    if assessment is None:
        return None
    if not assessment.specific:
        kind = VerdictKind.VAGUE
    elif "duty" in assessment.missing:
        kind = VerdictKind.NOT_TIED
    else:
        kind = VerdictKind.SPECIFIC
    return Verdict(kind, assessment.hint)


def item_verdicts(pledge: Pledge) -> list[tuple]:
    """Each item of the registration with the checker's verdict, in the registration's order
    (None for an item without text)."""
    duties = pledge.person.duty
    return [
        (item, verdict_of(item_wording(item), duties, item.area.title))
        for item in pledge.items.select_related("area")
    ]


QUOTE_LENGTH = 60


def quote(text: str, length: int = QUOTE_LENGTH) -> str:
    """The start of an item, cut at a word, to name it in a comment."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return f"{cut}…"


def hints_comment(verdicts: list[tuple]) -> str:
    """The comment a return with hints starts from: one line per item that needs work,
    quoting the item briefly, with the checker's verdict and hint."""
    lines = []
    for item, verdict in verdicts:
        if verdict is None or not verdict.needs_work:
            continue
        state = "còn chung chung" if verdict.kind == VerdictKind.VAGUE else "chưa gắn với nhiệm vụ"
        lines.append(f"Việc “{quote(item.text)}”: {state}. {verdict.hint}")
    return "\n".join(lines)


def pledge_history(pledge: Pledge):
    """The audit trail of a registration and its items, newest first."""
    from lamtheo.core.audit import changes_of
    from lamtheo.pledges.models import PledgeItem

    changes = changes_of(
        pledge.history.all(), what="Bản đăng ký", skip={"submitted_at", "decided_at"}
    )
    changes += changes_of(
        PledgeItem.history.filter(pledge_id=pledge.pk),
        what="Việc làm cụ thể",
        skip={"pledge", "order", "is_specific"},
    )
    return sorted(changes, key=lambda c: c.at, reverse=True)


# --- public action programmes of key leaders (seed 004) ---------------------------------


def is_programme_candidate(unit: OrgUnit, pledge: Pledge) -> bool:
    """A person whose programme `unit` may publish: someone holding a role on the unit, or
    any member whose registration was made in a cell of the unit's subtree."""
    if is_within(pledge.unit.path, unit.path):
        return True
    return (
        pledge.person.user_id is not None
        and current_roles().filter(unit=unit, user_id=pledge.person.user_id).exists()
    )


def can_read_programmes(user, unit: OrgUnit) -> bool:
    """Everybody whose own cell is in the unit's subtree, and everybody with a role on the
    unit or above it (Capability.READ_PROGRAMMES)."""
    return can(user, Capability.READ_PROGRAMMES, unit)


def get_programme_unit_or_404(user, code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code, is_active=True).first()
    if unit is None or not can_read_programmes(user, unit):
        raise Http404("Không tìm thấy tổ chức đảng.")
    return unit


def published_programmes(unit: OrgUnit, year: int) -> list:
    """The registrations published at `unit` for `year` that are still accepted, leaders
    first in Vietnamese name order (three queries)."""
    from lamtheo.pledges.models import PledgeStatus, Publication

    pubs = list(
        Publication.objects.filter(
            unit=unit, is_published=True, pledge__year=year, pledge__status=PledgeStatus.ACCEPTED
        )
        .select_related("pledge__person", "pledge__unit", "published_by")
        .prefetch_related("pledge__items__area")
    )
    return sorted(pubs, key=lambda p: (p.pledge.person.sort_key, p.pk))


def leaders_of(unit: OrgUnit, year: int) -> list[tuple]:
    """People holding a role on the unit, with their registration for `year` (or None)."""
    from lamtheo.people.models import Person

    roles: dict[int, list[str]] = {}
    for user_id, label in (
        (r.user_id, r.get_kind_display())
        for r in current_roles().filter(unit=unit).exclude(kind="admin")
    ):
        roles.setdefault(user_id, []).append(label)
    people = list(Person.objects.filter(user_id__in=roles).order_by("sort_key"))
    pledges = {p.person_id: p for p in Pledge.objects.filter(person__in=people, year=year)}
    return [(p, ", ".join(roles[p.user_id]), pledges.get(p.pk)) for p in people]


def programme_search(unit: OrgUnit, year: int, text: str, limit: int = 20) -> list[Pledge]:
    """Accepted registrations of members of the unit's subtree whose name matches `text`
    (diacritics and case ignored)."""
    from lamtheo.core.vietnamese import fold
    from lamtheo.orgs.tree import subtree_q
    from lamtheo.pledges.models import PledgeStatus

    key = fold(text).strip()
    if not key:
        return []
    return list(
        Pledge.objects.filter(
            subtree_q(unit.path, "unit__path"),
            year=year,
            status=PledgeStatus.ACCEPTED,
            person__search_key__contains=key,
        )
        .select_related("person", "unit")
        .order_by("person__sort_key")[:limit]
    )


def programme_units_for(user, year: int) -> list[tuple[OrgUnit, int]]:
    """The units whose published programmes the user may read and that have some for
    `year`: the ancestors of their own cell and the units where they hold a role, with the
    number published (two queries)."""
    from django.db.models import Count

    from lamtheo.orgs.scope import has_any, scope_q
    from lamtheo.pledges.models import PledgeStatus

    if not has_any(user, Capability.READ_PROGRAMMES):
        return []
    units = (
        OrgUnit.objects.filter(scope_q(user, Capability.READ_PROGRAMMES), is_active=True)
        .filter(
            publications__is_published=True,
            publications__pledge__year=year,
            publications__pledge__status=PledgeStatus.ACCEPTED,
        )
        .annotate(n=Count("publications", distinct=True))
        .order_by("path")
    )
    return [(u, u.n) for u in units]


def publication_history(unit: OrgUnit) -> list:
    """Who published or withdrew which programme at `unit`, and when (newest first)."""
    from lamtheo.core.audit import Change
    from lamtheo.pledges.models import Publication

    rows = list(
        Publication.history.filter(unit_id=unit.pk)
        .select_related("history_user")
        .order_by("-history_date")
    )
    names = dict(
        Pledge.objects.filter(pk__in={r.pledge_id for r in rows}).values_list(
            "pk", "person__full_name"
        )
    )
    years = dict(
        Pledge.objects.filter(pk__in={r.pledge_id for r in rows}).values_list("pk", "year")
    )
    out = []
    for r in rows:
        who = r.history_user.get_full_name() if r.history_user else "Hệ thống"
        state = "Đang công khai" if r.is_published else "Thôi công khai"
        out.append(
            Change(
                r.history_date,
                who,
                r.history_change_reason or state,
                "Công khai",
                [
                    (
                        f"Năm {years.get(r.pledge_id, '')}",
                        "",
                        f"{names.get(r.pledge_id, '')}: {state.lower()}",
                    )
                ],
                r.history_action,
            )
        )
    return out


# --- who reviews whose work -----------------------------------------------------------


class ReviewRouting:
    """Who reviews a record made in a unit by a person: the holders of the review capability
    on the unit itself other than the author (her deputy reviews the secretary's), else those
    of the nearest unit above with someone other than the author (the committee above, when
    the cell has no deputy). Nobody reviews their own work. Built once for a set of units
    (one query); the scope of the review itself stays with orgs.scope."""

    def __init__(self, units) -> None:
        from lamtheo.orgs.scope import holders

        self._users: dict[int, set[int]] = {}
        units = list(units)
        if units:
            for unit_id, user_id in holders(Capability.REVIEW, units).values_list(
                "unit_id", "user_id"
            ):
                self._users.setdefault(unit_id, set()).add(user_id)

    def reviewer_ids(self, unit: OrgUnit, author_user_id: int | None) -> set[int]:
        from lamtheo.orgs.tree import path_ids

        for unit_id in reversed(path_ids(unit.path)):
            others = self._users.get(unit_id, set()) - {author_user_id}
            if others:
                return others
        return set()


def reviewers_of(unit: OrgUnit, author_user_id: int | None) -> list:
    """The users who review a record of `author_user_id` made in `unit` (see ReviewRouting),
    for a page that says where the record goes."""
    from django.contrib.auth import get_user_model

    ids = ReviewRouting([unit]).reviewer_ids(unit, author_user_id)
    return list(get_user_model().objects.filter(pk__in=ids).order_by("first_name", "pk"))


def is_own_work(user, person) -> bool:
    """Is `person` the user themself? Nobody reviews their own registration or handbook."""
    return person.user_id is not None and person.user_id == getattr(user, "pk", None)
