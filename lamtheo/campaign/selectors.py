from __future__ import annotations

from django.db.models import Q

from lamtheo.campaign.models import Topic, TopicKind
from lamtheo.orgs.models import OrgUnit


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
