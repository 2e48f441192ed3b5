"""Reads of topics and their materials, always scoped.

A topic is within a person's reach when it applies to them or to a unit they look after:
the central topics (no unit) reach every logged-in person; a unit's topic reaches those who
hold Capability.READ_TOPICS on the unit (orgs.scope): the people whose own cell is in the
unit's subtree and everyone holding a role on the unit, above it or below it (a role below
it means the topic applies to the unit they lead)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from lamtheo.campaign.models import Manifestation, Topic, TopicKind, TopicMaterial
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, scope_q


def topic_for(*, unit: OrgUnit | None, year: int) -> Topic | None:
    """The annual topic that applies to `unit` in `year`: the nearest ancestor's, else the
    party-wide one (unit is null), else the whole-term topic covering the year."""
    ancestors = unit.ancestor_ids() if unit else []
    candidates = list(
        Topic.objects.filter(Q(unit_id__in=ancestors) | Q(unit__isnull=True))
        .filter(Q(year=year) | Q(kind=TopicKind.TERM, year__lte=year, year_end__gte=year))
        .select_related("unit")
    )
    depth = {uid: i for i, uid in enumerate(ancestors)}

    def rank(t: Topic) -> tuple[int, int]:
        return (1 if t.kind == TopicKind.ANNUAL else 0, depth.get(t.unit_id, -1))

    return max(candidates, key=rank, default=None)


def term_topic_for(*, unit: OrgUnit | None, year: int) -> Topic | None:
    """The whole-term topic covering `year`, the nearest unit's first."""
    ancestors = unit.ancestor_ids() if unit else []
    depth = {uid: i for i, uid in enumerate(ancestors)}
    found = Topic.objects.filter(
        Q(unit_id__in=ancestors) | Q(unit__isnull=True),
        kind=TopicKind.TERM,
        year__lte=year,
        year_end__gte=year,
    )
    return max(found, key=lambda t: depth.get(t.unit_id, -1), default=None)


def reach_q(user) -> Q:
    """Topics within the user's reach (see the module's docstring)."""
    return Q(unit__isnull=True) | scope_q(user, Capability.READ_TOPICS, "unit__path")


def topics_in_reach(user) -> QuerySet[Topic]:
    return Topic.objects.filter(reach_q(user)).select_related("unit")


def get_topic_or_404(user, pk: int) -> Topic:
    topic = topics_in_reach(user).filter(pk=pk).first()
    if topic is None:
        raise Http404("Không tìm thấy chuyên đề.")
    return topic


def get_material_or_404(user, pk: int) -> TopicMaterial:
    material = (
        TopicMaterial.objects.filter(pk=pk, topic__in=topics_in_reach(user))
        .select_related("file", "topic")
        .first()
    )
    if material is None:
        raise Http404("Không tìm thấy tài liệu.")
    return material


def can_manage(user, topic: Topic) -> bool:
    """Central topics are kept by the administrators in Django admin; a unit's topics by
    the propaganda officers and committee members of the unit or above."""
    return topic.unit is not None and can(user, Capability.MANAGE_TOPICS, topic.unit)


def home_unit(user) -> OrgUnit | None:
    """The unit whose topic counts as "current" for the user: their own cell, else the
    highest unit where they hold a role."""
    from lamtheo.orgs.scope import top_units
    from lamtheo.people.selectors import own_person

    person = own_person(user)
    if person and person.cell:
        return person.cell
    tops = top_units(user, Capability.VIEW_STATS)
    return tops[0] if tops else None


@dataclass
class YearTopics:
    year: int
    topics: list[Topic]


def topics_by_year(user) -> list[YearTopics]:
    """Every topic in reach, newest year first; a whole-term topic is listed in its first
    year."""
    years: dict[int, list[Topic]] = {}
    for t in topics_in_reach(user).order_by("-year", "kind", "unit__path", "pk"):
        years.setdefault(t.year, []).append(t)
    return [YearTopics(y, ts) for y, ts in years.items()]


def manifestations() -> list[Manifestation]:
    return list(Manifestation.objects.order_by("group", "number"))
