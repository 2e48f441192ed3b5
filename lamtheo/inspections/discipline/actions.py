"""Action codes of the discipline records' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class DisciplineAction(AuditAction):
    RECORDED = "lamtheo.inspections.discipline.decision.recorded", "Ghi quyết định kỷ luật"
    CORRECTED = "lamtheo.inspections.discipline.decision.corrected", "Sửa quyết định kỷ luật"
    ANNULLED = "lamtheo.inspections.discipline.decision.annulled", "Hủy quyết định kỷ luật"
    VIEWED = "lamtheo.inspections.discipline.decision.viewed", "Xem quyết định kỷ luật"
    AUTHORITY_EDITED = (
        "lamtheo.inspections.discipline.authority.edited",
        "Sửa thẩm quyền thi hành kỷ luật",
    )
