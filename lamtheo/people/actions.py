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
    EXEMPTION_ENDED = "lamtheo.people.exemption.ended", "Kết thúc miễn công tác và sinh hoạt đảng"
    MEMBERSHIP_ENDED = "lamtheo.people.membership.ended", "Thôi sinh hoạt tại chi bộ"
    PERSON_CREATED = "lamtheo.people.person.created", "Thêm cán bộ, đảng viên"
    PERSON_CONTACT_CHANGED = "lamtheo.people.person.contact_changed", "Sửa thông tin liên lạc"
    PERSON_PARTY_DATA_CHANGED = (
        "lamtheo.people.person.party_data_changed",
        "Sửa thông tin đảng viên",
    )
    PERSON_LEFT = "lamtheo.people.person.left", "Ra khỏi danh sách của Đảng bộ"
    PERSON_RETURNED = "lamtheo.people.person.returned", "Trở lại sinh hoạt"
    LEAVING_RECORDED = (
        "lamtheo.people.leaving.recorded",
        "Ghi nhận chuyển đi, ra khỏi Đảng, từ trần",
    )
    LEAVING_ENDED = "lamtheo.people.leaving.ended", "Ghi nhận trở lại sinh hoạt"
    PERSON_USER_CREATED = (
        "lamtheo.people.person.user_created",
        "Tạo tài khoản (chưa đăng nhập được cho đến khi được cấp mã)",
    )
    PERSON_VIEWED = "lamtheo.people.person.viewed", "Xem hồ sơ đảng viên"
