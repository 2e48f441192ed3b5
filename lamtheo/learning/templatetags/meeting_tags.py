"""Small additions the learning app makes to other apps' pages (home, handbook review),
as inclusion tags so that those pages need one added line each."""

from __future__ import annotations

from django import template
from django.utils import timezone

from lamtheo.core.periods import month_start
from lamtheo.learning.meetings.selectors import (
    cells_without_meeting_now,
    meeting_for_entry,
    upcoming_for,
)
from lamtheo.learning.stories.selectors import story_of_period
from lamtheo.orgs.scope import Capability, can, has_any, top_units

register = template.Library()


@register.inclusion_tag("learning/_meeting_home.html", takes_context=True)
def learning_home(context) -> dict:
    user = context["request"].user
    today = timezone.localdate()
    cells = [u for u in top_units(user, Capability.RECORD_MEETINGS) if u.is_cell]
    missing = cells_without_meeting_now(user, today) if cells else []
    person = context.get("person")
    unit = getattr(person, "cell", None)
    return {
        "month": month_start(today),
        "meeting_cells": missing,
        "recorded_cells": [c for c in cells if c not in missing],
        "record_cells": cells,
        "upcoming": upcoming_for(person, today),
        "story_unit": unit,
        "story_today": story_of_period(unit, today) if unit is not None else None,
        "can_read_story": unit is not None and can(user, Capability.READ_STORIES, unit),
        "can_manage_stories": has_any(user, Capability.MANAGE_STORIES),
    }


@register.inclusion_tag("learning/_review_meeting.html", takes_context=True)
def review_meeting(context, entry) -> dict:
    """'Nhận xét tại buổi sinh hoạt chi bộ ngày …' under a reviewed handbook entry."""
    meeting = meeting_for_entry(entry) if entry is not None else None
    user = context["request"].user
    return {
        "review_meeting": meeting,
        "can_open_meeting": meeting is not None
        and can(user, Capability.VIEW_RECORDS, meeting.unit),
    }
