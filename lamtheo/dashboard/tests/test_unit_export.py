from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.core.xlsx import XLSX_TYPE
from lamtheo.dashboard.exports import UNIT_HEADERS
from lamtheo.dashboard.tests.helpers import MARCH


def export(client, code: str, **params):
    params.setdefault("thang", f"{MARCH:%Y-%m}")
    return client.get(reverse("dashboard:unit_export", args=[code]), params)


def sheet(response):
    return load_workbook(BytesIO(response.content)).active


def test_the_table_exports_with_vietnamese_headers_and_a_title(played, login):
    response = export(login(played.committee_user), "DBSA")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    ws = sheet(response)
    assert "Đảng bộ Sở A" in ws["A1"].value and f"Tháng 03/{MARCH.year}" in ws["A1"].value
    assert [c.value for c in ws[4]] == UNIT_HEADERS
    assert "Tỷ lệ nộp sổ tay" in UNIT_HEADERS


def test_rates_are_numbers_formatted_as_percentages(played, login):
    ws = sheet(export(login(played.committee_user), "DBSA"))
    rows = {r[1].value: r for r in ws.iter_rows(min_row=5)}
    cb1 = rows["Chi bộ Phòng 1"]
    submitted_rate = cb1[UNIT_HEADERS.index("Tỷ lệ nộp sổ tay")]
    assert abs(submitted_rate.value - 1 / 3) < 1e-9
    assert submitted_rate.number_format == "0.0%"
    total = rows["Cộng Đảng bộ Sở A"]
    assert total[UNIT_HEADERS.index("Số người phải thực hiện")].value == 4
    assert total[UNIT_HEADERS.index("Tỷ lệ nộp sổ tay")].value == 0.25


def test_the_export_follows_the_chosen_order(played, login):
    ws = sheet(export(login(played.committee_user), "DBSA", cham="1"))
    assert [r[1].value for r in ws.iter_rows(min_row=5, max_row=6)] == [
        "Chi bộ Phòng 2",
        "Chi bộ Phòng 1",
    ]


def test_a_rate_with_nobody_to_count_is_a_dash(played, login):
    ws = sheet(export(login(played.committee_user), "CB2"))
    row = list(ws.iter_rows(min_row=5, max_row=5))[0]
    assert row[UNIT_HEADERS.index("Tỷ lệ đã nhận xét")].value == "—"


def test_a_cell_exports_its_own_row(played, login):
    ws = sheet(export(login(played.secretary_user), "CB1"))
    rows = [r for r in ws.iter_rows(min_row=5) if r[1].value]
    assert [r[1].value for r in rows] == ["Chi bộ Phòng 1"]


def test_the_export_is_scoped_like_the_page(played, login):
    assert export(login(played.committee_user), "CBB").status_code == 404
    assert export(login(played.outsider.user), "CB2").status_code == 404


def test_bad_parameters_still_export(played, login):
    response = export(login(played.propaganda_user), "DBK", thang="abc", **{"sap-xep": "x"})
    assert response.status_code == 200
    assert sheet(response)["A1"].value.startswith("Kết quả học tập và làm theo Bác")
