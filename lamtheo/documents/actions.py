"""Action codes of the documents' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class DocumentAction(AuditAction):
    DOCUMENT_CREATED = "lamtheo.documents.document.created", "Vào sổ văn bản (chưa gửi)"
    DOCUMENT_EDITED = "lamtheo.documents.document.edited", "Sửa văn bản chưa gửi"
    DOCUMENT_CORRECTED = "lamtheo.documents.document.corrected", "Đính chính văn bản đã gửi"
    DOCUMENT_DISCARDED = "lamtheo.documents.document.discarded", "Xóa văn bản chưa gửi"
    DOCUMENT_SENT = "lamtheo.documents.document.sent", "Gửi văn bản đến các đơn vị nhận"
    DOCUMENT_WITHDRAWN = "lamtheo.documents.document.withdrawn", "Thu hồi văn bản"
    RECEIPT_REMOVED = "lamtheo.documents.receipt.removed", "Bỏ đơn vị nhận văn bản"
    RECEIPT_ACKNOWLEDGED = "lamtheo.documents.receipt.acknowledged", "Xác nhận đã nhận"
    RECEIPT_REPORTED = "lamtheo.documents.receipt.reported", "Báo cáo kết quả thực hiện"
    RECEIPT_REPORT_UPDATED = (
        "lamtheo.documents.receipt.report_updated",
        "Cập nhật kết quả thực hiện",
    )
