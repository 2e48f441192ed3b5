from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.dashboard.exports import PEOPLE_HEADERS
from lamtheo.dashboard.tests.helpers import MARCH


def export(client, code: str, kind: str, **params):
    params.setdefault("thang", f"{MARCH:%Y-%m}")
    return client.get(reverse("dashboard:listing_export", args=[code, kind]), params)


def test_the_named_list_exports_with_vietnamese_headers(played, login):
    response = export(login(played.propaganda_user), "DBK", "chua-nop")
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).active
    assert ws["A1"].value.startswith("Chưa nộp sổ tay")
    assert [c.value for c in ws[4]] == PEOPLE_HEADERS
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    assert [r[1] for r in rows] == ["Trần Thị Bình", "Lê Văn Cường", "Phạm Văn Dũng", "Bùi Thị Lan"]
    assert rows[1][2] == "Chi bộ Phòng 2"
    assert rows[2][4:] == ["Chưa ghi", "Không"]


def test_the_export_keeps_the_search(played, login):
    response = export(login(played.propaganda_user), "DBK", "chua-nop", q="lan")
    ws = load_workbook(BytesIO(response.content)).active
    assert [r[1].value for r in ws.iter_rows(min_row=5)] == ["Bùi Thị Lan"]


def test_the_export_needs_the_right_to_remind_in_scope(played, login):
    assert export(login(played.committee_user), "CBB", "chua-nop").status_code == 404
    assert export(login(played.member_user), "CB1", "chua-nop").status_code == 404
