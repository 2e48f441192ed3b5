from __future__ import annotations

from django import template

from lamtheo.documents.selectors import issuer_units, receiving_unit_ids, unread_count

register = template.Library()


@register.simple_tag
def documents_home(user) -> dict:
    """What the home page shows of documents, without touching core/views.py."""
    return {
        "receiving": bool(receiving_unit_ids(user)),
        "unread": unread_count(user),
        "issuers": issuer_units(user),
    }
