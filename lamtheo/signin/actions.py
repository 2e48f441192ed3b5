"""Action codes of the sign-in's audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class SigninAction(AuditAction):
    TWO_FACTOR_ON = "lamtheo.signin.two_factor.turned_on", "Bật xác thực hai bước"
    CODES_RENEWED = "lamtheo.signin.two_factor.codes_renewed", "Tạo lại mã dự phòng"
    TWO_FACTOR_OFF = "lamtheo.signin.two_factor.turned_off", "Tắt xác thực hai bước"
    TWO_FACTOR_RESET = (
        "lamtheo.signin.two_factor.reset",
        "Quản trị viên đặt lại xác thực hai bước",
    )
