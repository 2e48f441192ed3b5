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
