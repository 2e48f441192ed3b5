"""Action codes of the discipline records' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class DisciplineAction(AuditAction):
    RECORDED = "lamtheo.inspections.discipline.recorded", "Ghi quyết định kỷ luật"
    CORRECTED = "lamtheo.inspections.discipline.corrected", "Sửa quyết định kỷ luật"
    ANNULLED = "lamtheo.inspections.discipline.annulled", "Hủy quyết định kỷ luật"
    VIEWED = "lamtheo.inspections.discipline.viewed", "Xem quyết định kỷ luật"
    AUTHORITY_EDITED = (
        "lamtheo.inspections.discipline.authority_edited",
        "Sửa thẩm quyền thi hành kỷ luật",
    )
