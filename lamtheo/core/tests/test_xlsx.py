from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from lamtheo.core.xlsx import (
    HEADER_ROW,
    PERCENT_FORMAT,
    XLSX_TYPE,
    add_sheet,
    append_row,
    number_cell,
    percent_cell,
    text_cell,
    workbook_bytes,
    xlsx_response,
)


def read_back(workbook):
    return load_workbook(BytesIO(workbook_bytes(workbook)))


def a_sheet(widths=(6, 40), **kwargs):
    return add_sheet("Tiêu đề", "Dòng phụ", ["STT", "Tên"], list(widths), **kwargs)


@pytest.mark.parametrize(
    "text", ["=1+1", "+84 912 345 678", "-5", "@SUM(A1:A2)", '=HYPERLINK("x")']
)
def test_a_text_that_looks_like_a_formula_is_stored_as_a_string(text):
    workbook, sheet = a_sheet()
    sheet.append([text_cell(sheet, text)])
    cell = read_back(workbook).active.cell(row=HEADER_ROW + 1, column=1)
    assert cell.value == text
    assert cell.data_type == "s"


def test_append_row_writes_every_plain_text_as_a_string():
    workbook, sheet = a_sheet()
    append_row(sheet, [1, "=1+1", None, 2.5])
    row = read_back(workbook).active[HEADER_ROW + 1]
    assert [c.value for c in row] == [1, "=1+1", None, 2.5]
    assert row[1].data_type == "s"


def test_the_sheet_has_its_title_subtitle_and_headers():
    workbook, _sheet = a_sheet(name="Danh sách")
    sheet = read_back(workbook)["Danh sách"]
    assert sheet["A1"].value == "Tiêu đề" and sheet["A1"].font.bold
    assert sheet["A2"].value == "Dòng phụ"
    assert [c.value for c in sheet[HEADER_ROW]] == ["STT", "Tên"]
    assert sheet.column_dimensions["B"].width == 40


def test_a_narrow_table_prints_upright_on_a4_with_the_headers_on_every_page():
    sheet = read_back(a_sheet()[0]).active
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # "9": A4
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0


def test_a_wide_table_prints_sideways():
    sheet = read_back(a_sheet(widths=(6, 42, 14, 14, 14, 14, 14))[0]).active
    assert sheet.page_setup.orientation == "landscape"


def test_a_second_sheet_goes_into_the_same_workbook():
    workbook, _first = a_sheet(name="Một")
    same, _second = a_sheet(workbook=workbook, name="Hai")
    assert same is workbook
    assert read_back(workbook).sheetnames == ["Một", "Hai"]


def test_a_rate_is_a_number_formatted_as_a_percentage_and_none_is_a_dash():
    workbook, sheet = a_sheet()
    sheet.append([percent_cell(sheet, 0.25), percent_cell(sheet, None)])
    rate, missing = read_back(workbook).active[HEADER_ROW + 1]
    assert rate.value == 0.25 and rate.number_format == PERCENT_FORMAT
    assert missing.value == "—"


def test_a_number_cell_keeps_its_format():
    workbook, sheet = a_sheet()
    sheet.append(
        [number_cell(sheet, 1234), number_cell(sheet, 0.5, number_format="0.00", bold=True)]
    )
    plain, formatted = read_back(workbook).active[HEADER_ROW + 1]
    assert plain.value == 1234 and plain.data_type == "n"
    assert formatted.number_format == "0.00" and formatted.font.bold


def test_a_bold_wrapped_text_cell():
    workbook, sheet = a_sheet()
    sheet.append([text_cell(sheet, "Cộng", bold=True, wrap=True)])
    cell = read_back(workbook).active.cell(row=HEADER_ROW + 1, column=1)
    assert cell.font.bold and cell.alignment.wrap_text


def test_the_response_is_an_xlsx_download_with_its_file_name():
    response = xlsx_response(a_sheet()[0], "thong-ke-CB1-2026-03.xlsx")
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-CB1-2026-03.xlsx"'
    assert load_workbook(BytesIO(response.content)).active["A1"].value == "Tiêu đề"
