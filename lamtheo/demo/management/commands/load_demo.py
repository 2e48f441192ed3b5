"""`manage.py load_demo`: the demo organization, built once; every run prints the log-ins.

`make run` calls it on every start, so a second run only reads the log-ins back.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from lamtheo.demo.accounts import waiting_usernames
from lamtheo.demo.build import DEMO_PASSWORD, DemoLogin, demo_logins, load_demo
from lamtheo.demo.data.units import DEMO_ROOT_NAME


class Command(BaseCommand):
    help = "Tạo tổ chức đảng mẫu để dùng thử (chỉ tạo một lần) và in các tài khoản dùng thử."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        created = load_demo()
        if created:
            elapsed = time.perf_counter() - started
            self.stdout.write(f'Đã tạo dữ liệu mẫu "{DEMO_ROOT_NAME}" trong {elapsed:.1f} giây:')
            for what, count in created.items():
                number = f"{count:,}".replace(",", ".")  # Vietnamese groups thousands with dots
                self.stdout.write(f"  {number:>9} {what}")
        else:
            self.stdout.write(f'Dữ liệu mẫu "{DEMO_ROOT_NAME}" đã có sẵn, không tạo thêm.')
        self.stdout.write("")
        self.stdout.write(logins_table(demo_logins()))
        waiting = waiting_usernames()
        if waiting:
            self.stdout.write("")
            self.stdout.write(
                "Chờ đăng nhập lần đầu (mật khẩu dùng thử là mã dùng một lần, phần mềm đề nghị "
                f"đặt mật khẩu mới): {', '.join(waiting)}"
            )


def logins_table(logins: list[DemoLogin]) -> str:
    header = ("Tên đăng nhập", "Vai trò", "Họ và tên", "Chi bộ")
    rows = [header] + [(x.username, x.role, x.full_name, x.unit) for x in logins]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "TÀI KHOẢN DÙNG THỬ — CHỈ DÙNG CHO BẢN DEMO, KHÔNG DÙNG CHO DỮ LIỆU THẬT",
        f"Mật khẩu chung của mọi tài khoản dùng thử: {DEMO_PASSWORD}",
        "",
    ]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
