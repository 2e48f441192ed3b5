"""Action codes of the cell meetings' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class MeetingAction(AuditAction):
    MEETING_RECORDED = (
        "lamtheo.learning.meetings.meeting.recorded",
        "Ghi biên bản sinh hoạt chi bộ",
    )
    MEETING_CORRECTED = (
        "lamtheo.learning.meetings.meeting.corrected",
        "Sửa biên bản sinh hoạt chi bộ",
    )
    MEETING_DELETED = (
        "lamtheo.learning.meetings.meeting.deleted",
        "Xóa biên bản sinh hoạt chi bộ",
    )
    ATTENDANCE_RECORDED = (
        "lamtheo.learning.meetings.attendance.recorded",
        "Điểm danh sinh hoạt chi bộ",
    )
    ATTENDANCE_REMOVED_FROM_LIST = (
        "lamtheo.learning.meetings.attendance.removed_from_list",
        "Không còn thuộc danh sách dự sinh hoạt",
    )
    ATTENDANCE_DELETED = (
        "lamtheo.learning.meetings.attendance.deleted",
        "Xóa điểm danh cùng biên bản",
    )
    MEETING_ANNOUNCED = (
        "lamtheo.learning.meetings.meeting.announced",
        "Triệu tập buổi sinh hoạt chi bộ",
    )
    ANNOUNCEMENT_CHANGED = (
        "lamtheo.learning.meetings.meeting.announcement_changed",
        "Thay đổi thông báo triệu tập buổi sinh hoạt chi bộ",
    )
    MEETING_CANCELLED = (
        "lamtheo.learning.meetings.meeting.cancelled",
        "Hủy buổi sinh hoạt chi bộ đã triệu tập",
    )
