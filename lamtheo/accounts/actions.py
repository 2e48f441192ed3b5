"""Action codes of the accounts' audited changes (see core.audit.AuditAction)."""

from __future__ import annotations

from lamtheo.core.audit import AuditAction


class AccountAction(AuditAction):
    ACCOUNT_ISSUED = "lamtheo.accounts.account.issued", "Cấp tài khoản"
    CODE_REISSUED = "lamtheo.accounts.account.code_reissued", "Cấp mã đăng nhập mới"
    PASSWORD_SET = "lamtheo.accounts.account.password_set", "Đặt mật khẩu ở lần đăng nhập đầu"
    DEACTIVATED = "lamtheo.accounts.account.deactivated", "Khóa tài khoản"
    REACTIVATED = "lamtheo.accounts.account.reactivated", "Mở khóa tài khoản"
