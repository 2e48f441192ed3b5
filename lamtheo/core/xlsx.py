"""Spreadsheets the way the offices exchange them: .xlsx with a title, a subtitle, one row
of Vietnamese headers and a page set up to print on A4.

Sheets are written in openpyxl's write-only mode, so a list of a whole province stays fast
and light on memory. Every text goes in as a string cell, never as a formula: a name or a
note that begins with "=", "+", "-" or "@" is shown as typed and never run by the
spreadsheet (ARCHITECTURE.md, "every text cell written to .xlsx is a string").
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import TYPE_CHECKING

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lamtheo.core.downloads import attachment_response
from lamtheo.core.vietnamese import printable

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = [
    "HEADER_ROW",
    "PERCENT_FORMAT",
    "XLSX_TYPE",
    "add_sheet",
    "append_row",
    "number_cell",
    "percent_cell",
    "text_cell",
    "workbook_bytes",
    "xlsx_response",
]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT_FORMAT = "0.0%"
NO_RATE = "—"  # a rate with nobody to count, as on the pages

# Title, subtitle, a blank row, then the headers: the row repeated on every printed page.
HEADER_ROW = 4
# The widths (in characters) that still print upright on A4 at a readable size; a wider
# table turns the page sideways.
PORTRAIT_WIDTH = 100


def add_sheet(
    title: str,
    subtitle: str,
    headers: list[str],
    widths: list[int],
    *,
    workbook: Workbook | None = None,
    name: str = "Thống kê",
) -> tuple[Workbook, WriteOnlyWorksheet]:
    """A new sheet (in a new workbook unless one is given) with its title, subtitle and
    header row written, ready for `append_row`."""
    workbook = workbook or Workbook(write_only=True)
    sheet = workbook.create_sheet(name)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    _print_on_a4(sheet, landscape=sum(widths) > PORTRAIT_WIDTH)
    heading = text_cell(sheet, title)
    heading.font = Font(bold=True, size=13)
    sheet.append([heading])
    sheet.append([text_cell(sheet, subtitle)])
    sheet.append([])
    sheet.append([text_cell(sheet, h, bold=True, wrap=True) for h in headers])
    return workbook, sheet


def _print_on_a4(sheet: WriteOnlyWorksheet, *, landscape: bool) -> None:
    # Fit every column on the width of the page (as many pages down as it takes) and
    # repeat the headers on each page, so a printed table is read without the screen.
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def text_cell(
    sheet: WriteOnlyWorksheet, text: str, *, bold: bool = False, wrap: bool = False
) -> WriteOnlyCell:
    """A cell holding `text` as a string, whatever it begins with. Invisible characters are
    left out (core.vietnamese.printable): Excel cannot hold a control character, and one
    stored name must not break a whole export."""
    cell = WriteOnlyCell(sheet, value=printable(text) if isinstance(text, str) else text)
    # openpyxl guesses a formula from a leading "="; the type is set after the value so
    # that the guess is overruled.
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def number_cell(
    sheet: WriteOnlyWorksheet,
    value: float | int | None,
    *,
    number_format: str = "",
    bold: bool = False,
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def percent_cell(sheet: WriteOnlyWorksheet, rate: float | None) -> WriteOnlyCell:
    """A share between 0 and 1 as a number formatted as a percentage (it can be summed and
    charted in the spreadsheet); "—" when nobody is counted."""
    if rate is None:
        return text_cell(sheet, NO_RATE)
    return number_cell(sheet, rate, number_format=PERCENT_FORMAT)


def append_row(sheet: WriteOnlyWorksheet, values: Iterable) -> None:
    """Add a row; every plain text among `values` becomes a string cell."""
    sheet.append([text_cell(sheet, v) if isinstance(v, str) else v for v in values])


def workbook_bytes(workbook: Workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    """The workbook as a download named `filename`."""
    return attachment_response(workbook_bytes(workbook), filename, XLSX_TYPE)
