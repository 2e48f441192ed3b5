"""Uploaded files (study materials, issued documents): checked by content, kept private.

A file is accepted only when its bytes say it is one of the allowed kinds (PDF, DOCX,
XLSX, JPG, PNG) — a renamed .exe is refused whatever its name — and it is at most
`LAMTHEO["MAX_UPLOAD_MB"]`. It is stored under `PRIVATE_MEDIA_ROOT`, outside the web
root, under a random name, readable by the owner only (files 0600, folders 0700); the
person's file name is kept only as a label. Files are served only through
`stored_file_response`, which each app calls after its own scope check, so the URL of a
file is as guarded as the record it belongs to.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import render

from lamtheo.core.downloads import content_disposition
from lamtheo.core.models import StoredFile
from lamtheo.core.vietnamese import nfc
from lamtheo.core.zipcheck import ZipBudgetError, check_zip_budget

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    extension: str
    mime: str
    label: str


KINDS = {
    "pdf": Kind("pdf", "application/pdf", "PDF"),
    "docx": Kind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (.docx)",
    ),
    "xlsx": Kind(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"
    ),
    "jpg": Kind("jpg", "image/jpeg", "ảnh JPG"),
    "png": Kind("png", "image/png", "ảnh PNG"),
}
ALLOWED_LABEL = "PDF, Word (.docx), Excel (.xlsx), ảnh JPG hoặc PNG"
ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# An Office file inflates to a few times its size (its pictures do not shrink at all); a ZIP
# bomb of a few MB inflates to gigabytes in whoever opens it.
MAX_OFFICE_UNCOMPRESSED = 200 * 1024 * 1024
MAX_OFFICE_MEMBERS = 2000
# The parts a Word document or a workbook has; anything else has no business in one.
OFFICE_PARTS = {"docx": "word/", "xlsx": "xl/"}
COMMON_PARTS = ("_rels/", "docProps/", "customXml/")
# Programs, scripts and web pages are refused wherever they sit; so are binary parts (macros
# in vbaProject.bin, OLE packages) except a printer's settings, which Excel and Word keep.
FORBIDDEN_ENDINGS = (
    ".exe", ".dll", ".js", ".vbs", ".html", ".htm", ".bin", ".bat", ".cmd", ".com", ".scr",
    ".ps1", ".jar", ".msi", ".hta", ".wsf", ".lnk",
)  # fmt: skip
ALLOWED_BINARY = "/printerSettings/"


def max_upload_bytes() -> int:
    return settings.LAMTHEO["MAX_UPLOAD_MB"] * 1024 * 1024


def detect_kind(head: bytes, file) -> Kind | None:
    """The allowed kind the bytes show, or None. Office files are ZIP archives: the
    part names inside tell a Word document from a workbook (and from any other ZIP)."""
    if head.startswith(b"%PDF-"):
        return KINDS["pdf"]
    guess = filetype.guess(head)
    if guess is not None and guess.extension in ("jpg", "png"):
        return KINDS[guess.extension]
    if head.startswith(b"PK\x03\x04"):
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return KINDS["docx"]
            if "xl/workbook.xml" in names:
                return KINDS["xlsx"]
    return None


def check_office_parts(file, kind: Kind) -> None:
    """A .docx or .xlsx is refused (ValidationError) when its ZIP would inflate beyond the
    budget or it holds a part no such file has: a program, a script, a web page, a macro."""
    try:
        members = check_zip_budget(
            file,
            max_total_uncompressed=MAX_OFFICE_UNCOMPRESSED,
            max_members=MAX_OFFICE_MEMBERS,
            file_name=nfc(Path(getattr(file, "name", "") or "").name),
        )
    except ZipBudgetError as error:
        raise ValidationError(error.message, code="zip_bomb") from error
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError("Không đọc được tệp: tệp bị hỏng.", code="bad_type") from error
    allowed = (OFFICE_PARTS[kind.extension], *COMMON_PARTS)
    for member in members:
        name = member.filename
        lower = name.lower()
        binary_ok = lower.endswith(".bin") and ALLOWED_BINARY.lower() in lower
        if (
            "\\" in name
            or ".." in name.split("/")
            or not (name == "[Content_Types].xml" or name.startswith(allowed))
            or (lower.endswith(FORBIDDEN_ENDINGS) and not binary_ok)
        ):
            raise ValidationError(
                f"Tệp {kind.label} này chứa phần “{name[:100]}” không có trong một tệp "
                f"{kind.label} thông thường (chương trình, mã lệnh, macro hoặc trang web), "
                "nên không được nhận. Hãy mở tệp bằng Word hoặc Excel, lưu lại rồi gửi lại.",
                code="bad_part",
            )


def check_upload(file) -> Kind:
    """The file's kind, or a ValidationError saying in Vietnamese why it is refused."""
    size = getattr(file, "size", None) or 0
    if size == 0:
        raise ValidationError("Tệp trống, không có nội dung. Chọn lại tệp.", code="empty")
    limit = settings.LAMTHEO["MAX_UPLOAD_MB"]
    if size > max_upload_bytes():
        megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise ValidationError(
            f"Tệp nặng {megabytes} MB, vượt quá giới hạn {limit} MB. Hãy nén hoặc chia nhỏ tệp.",
            code="too_big",
        )
    file.seek(0)
    head = file.read(262)
    file.seek(0)
    kind = detect_kind(head, file)
    if kind is None:
        raise ValidationError(
            f"Nội dung tệp không phải là {ALLOWED_LABEL} (hệ thống kiểm tra nội dung tệp, "
            "không chỉ đuôi tên tệp).",
            code="bad_type",
        )
    if kind.extension in OFFICE_PARTS:
        check_office_parts(file, kind)
    return kind


class UploadField(forms.FileField):
    """A form field that runs `check_upload` and leaves the detected kind on the file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        kwargs.setdefault("error_messages", {
            "required": "Chọn tệp cần tải lên.",
            "empty": "Tệp trống, không có nội dung. Chọn lại tệp.",
            "invalid": "Không đọc được tệp đã gửi. Chọn lại tệp.",
            "missing": "Không nhận được tệp. Chọn lại tệp.",
            "max_length": "Tên tệp quá dài (tối đa %(max)d ký tự, tên này có %(length)d).",
            "contradiction": "Hoặc chọn tệp mới, hoặc đánh dấu xóa tệp, không làm cả hai.",
        })  # fmt: skip
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file and file is not initial:
            file.lamtheo_kind = check_upload(file)
        return file


def _clean_name(name: str, kind: Kind) -> str:
    # Control and format characters go (a right-to-left override makes "hoađon\u202efdp.exe"
    # read as "hoađonexe.pdf"), as they do from every typed text (core.forms).
    name = "".join(ch for ch in nfc(name or "") if unicodedata.category(ch)[0] != "C")
    base = Path(name).name.replace("/", "_").replace("\\", "_").strip()
    base = base[:150] or "tep"
    if not base.lower().endswith(f".{kind.extension}"):
        stem = base.rsplit(".", 1)[0] if "." in base else base
        base = f"{stem}.{kind.extension}"
    return base


def store_upload(*, actor, file) -> StoredFile:
    """Save a checked upload under a random name outside the web root."""
    kind = getattr(file, "lamtheo_kind", None) or check_upload(file)
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    key = secrets.token_hex(16)
    folder = root / key[:2]
    _private_folder(root)
    _private_folder(folder)
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    handle = os.open(folder / key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(handle, "wb") as out:
        for chunk in (
            file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(65536), b"")
        ):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return StoredFile.objects.create(
        key=key,
        original_name=_clean_name(getattr(file, "name", ""), kind),
        content_type=kind.mime,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o777 != PRIVATE_FOLDER:
        folder.chmod(PRIVATE_FOLDER)  # made before this rule, or under a wide umask


def make_private(top: Path) -> None:
    """Make `top` and everything under it readable by the owner only: a folder of stored
    files made before the rule, or a copy of one."""
    top.chmod(PRIVATE_FOLDER if top.is_dir() else PRIVATE_FILE)
    for folder, dirs, files in os.walk(top):
        for name in dirs:
            Path(folder, name).chmod(PRIVATE_FOLDER)
        for name in files:
            Path(folder, name).chmod(PRIVATE_FILE)


def stored_path(stored: StoredFile) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / stored.key[:2] / stored.key


def discard_upload(stored: StoredFile) -> None:
    """Remove a file kept only for a while (a roster waiting for its column mapping): the
    file from the disk, then its record."""
    stored_path(stored).unlink(missing_ok=True)
    stored.delete()


def stored_file_response(request, stored: StoredFile, *, inline: bool = False) -> HttpResponse:
    """Send a stored file. Call only after the caller's own scope check."""
    try:
        handle = open(stored_path(stored), "rb")
    except FileNotFoundError:
        # The record is there but not the file (a restore without the uploads folder):
        # say so plainly, and tell the operator in the log.
        logger.error("Stored file %s (key %s) is missing on disk", stored.pk, stored.key)
        return render(request, "core/file_missing.html", {"stored": stored}, status=404)
    response = FileResponse(handle, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition(stored.original_name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
