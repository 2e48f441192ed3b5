"""Action codes of the story library's audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class StoryAction(AuditAction):
    STORY_CREATED = "lamtheo.learning.stories.story.created", "Thêm mẩu chuyện"
    STORY_UPDATED = "lamtheo.learning.stories.story.updated", "Sửa mẩu chuyện"
    SETTING_SAVED = (
        "lamtheo.learning.stories.setting.saved",
        "Cài đặt nhịp đọc mẩu chuyện",
    )
