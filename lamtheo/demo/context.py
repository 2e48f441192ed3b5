"""What the row builders need besides the plan: the random source, the moment of the
build, the ids found so far, and the count of rows written."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from django.utils import timezone

from lamtheo.demo.plan import Organization, UnitPlan
from lamtheo.pledges.models import ContentArea

BATCH = 5000  # rows per bulk_create call, and handbook months held in memory at once


@dataclass
class Context:
    """What the row builders need besides the plan."""

    rng: random.Random
    org: Organization
    areas: list[ContentArea]
    now: datetime
    secretary_user: dict[int, int] = field(default_factory=dict)  # cell id → user id
    deputy_user: dict[int, int] = field(default_factory=dict)  # cell id → user id
    # person id → (registration id, its item ids in order)
    pledge_of: dict[int, tuple[int, list[int]]] = field(default_factory=dict)
    password: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    tz: tzinfo = field(default_factory=timezone.get_current_timezone)

    def below(self, n: int) -> int:
        """rng.randrange(n), several times cheaper; the generator draws millions."""
        return int(self.rng.random() * n)

    def moment(self, day: date, *, not_before: datetime | None = None) -> datetime:
        """A working-hours moment on `day`, never in the future."""
        clock = time(7 + self.below(15), self.below(60))
        at = datetime.combine(day, clock, tzinfo=self.tz)
        if not_before is not None and at < not_before:
            at = not_before + timedelta(hours=1 + self.below(30))
        return min(at, self.now - timedelta(minutes=5 + self.below(600)))

    def reviewer(self, cell: UnitPlan, author_user_id: int | None) -> int | None:
        """Who decides on a record of `author_user_id` in `cell`, as
        pledges.selectors.ReviewRouting routes it: the secretary, and for her own work her
        deputy; None when the cell has no deputy (the demo has no secretaries above the
        cells, so the record stays waiting). Nobody reviews their own work."""
        for reviewer in (self.secretary_user.get(cell.id), self.deputy_user.get(cell.id)):
            if reviewer is not None and reviewer != author_user_id:
                return reviewer
        return None


def count(ctx: Context, label: str, n: int) -> None:
    ctx.counts[label] = ctx.counts.get(label, 0) + n
