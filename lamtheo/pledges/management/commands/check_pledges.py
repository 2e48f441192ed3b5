"""Assess registration items read as JSON lines on standard input.

    echo '{"text": "Tổ chức 02 buổi phụ đạo mỗi tuần", "duties": "Giáo viên"}' \
        | python manage.py check_pledges

Each input line ``{"text": "...", "duties": "..."}`` gives one output line
``{"specific": ..., "missing": [...], "hint": "..."}`` in the same order. A
line that cannot be read (not UTF-8, not JSON, not an object, no "text"
string, or blank) gives ``{"error": "<Vietnamese message>"}`` in its place and
the following lines are still processed. The exit code is 0 unless standard
input itself cannot be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lamtheo.pledges.quality import assess

_BOM = "\ufeff"


class LineError(ValueError):
    """A line that is not a usable item; the message is shown to the user."""


def parse_line(raw: bytes | str, number: int) -> tuple[str, str]:
    """Return (text, duties) from one input line or raise LineError."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(f"Dòng {number}: không phải văn bản UTF-8 hợp lệ.") from exc
    line = raw.removeprefix(_BOM) if number == 1 else raw
    line = line.rstrip("\r\n")
    if not line.strip():
        raise LineError(f'Dòng {number}: dòng trống, cần một đối tượng JSON có trường "text".')
    try:
        data: Any = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise LineError(f"Dòng {number}: không phải JSON hợp lệ.") from exc
    if not isinstance(data, dict):
        raise LineError(f'Dòng {number}: cần một đối tượng JSON, ví dụ {{"text": "..."}}.')
    text = data.get("text")
    if not isinstance(text, str):
        raise LineError(f'Dòng {number}: thiếu trường "text" kiểu chuỗi.')
    duties = data.get("duties")
    if duties is None:
        duties = ""
    if not isinstance(duties, str):
        raise LineError(f'Dòng {number}: trường "duties" phải là chuỗi.')
    return text, duties


def check_line(raw: bytes | str, number: int) -> dict[str, object]:
    """The output object for one input line."""
    try:
        text, duties = parse_line(raw, number)
    except LineError as exc:
        return {"error": str(exc)}
    return assess(text, duties).to_dict()


class Command(BaseCommand):
    help = (
        "Đánh giá nội dung đăng ký học tập và làm theo (cụ thể hay chung chung): "
        'đọc các dòng JSON {"text": ..., "duties": ...} từ đầu vào chuẩn, '
        "ghi một dòng JSON kết quả cho mỗi dòng vào."
    )
    # call_command("check_pledges", stdin=io.BytesIO(...)) in tests.
    stealth_options = ("stdin",)

    def handle(self, *args: Any, **options: Any) -> None:
        stream = options.get("stdin") or _standard_input()
        self._prefer_utf8_output()
        try:
            # Iterating reads one line at a time: large inputs stream through.
            for number, raw in enumerate(stream, start=1):
                self.stdout.write(json.dumps(check_line(raw, number), ensure_ascii=False))
        except OSError as exc:
            raise CommandError(f"Không đọc được đầu vào chuẩn: {exc}") from exc

    def _prefer_utf8_output(self) -> None:
        # Vietnamese must reach a pipe intact even under a non-UTF-8 locale.
        encoding = getattr(self.stdout, "encoding", None)
        reconfigure = getattr(self.stdout, "reconfigure", None)
        if encoding and encoding.lower().replace("-", "") != "utf8" and reconfigure:
            reconfigure(encoding="utf-8")


def _standard_input() -> Iterable[bytes | str]:
    # Bytes, so that each line is decoded on its own and one bad line
    # cannot stop the others.
    if sys.stdin is None:
        raise CommandError("Không có đầu vào chuẩn để đọc.")
    return getattr(sys.stdin, "buffer", sys.stdin)
