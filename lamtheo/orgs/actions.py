"""Action codes of the organizations' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class OrgAction(AuditAction):
    ROLE_GRANTED = "lamtheo.orgs.role.granted", "Giao vai trò"
    ROLE_ENDED = "lamtheo.orgs.role.ended", "Kết thúc vai trò"
