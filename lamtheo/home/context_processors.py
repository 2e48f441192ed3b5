from __future__ import annotations

from lamtheo.core.models import Notice
from lamtheo.orgs.scope import Capability, has_any

# The accounts and roles pages (lamtheo/accounts): a link for those who may open one.
ACCOUNT_PAGES = (Capability.ISSUE_ACCOUNTS, Capability.RESET_CODES, Capability.VIEW_ROLES)
DISCIPLINE_PAGES = (Capability.RECORD_DISCIPLINE, Capability.VIEW_DISCIPLINE,
                    Capability.DISCIPLINE_FIGURES)  # fmt: skip


def navigation(request) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_can_stats": has_any(user, Capability.VIEW_STATS),
        "nav_can_roster": has_any(user, Capability.MANAGE_ROSTER),
        "nav_can_profiles": has_any(user, Capability.VIEW_PROFILES),
        "nav_can_inspections": has_any(user, Capability.VIEW_INSPECTIONS),
        # Discipline for those who only read its counts or keep its authority table (the
        # administrators); the others reach it from the inspections page.
        "nav_can_discipline": any(has_any(user, c) for c in DISCIPLINE_PAGES),
        "nav_can_accounts": any(has_any(user, c) for c in ACCOUNT_PAGES),
        "nav_unread_notices": Notice.objects.filter(user=user, read_at__isnull=True).count(),
    }
