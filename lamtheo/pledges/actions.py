"""Action codes of the registrations' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class PledgeAction(AuditAction):
    PLEDGE_STARTED = "lamtheo.pledges.pledge.started", "Bắt đầu viết bản đăng ký"
    PLEDGE_EDITED = "lamtheo.pledges.pledge.edited", "Sửa nội dung bản đăng ký"
    PLEDGE_SUBMITTED = "lamtheo.pledges.pledge.submitted", "Nộp bản đăng ký"
    PLEDGE_ACCEPTED = "lamtheo.pledges.pledge.accepted", "Chi bộ thông qua bản đăng ký"
    PLEDGE_RETURNED = "lamtheo.pledges.pledge.returned", "Chi bộ trả lại bản đăng ký"
    ITEM_ADDED = "lamtheo.pledges.item.added", "Thêm việc vào bản đăng ký"
    ITEM_EDITED = "lamtheo.pledges.item.edited", "Sửa việc trong bản đăng ký"
    ITEM_REMOVED = "lamtheo.pledges.item.removed", "Bỏ việc khỏi bản đăng ký"
    # Logged views of another person's items (core.RecordView): the drill-down of the
    # dashboard's "việc làm cụ thể" share to a cell's items not found specific.
    ITEMS_VIEWED = (
        "lamtheo.pledges.item.viewed",
        "Xem các việc chưa cụ thể trong bản đăng ký của đảng viên",
    )
    PROGRAMME_PUBLISHED = (
        "lamtheo.pledges.publication.published",
        "Công khai chương trình hành động",
    )
    PROGRAMME_UNPUBLISHED = (
        "lamtheo.pledges.publication.unpublished",
        "Thôi công khai chương trình hành động",
    )
