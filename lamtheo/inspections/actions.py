"""Action codes of the inspections' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class InspectionAction(AuditAction):
    PLAN_CREATED = "lamtheo.inspections.plan.created", "Lập kế hoạch kiểm tra, giám sát"
    PLAN_EDITED = "lamtheo.inspections.plan.edited", "Sửa kế hoạch kiểm tra, giám sát"
    INSPECTION_CREATED = "lamtheo.inspections.inspection.created", "Thêm cuộc kiểm tra vào kế hoạch"
    INSPECTION_EDITED = "lamtheo.inspections.inspection.edited", "Sửa cuộc kiểm tra"
    INSPECTION_OPENED = "lamtheo.inspections.inspection.opened", "Bắt đầu cuộc kiểm tra"
    INSPECTION_CONCLUDED = "lamtheo.inspections.inspection.concluded", "Kết luận cuộc kiểm tra"
    INSPECTION_CANCELLED = "lamtheo.inspections.inspection.cancelled", "Hủy cuộc kiểm tra"
    RECORDS_VIEWED = "lamtheo.inspections.records.viewed", "Đoàn kiểm tra xem hồ sơ"
    EVIDENCE_ADDED = "lamtheo.inspections.evidence.added", "Thêm tài liệu, minh chứng"
    FINDING_ADDED = "lamtheo.inspections.finding.added", "Ghi nội dung phát hiện"
    FINDING_EDITED = "lamtheo.inspections.finding.edited", "Sửa nội dung phát hiện"
    FINDING_REMOVED = "lamtheo.inspections.finding.removed", "Bỏ nội dung phát hiện"
    REMEDY_ASSIGNED = "lamtheo.inspections.remedy.assigned", "Giao khắc phục theo kết luận"
    REMEDY_REPORTED = "lamtheo.inspections.remedy.reported", "Báo cáo đã khắc phục"
    REMEDY_ACCEPTED = "lamtheo.inspections.remedy.accepted", "Công nhận đã khắc phục"
    REMEDY_REOPENED = "lamtheo.inspections.remedy.reopened", "Yêu cầu khắc phục tiếp"
    CATEGORY_CREATED = "lamtheo.inspections.category.created", "Thêm nhóm nội dung phát hiện"
    CATEGORY_EDITED = "lamtheo.inspections.category.edited", "Sửa nhóm nội dung phát hiện"
    SIGNAL_EVIDENCE_VIEWED = (
        "lamtheo.inspections.signal.viewed",
        "Xem căn cứ của dấu hiệu hình thức",
    )


# Discipline's codes live beside its code; named here so that core.audit finds them.
from lamtheo.inspections.discipline.actions import DisciplineAction  # noqa: E402, F401


class FeedbackAction(AuditAction):
    RECEIVED = "lamtheo.inspections.feedback.received", "Nhận phản ánh"
    ACCEPTED = "lamtheo.inspections.feedback.accepted", "Tiếp nhận phản ánh để xem xét"
    FORWARDED = "lamtheo.inspections.feedback.forwarded", "Chuyển phản ánh đến cấp khác"
    REJECTED = "lamtheo.inspections.feedback.rejected", "Không tiếp nhận phản ánh"
    INSPECTION_OPENED = (
        "lamtheo.inspections.feedback.inspection_opened",
        "Mở cuộc kiểm tra từ phản ánh",
    )
