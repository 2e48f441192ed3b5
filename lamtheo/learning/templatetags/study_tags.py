"""The study part of the home page's task list, kept in the learning app."""

from __future__ import annotations

from django import template
from django.utils import timezone

from lamtheo.learning.study.selectors import pending_sheets, sessions_of_person
from lamtheo.orgs.scope import Capability, top_units

register = template.Library()


@register.simple_tag(takes_context=True)
def study_home(context) -> dict:
    """A member's sessions this year, the secretary's sheets still to record, and the
    units where the user organizes study."""
    user = context["request"].user
    return {
        "today": timezone.localdate(),
        "mine": sessions_of_person(context.get("person")),
        "pending": pending_sheets(user),
        "organize": top_units(user, Capability.ORGANIZE_STUDY),
    }
