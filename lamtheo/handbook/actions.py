"""Action codes of the handbook's audited changes and logged views (see
core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class HandbookAction(AuditAction):
    ENTRY_STARTED = "lamtheo.handbook.entry.started", "Bắt đầu ghi sổ tay tháng"
    ENTRY_RESULT_SAVED = "lamtheo.handbook.entry.result_saved", "Ghi kết quả thực hiện"
    ENTRY_SELF_ASSESSED = "lamtheo.handbook.entry.self_assessed", "Ghi tự đánh giá"
    ENTRY_SUBMITTED = "lamtheo.handbook.entry.submitted", "Nộp sổ tay tháng"
    ENTRY_RETURNED = "lamtheo.handbook.entry.returned", "Chi bộ trả lại sổ tay"
    ENTRY_REVIEWED = "lamtheo.handbook.entry.reviewed", "Chi bộ nhận xét sổ tay"
    RESULT_SAVED = "lamtheo.handbook.result.saved", "Ghi kết quả thực hiện một việc"
    SELFCHECK_SAVED = "lamtheo.handbook.selfcheck.saved", "Ghi tự soi, tự sửa"
    MARK_ADDED = "lamtheo.handbook.selfcheck_mark.added", "Đánh dấu biểu hiện"
    MARK_REMOVED = "lamtheo.handbook.selfcheck_mark.removed", "Bỏ đánh dấu biểu hiện"
    # Logged views of another person's records (core.RecordView).
    ENTRY_VIEWED = "lamtheo.handbook.entry.viewed", "Xem sổ tay tháng của đảng viên"
    SELFCHECK_VIEWED = "lamtheo.handbook.selfcheck.viewed", "Xem phần tự soi, tự sửa"
    YEAR_RESULTS_VIEWED = (
        "lamtheo.handbook.year_results.viewed",
        "Xem tổng hợp kết quả năm của đảng viên",
    )
