"""Figures the Vietnamese way in templates: 1.234 people, 66,7%, and the cells of a figures
table (``_figures_table.html``)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from lamtheo.core.figure_tables import Cell, count_text, percent

register = template.Library()


@register.filter
def pct(rate: float | None) -> str:
    return percent(rate)


@register.filter
def num(value: int | str | None) -> str:
    return count_text(value)


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
        # An SVG bar: its width is an attribute, where a style="width: …" would be blocked by
        # the Content-Security-Policy.
        '<svg class="meter" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true"'
        ' focusable="false"><rect width="{}" height="1"/></svg></td>',
        percent(rate),
        num(part),
        num(whole),
        meter(rate),
    )


@register.simple_tag
def figure_cell(cell: Cell) -> str:
    """A cell of a figures table: a count, a rate, or a rate with its counts."""
    if cell.whole is not None:
        return rate_cell(cell.value, cell.part, cell.whole)
    return format_html('<td class="num">{}</td>', pct(cell.value) if cell.rate else num(cell.value))
