"""ZIP bombs and billion laughs: an .xlsx or .docx is refused before it inflates past its
budget, and no XML entity is ever expanded (issue 9, item 6)."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from lamtheo.core.uploads import check_upload
from lamtheo.core.zipcheck import ZipBudgetError, check_zip_budget, limited_read
from lamtheo.people.imports import build_template, roster_import
from lamtheo.people.imports.reader import UNREADABLE, read_workbook
from lamtheo.people.tests.helpers import excel_saved

BIG = 300 * 1024 * 1024  # what the bomb's shared strings inflate to


def _rewrite(data: bytes, replace: dict[str, bytes] = {}, add: dict[str, bytes] = {}) -> bytes:  # noqa: B006
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, content in add.items():
            dst.writestr(name, content)
    return out.getvalue()


def _bomb_xlsx(size: int = BIG) -> bytes:
    """The roster template whose sharedStrings.xml is `size` bytes of one repeated text,
    compressed about 1000:1, written in chunks so the test itself stays small."""
    template = excel_saved(build_template([], []))
    src, out = zipfile.ZipFile(io.BytesIO(template)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "xl/sharedStrings.xml":
                dst.writestr(item.filename, src.read(item.filename))
        chunk = b"<si><t>" + b"A" * 65_000 + b"</t></si>"
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for _ in range(size // len(chunk)):
                part.write(chunk)
            part.write(b"</sst>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb_xlsx()


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahahahahahahaha">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<si><t>&j;</t></si></sst>"
)


def test_a_bomb_roster_is_refused_in_vietnamese_without_being_inflated(bomb):
    assert len(bomb) < 2 * 1024 * 1024  # a few hundred KB that would be 300 MB
    tracemalloc.start()
    started = time.monotonic()
    try:
        rows, problems = read_workbook(io.BytesIO(bomb), "danh-sach.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 50 * 1024 * 1024
    assert rows == {}
    assert len(problems) == 1
    assert "quá lớn khi giải nén" in problems[0].message
    assert "“danh-sach.xlsx”" in problems[0].message


def test_the_whole_roster_import_refuses_the_bomb_and_changes_nothing(db, bomb):
    from lamtheo.people.models import Person

    actor = User.objects.create_superuser("root", password="x")
    result = roster_import(actor=actor, file=io.BytesIO(bomb), file_name="danh-sach.xlsx")
    assert any("quá lớn khi giải nén" in p.message for p in result.problems)
    assert not Person.objects.exists()


def test_a_part_whose_header_lies_about_its_size_is_cut_at_the_budget():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xml", b"x" * 2_000_000)
    with zipfile.ZipFile(out) as archive:
        with pytest.raises(ZipBudgetError, match="quá lớn khi giải nén"):
            limited_read(archive, "big.xml", 1_000_000)
        assert len(limited_read(archive, "big.xml", 2_000_000)) == 2_000_000


def test_the_budget_counts_members_total_and_ratio():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(20):
            archive.writestr(f"p{i}.xml", b"<a/>")
    with pytest.raises(ZipBudgetError, match="20 phần"):
        check_zip_budget(out, max_total_uncompressed=10**9, max_members=10)
    assert len(check_zip_budget(out, max_total_uncompressed=10**9, max_members=20)) == 20
    with pytest.raises(ZipBudgetError, match="quá giới hạn"):
        check_zip_budget(out, max_total_uncompressed=50)


def test_billion_laughs_in_shared_strings_is_refused_not_expanded():
    data = _rewrite(excel_saved(build_template([], [])), replace={"xl/sharedStrings.xml": LAUGHS})
    tracemalloc.start()
    try:
        rows, problems = read_workbook(io.BytesIO(data), "danh-sach.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == {}
    assert [p.message for p in problems] == [UNREADABLE]
    assert peak < 50 * 1024 * 1024


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML  # openpyxl's own parts (workbook, styles) are read defused too


def _docx() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("bao-cao.docx", "word/media/setup.exe"),
        ("bao-cao.docx", "word/vbaProject.bin"),
        ("bao-cao.docx", "word/embeddings/trang.html"),
        ("bao-cao.docx", "autorun.js"),
        ("bang.xlsx", "xl/vbaProject.bin"),
        ("bang.xlsx", "payload/run.vbs"),
    ],
)
def test_an_office_file_with_a_program_script_or_page_inside_is_refused(name, part):
    make = _docx if name.endswith(".docx") else _xlsx
    data = _rewrite(make(), add={part: b"MZ\x90\x00"})
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, data))
    assert error.value.code == "bad_part"
    assert "không được nhận" in error.value.messages[0]


def test_an_uploaded_bomb_is_refused_in_vietnamese(settings):
    settings.LAMTHEO = {**settings.LAMTHEO, "MAX_UPLOAD_MB": 10}
    data = _rewrite(_xlsx())
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/x.xml", "w") as part:
            for _ in range(40):
                part.write(b"\x00" * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("bang.xlsx", out.getvalue()))
    assert error.value.code == "zip_bomb"
    assert "quá lớn khi giải nén" in error.value.messages[0]


def test_ordinary_office_files_and_printer_settings_still_pass():
    assert check_upload(SimpleUploadedFile("a.docx", _docx())).extension == "docx"
    data = _rewrite(_xlsx(), add={"xl/printerSettings/printerSettings1.bin": b"\x00" * 200})
    assert check_upload(SimpleUploadedFile("b.xlsx", data)).extension == "xlsx"


def test_no_entity_is_expanded_even_a_small_one():
    """Excel never writes a DTD; a workbook declaring entities is refused, not expanded (the
    standard library's parser alone would read this one)."""
    saved = excel_saved(build_template([], []))
    strings = zipfile.ZipFile(io.BytesIO(saved)).read("xl/sharedStrings.xml")
    strings = strings.replace(b"<sst", b'<!DOCTYPE sst [<!ENTITY x "Nguyen Van A">]><sst', 1)
    data = _rewrite(saved, replace={"xl/sharedStrings.xml": strings})
    rows, problems = read_workbook(io.BytesIO(data), "danh-sach.xlsx")
    assert rows == {}
    assert [p.message for p in problems] == [UNREADABLE]


def test_a_shared_string_table_past_its_budget_is_refused(monkeypatch):
    from lamtheo.people.imports import reader

    monkeypatch.setattr(reader, "MAX_SHARED_STRINGS", 1000)
    saved = excel_saved(build_template([], []))
    strings = zipfile.ZipFile(io.BytesIO(saved)).read("xl/sharedStrings.xml")
    padded = strings.replace(b"</sst>", b"<si><t>Nguyen Van An</t></si>" * 100 + b"</sst>")
    data = _rewrite(saved, replace={"xl/sharedStrings.xml": padded})
    rows, problems = read_workbook(io.BytesIO(data), "danh-sach.xlsx")
    assert rows == {}
    assert "quá lớn khi giải nén" in problems[0].message
