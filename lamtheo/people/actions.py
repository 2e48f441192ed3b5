"""Action codes of the people's audited changes (see core.audit.AuditAction). The roster
import writes the same codes as the services, with the file's name as the reason."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class PeopleAction(AuditAction):
    MEMBERSHIP_STARTED = "lamtheo.people.membership.started", "Bắt đầu sinh hoạt tại chi bộ"
    MEMBERSHIP_TRANSFERRED_OUT = (
        "lamtheo.people.membership.transferred_out",
        "Chuyển sinh hoạt đi chi bộ khác",
    )
    MEMBERSHIP_TRANSFERRED_IN = (
        "lamtheo.people.membership.transferred_in",
        "Chuyển sinh hoạt đến từ chi bộ khác",
    )
    EXEMPTION_GRANTED = "lamtheo.people.exemption.granted", "Miễn công tác và sinh hoạt đảng"
