"""One way of writing a moment on the member's and the cell's pages: "17:22 ngày 29/11/2026"
(the time first, as people say it; dd/mm/yyyy as everywhere)."""

from __future__ import annotations

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def time_and_date(value) -> str:
    """An aware datetime in local time, "17:22 ngày 29/11/2026"; "" for None."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value:%H:%M} ngày {value:%d/%m/%Y}"


# The colour of a result's tag: green only for what is done; "Chưa thực hiện" and
# "Chưa hoàn thành" in the colour of what is missing.
_PROGRESS_TAGS = {"done": "tag-ok", "in_progress": "tag-late", "not_done": "tag-missing"}
_RATING_TAGS = {"not_done": "tag-missing"}


@register.filter
def progress_tag(value) -> str:
    """The tag class of an item's progress (Progress value)."""
    return _PROGRESS_TAGS.get(str(value), "")


@register.filter
def rating_tag(value) -> str:
    """The tag class of a self-rating (Rating value): green unless not done."""
    return _RATING_TAGS.get(str(value), "tag-ok") if value else ""
