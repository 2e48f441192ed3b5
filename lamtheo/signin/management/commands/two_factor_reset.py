"""Reset a person's two-factor sign-in from the server (the last administrator lost their
phone and their recovery codes): audited like the administrator's page."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from lamtheo.signin import services
from lamtheo.signin.selectors import user_by_login_name


class Command(BaseCommand):
    help = "Đặt lại xác thực hai bước của một người (tên đăng nhập: mã định danh hoặc điện thoại)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("login_name")
        parser.add_argument("--reason", required=True, help="lý do, ghi vào nhật ký")

    def handle(self, *args, login_name: str, reason: str, **options) -> None:
        user = user_by_login_name(login_name)
        if user is None:
            raise CommandError(f"Không tìm thấy tài khoản đang hoạt động tên {login_name!r}.")
        services.two_factor_reset(actor=None, user=user, reason=f"Trên máy chủ: {reason}")
        self.stdout.write(f"Đã đặt lại xác thực hai bước của {user.get_username()}.")
