from __future__ import annotations

import io
import os
import stat

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from lamtheo.core.uploads import check_upload, store_upload, stored_file_response, stored_path

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def _docx() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [
        (PDF, "ke-hoach.pdf", "pdf"),
        (PNG, "anh.png", "png"),
        (JPG, "anh.jpg", "jpg"),
        (_docx(), "tai-lieu.docx", "docx"),
        (_xlsx(), "bang.xlsx", "xlsx"),
    ],
    # Ids by extension: the generated .docx/.xlsx bytes carry a timestamp, and ids built from
    # them differ between xdist workers, which then refuse to run.
    ids=["pdf", "png", "jpg", "docx", "xlsx"],
)
def test_it_accepts_the_allowed_kinds_by_content(content, name, extension):
    assert check_upload(upload(content, name)).extension == extension


def test_it_judges_by_content_not_by_name():
    assert check_upload(upload(PDF, "doi-ten.docx")).extension == "pdf"
    with pytest.raises(ValidationError, match="không phải là PDF"):
        check_upload(upload(b"MZ\x90\x00 an executable", "ke-hoach.pdf"))


def test_it_refuses_a_zip_that_is_not_an_office_file():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    with pytest.raises(ValidationError):
        check_upload(upload(out.getvalue(), "tai-lieu.docx"))


def test_it_refuses_an_empty_file_and_a_file_over_the_limit(settings):
    with pytest.raises(ValidationError, match="Tệp trống"):
        check_upload(upload(b"", "trong.pdf"))
    settings.LAMTHEO = {**settings.LAMTHEO, "MAX_UPLOAD_MB": 1}
    with pytest.raises(ValidationError, match="vượt quá giới hạn 1 MB"):
        check_upload(upload(PDF + b"0" * (1024 * 1024), "lon.pdf"))


def test_it_stores_under_a_random_name_outside_the_web_root(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    stored = store_upload(actor=None, file=upload(PDF, "../../Kế hoạch số 1.pdf"))
    path = stored_path(stored)
    assert path.read_bytes() == PDF
    assert path.parent.parent == tmp_path and "Kế hoạch" not in str(path)
    assert stored.original_name == "Kế hoạch số 1.pdf"
    assert stored.size == len(PDF)
    response = stored_file_response(None, stored)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_a_right_to_left_override_in_a_file_name_is_dropped(db, settings, tmp_path):
    # "hoađon\u202efdp.exe" is shown as "hoađonexe.pdf"; the stored name says what it is.
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    stored = store_upload(actor=None, file=upload(PDF, "hoađon\u202efdp.exe\u200b.pdf"))
    assert stored.original_name == "hoađonfdp.exe.pdf"


def test_the_form_field_says_in_vietnamese_why_an_empty_or_missing_file_is_refused():
    from django import forms

    from lamtheo.core.uploads import UploadField

    class Form(forms.Form):
        file = UploadField()

    empty = Form(data={}, files={"file": upload(b"", "trong.pdf")})
    assert not empty.is_valid()
    assert empty.errors["file"] == ["Tệp trống, không có nội dung. Chọn lại tệp."]
    missing = Form(data={}, files={})
    assert not missing.is_valid()
    assert missing.errors["file"] == ["Chọn tệp cần tải lên."]


@pytest.mark.django_db
def test_stored_files_are_readable_by_the_owner_only(tmp_path, settings):
    # Issue 9, item 11: a wide umask and a folder made before the rule change nothing.
    root = tmp_path / "uploads"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    settings.PRIVATE_MEDIA_ROOT = root
    old = os.umask(0o022)
    try:
        stored = store_upload(actor=None, file=upload(PDF, "ke-hoach.pdf"))
    finally:
        os.umask(old)
    path = stored_path(stored)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
