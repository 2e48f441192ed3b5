"""Number formats of the dashboards, the Vietnamese way: 1.234 people, 66,7%."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from lamtheo.dashboard.chart import percent

register = template.Library()


@register.filter
def pct(rate: float | None) -> str:
    return percent(rate)


@register.filter
def num(value: int | str | None) -> str:
    if isinstance(value, str):  # a count already put in words, e.g. "dưới 3"
        return value
    return "—" if value is None else f"{value:,}".replace(",", ".")


@register.filter
def meter(rate: float | None) -> int:
    """The width, in percent, of the little bar next to a rate."""
    return 0 if rate is None else round(min(max(rate, 0.0), 1.0) * 100)


@register.simple_tag
def rate_cell(rate: float | None, part: int, whole: int) -> str:
    """A table cell with a rate, the counts behind it and a small bar: the same in every
    figures table."""
    return format_html(
        '<td class="num">{}<br><span class="muted">{}/{}</span>'
        '<span class="meter" aria-hidden="true"><span style="width: {}%"></span></span></td>',
        percent(rate),
        num(part),
        num(whole),
        meter(rate),
    )
