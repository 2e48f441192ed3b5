"""Action codes of the study of the topic's audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class StudyAction(AuditAction):
    SESSION_SCHEDULED = (
        "lamtheo.learning.study.session.scheduled",
        "Lên lịch buổi học tập, quán triệt",
    )
    SESSION_UPDATED = (
        "lamtheo.learning.study.session.updated",
        "Sửa thông tin buổi học tập, quán triệt",
    )
    SESSION_CANCELLED = (
        "lamtheo.learning.study.session.cancelled",
        "Hủy buổi học tập, quán triệt",
    )
    ATTENDANCE_RECORDED = "lamtheo.learning.study.attendance.recorded", "Ghi điểm danh"
    ATTENDANCE_MADE_UP = "lamtheo.learning.study.attendance.made_up", "Ghi học bù"
    ATTENDANCE_CORRECTED = "lamtheo.learning.study.attendance.corrected", "Sửa điểm danh"
