"""ZIP budgets: an Office file (.xlsx, .docx) is a ZIP archive, and a few megabytes of it can
inflate to gigabytes (a “ZIP bomb”: a 3 MB roster whose shared strings expand to 3 GB). Its
central directory is read before anything is parsed, and the file is refused when the sizes
it declares exceed the caller's budget. The declared sizes can lie, so whoever reads a member
itself reads it through `limited_read`, which stops at the budget whatever the header said.
"""

from __future__ import annotations

import zipfile
from typing import IO

from lamtheo.core.errors import DomainError

MB = 1024 * 1024
# A member above this size may not be more compressed than MAX_RATIO: text compresses about
# 10:1, a bomb 1000:1.
RATIO_FLOOR = 1 * MB
MAX_RATIO = 100
MAX_MEMBERS = 1000
CHUNK = 64 * 1024


class ZipBudgetError(DomainError):
    """The archive would inflate beyond its budget; the message is for the person."""


def _refuse(file_name: str, reason: str) -> ZipBudgetError:
    name = f"“{file_name}” " if file_name else ""
    return ZipBudgetError(
        f"Tệp {name}quá lớn khi giải nén ({reason}), hệ thống không đọc tệp này. "
        "Vui lòng kiểm tra lại tệp, lưu lại bằng Excel hoặc Word rồi gửi lại."
    )


def _megabytes(n: int) -> str:
    return f"{n / MB:.1f}".replace(".", ",") + " MB"


def check_zip_budget(
    file: IO[bytes] | zipfile.ZipFile,
    *,
    max_total_uncompressed: int,
    max_ratio: int = MAX_RATIO,
    max_members: int = MAX_MEMBERS,
    file_name: str = "",
) -> list[zipfile.ZipInfo]:
    """The archive's members, once its central directory shows it stays within the budget;
    ZipBudgetError otherwise (zipfile.BadZipFile when it is no ZIP at all). Nothing is
    decompressed. A file object is left at its start."""
    if isinstance(file, zipfile.ZipFile):
        members = file.infolist()
    else:
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                members = archive.infolist()
        finally:
            file.seek(0)
    if len(members) > max_members:
        raise _refuse(file_name, f"có {len(members)} phần, quá giới hạn {max_members} phần")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > RATIO_FLOOR and size > max_ratio * max(member.compress_size, 1):
            raise _refuse(
                file_name,
                f"phần “{member.filename}” nén {_megabytes(member.compress_size)} "
                f"nhưng giải nén ra {_megabytes(size)}",
            )
    if total > max_total_uncompressed:
        raise _refuse(
            file_name,
            f"giải nén ra {_megabytes(total)}, quá giới hạn {_megabytes(max_total_uncompressed)}",
        )
    return members


class LimitedReader:
    """A member's stream that raises ZipBudgetError once more than `limit` bytes have come
    out of it: the header's size may be a lie, the bytes read are not."""

    def __init__(self, source: IO[bytes], limit: int, file_name: str = "") -> None:
        self.source, self.left, self.file_name, self.limit = source, limit, file_name, limit

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:  # the rest, still chunk by chunk
            out = bytearray()
            while chunk := self.read(CHUNK):
                out += chunk
            return bytes(out)
        data = self.source.read(min(size, self.left + 1))
        self.left -= len(data)
        if self.left < 0:
            raise _refuse(self.file_name, f"một phần giải nén ra hơn {_megabytes(self.limit)}")
        return data

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> LimitedReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def limited_read(archive: zipfile.ZipFile, name: str, limit: int, file_name: str = "") -> bytes:
    """The whole member, read in chunks, refused as soon as it passes `limit` bytes."""
    with LimitedReader(archive.open(name), limit, file_name) as source:
        return source.read()
