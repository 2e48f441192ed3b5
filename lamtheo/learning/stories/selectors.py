"""Reads of the story library and the story of the day (or week) of a unit.

The rotation is deterministic per unit: the active stories in an order shuffled by a hash
of the unit and the story (stable from day to day, different from unit to unit); the
story of a period is the one read in that period, else the first not yet read in the
current cycle. When every active story has been read the cycle starts again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, QuerySet

from lamtheo.core.vietnamese import fold
from lamtheo.learning.stories.models import Story, StoryCadence, StoryReading, StorySetting
from lamtheo.orgs.models import OrgUnit


def search_stories(qs: QuerySet[Story], text: str) -> QuerySet[Story]:
    """Search that ignores case and diacritics ("tiet kiem" finds "Tiết kiệm")."""
    key = fold(text)
    return qs.filter(search_key__contains=key) if key else qs


def story_search_key(title: str, text: str, tags: str) -> str:
    return fold(" ".join((title, tags, text)))


def cadence_for(unit: OrgUnit) -> str:
    """The nearest setting: the unit's, else an ancestor's, else the global one, else daily."""
    ancestors = unit.ancestor_ids()
    settings = {s.unit_id: s.cadence for s in StorySetting.objects.filter(unit_id__in=ancestors)}
    for uid in reversed(ancestors):
        if uid in settings:
            return settings[uid]
    default = StorySetting.objects.filter(unit__isnull=True).values_list("cadence", flat=True)
    return default.first() or StoryCadence.DAILY


def period_of(cadence: str, on: date) -> date:
    return on - timedelta(days=on.weekday()) if cadence == StoryCadence.WEEKLY else on


def _order_key(unit_id: int, story_id: int) -> str:
    return hashlib.sha256(f"{unit_id}:{story_id}".encode()).hexdigest()


def rotation(unit: OrgUnit) -> list[int]:
    """The unit's stable shuffled order of the active stories' ids."""
    ids = Story.objects.filter(is_active=True).values_list("pk", flat=True)
    return sorted(ids, key=lambda pk: _order_key(unit.pk, pk))


@dataclass
class StoryOfPeriod:
    story: Story | None
    period: date
    cadence: str
    reading: StoryReading | None
    cycle: int

    @property
    def label(self) -> str:
        if self.cadence == StoryCadence.WEEKLY:
            end = self.period + timedelta(days=6)
            return f"tuần từ {self.period:%d/%m/%Y} đến {end:%d/%m/%Y}"
        return f"ngày {self.period:%d/%m/%Y}"


def next_in_rotation(unit: OrgUnit) -> tuple[int | None, int]:
    """The next story to read at the unit and the cycle it belongs to."""
    order = rotation(unit)
    if not order:
        return None, 1
    cycle = StoryReading.objects.filter(unit=unit).aggregate(c=Max("cycle"))["c"] or 1
    read = set(StoryReading.objects.filter(unit=unit, cycle=cycle)
               .values_list("story_id", flat=True))  # fmt: skip
    unread = [pk for pk in order if pk not in read]
    if not unread:
        return order[0], cycle + 1
    return unread[0], cycle


def story_of_period(unit: OrgUnit, on: date) -> StoryOfPeriod:
    cadence = cadence_for(unit)
    period = period_of(cadence, on)
    reading = (StoryReading.objects.filter(unit=unit, period=period)
               .select_related("story", "read_by").first())  # fmt: skip
    if reading is not None:
        return StoryOfPeriod(reading.story, period, cadence, reading, reading.cycle)
    story_id, cycle = next_in_rotation(unit)
    story = Story.objects.filter(pk=story_id).first() if story_id else None
    return StoryOfPeriod(story, period, cadence, None, cycle)


def recent_readings(unit: OrgUnit, limit: int = 10) -> list[StoryReading]:
    return list(StoryReading.objects.filter(unit=unit).select_related("story", "read_by")
                .order_by("-period")[:limit])  # fmt: skip
