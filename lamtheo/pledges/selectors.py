"""Reads of registrations, always scoped."""

from __future__ import annotations

from django.http import Http404

from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can
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
    return (
        Pledge.objects.filter(person=person, year=year)
        .prefetch_related("items__area")
        .first()
    )


def get_pledge_or_404(user, pk: int, capability: Capability = Capability.VIEW_RECORDS) -> Pledge:
    pledge = Pledge.objects.select_related("person__user", "person__cell", "unit").filter(
        pk=pk).first()
    if pledge is None:
        raise Http404("Không tìm thấy bản đăng ký.")
    if pledge.person.user_id == user.pk:
        return pledge
    if can(user, capability, pledge.unit) or can(user, capability, pledge.person.cell):
        return pledge
    raise Http404("Không tìm thấy bản đăng ký.")


def item_quality(text: str, duties: str = ""):
    """The quality checker's verdict on one item, or None when the text is empty."""
    if not text.strip():
        return None
    from lamtheo.pledges.quality import assess

    return assess(text, duties)


def pledge_history(pledge: Pledge):
    """The audit trail of a registration and its items, newest first."""
    from lamtheo.core.audit import changes_of
    from lamtheo.pledges.models import PledgeItem

    changes = changes_of(pledge.history.all(), what="Bản đăng ký",
                         skip={"submitted_at", "decided_at"})
    changes += changes_of(PledgeItem.history.filter(pledge_id=pledge.pk), what="Việc làm cụ thể",
                          skip={"pledge", "order", "is_specific"})
    return sorted(changes, key=lambda c: c.at, reverse=True)
