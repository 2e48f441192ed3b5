"""Action codes of the campaign's audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class CampaignAction(AuditAction):
    TOPIC_CREATED = "lamtheo.campaign.topic.created", "Tạo chuyên đề"
    TOPIC_UPDATED = "lamtheo.campaign.topic.updated", "Sửa chuyên đề"
    MATERIAL_ADDED = "lamtheo.campaign.material.added", "Thêm tài liệu học tập"
    MATERIAL_REMOVED = "lamtheo.campaign.material.removed", "Gỡ tài liệu học tập"
