"""Builders of workbooks for the import tests and bench/import_rate.py."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from unittest import mock

from lamtheo.people.imports import build_template, roster_import

INLINE_CELL = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"><is><t>(.*?)</t></is></c>'
)
EMPTY_CELL = re.compile(rb'<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")? t="inlineStr"></c>')
SST = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def excel_saved(data: bytes) -> bytes:
    """The workbook as Excel saves it: text in the shared-string table, not in the cells
    (openpyxl writes inline strings; both must read the same)."""
    strings: dict[bytes, int] = {}

    def shared(m: re.Match) -> bytes:
        index = strings.setdefault(m[3], len(strings))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (m[1], m[2] or b"", index)

    src, out = zipfile.ZipFile(BytesIO(data)), BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = INLINE_CELL.sub(shared, EMPTY_CELL.sub(b"", body))
            elif item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" '
                    b'ContentType="application/vnd.openxmlformats-officedocument'
                    b'.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Type="%s" '
                    b'Target="sharedStrings.xml" Id="rIdSst"/></Relationships>' % SST,
                )
            dst.writestr(item, body)
        table = b"".join(b"<si><t>%s</t></si>" % text for text in strings)
        dst.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main">%s</sst>' % table,
        )
    return out.getvalue()


def xlsx(units=(), people=()) -> BytesIO:
    """A roster workbook of these rows, as the downloadable template lays them out. Cells
    keep what they are given, invisible characters too (the exports leave those out): the
    tests write what a hand-made file may carry."""
    with mock.patch("lamtheo.core.xlsx.printable", lambda text: text):
        return BytesIO(build_template(units, people))


def run(actor, units=(), people=(), name="danh-sach.xlsx"):
    return roster_import(actor=actor, file=xlsx(units, people), file_name=name)


def with_part(data: bytes, part: str, edit) -> bytes:
    """The workbook with one of its ZIP parts (e.g. "xl/worksheets/sheet2.xml", the sheet
    “Nhân sự” of the template) changed by `edit(bytes) -> bytes`, as another program could
    have written it."""
    src, out = zipfile.ZipFile(BytesIO(data)), BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            dst.writestr(item, edit(body) if item.filename == part else body)
    return out.getvalue()
