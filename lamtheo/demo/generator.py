"""The generator: an organization of any size under a new root, planned from a seed and
inserted in bulk, with its figures rebuilt once at the end. The demo and bench/generate.py
both call `generate`."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from lamtheo.campaign.actions import CampaignAction
from lamtheo.campaign.models import Campaign, Topic, TopicKind
from lamtheo.core import figures
from lamtheo.core.audit import tag_all
from lamtheo.core.periods import add_months
from lamtheo.demo.context import Context
from lamtheo.demo.data.reference import (
    CAMPAIGN_DIRECTIVE,
    CAMPAIGN_NAME,
    DEFAULT_AREAS,
    PARTY_TOPICS,
    ROOT_TOPICS,
)
from lamtheo.demo.inserts import insert_organization
from lamtheo.demo.plan import Organization, Size, plan_organization
from lamtheo.orgs.models import OrgUnit, UnitKind
from lamtheo.orgs.services import unit_create
from lamtheo.pledges.models import ContentArea

SEED = 20260515  # fixed: on a given date, every run builds the same organization


def ensure_reference_data(root: OrgUnit) -> list[ContentArea]:
    """Campaign, topics and the default content areas; safe to call twice."""
    campaign, _ = Campaign.objects.get_or_create(
        name=CAMPAIGN_NAME, defaults={"directive": CAMPAIGN_DIRECTIVE}
    )
    with tag_all(actor=None, action=CampaignAction.TOPIC_CREATED, reason="Tạo chuyên đề"):
        for year, kind, year_end, title, summary in PARTY_TOPICS:
            Topic.objects.get_or_create(
                unit=None, year=year, kind=kind,
                defaults={"campaign": campaign, "year_end": year_end, "title": title,
                          "summary": summary},
            )  # fmt: skip
        for year, title, summary in ROOT_TOPICS:
            Topic.objects.get_or_create(
                unit=root, year=year, kind=TopicKind.ANNUAL,
                defaults={"campaign": campaign, "title": title, "summary": summary},
            )  # fmt: skip
    return [
        ContentArea.objects.get_or_create(unit=None, title=title, defaults={"order": i})[0]
        for i, title in enumerate(DEFAULT_AREAS)
    ]


def demo_period(today: date) -> tuple[int, list[date]]:
    """January up to last month. In January that is the whole of last year, so the demo
    always has months to show."""
    last = add_months(today, -1)
    return last.year, [date(last.year, m, 1) for m in range(1, last.month + 1)]


@transaction.atomic
def generate(
    *,
    size: Size,
    year: int,
    months: list[date],
    root_code: str,
    root_name: str,
    root_kind: str = UnitKind.BLOC,
    seed: int = SEED,
    cast: Callable[[Organization], None] | None = None,
    password: str = "",
) -> tuple[Organization, dict[str, int]]:
    """Build an organization under a new root and rebuild its figures for `year`.
    `cast` may adjust the plan before it is written (the demo picks its log-ins there)."""
    rng = random.Random(seed)
    root = unit_create(code=root_code, name=root_name, kind=root_kind, parent=None)
    areas = ensure_reference_data(root)
    org = plan_organization(rng, root=root, size=size, year=year, months=months, cast=cast)
    # Nothing happens after midnight: the data depend on the seed and the date only.
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    ctx = Context(rng, org, areas, midnight, password=password)
    counts = insert_organization(ctx)
    figures.rebuild_year(year)
    return org, counts
