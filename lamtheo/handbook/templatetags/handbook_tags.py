"""One way of writing a moment on the member's and the cell's pages: "17:22 ngày 29/11/2026"
(the time first, as people say it; dd/mm/yyyy as everywhere)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as date_filter

register = template.Library()


@register.filter
def time_and_date(value) -> str:
    """An aware datetime in local time, "17:22 ngày 29/11/2026"; "" for None."""
    if not value:
        return ""
    return f"{date_filter(value, 'H:i')} ngày {date_filter(value, 'd/m/Y')}"
