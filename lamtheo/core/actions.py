"""Action codes of changes made outside the apps' services (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class CoreAction(AuditAction):
    # Django's administration pages (core.admin.AuditedAdmin): any tracked record.
    ADMIN_ADDED = "lamtheo.core.admin.added", "Thêm trong trang quản trị"
    ADMIN_CHANGED = "lamtheo.core.admin.changed", "Sửa trong trang quản trị"
    ADMIN_DELETED = "lamtheo.core.admin.deleted", "Xóa trong trang quản trị"
