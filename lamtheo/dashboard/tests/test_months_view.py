from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.dashboard.tests.helpers import YEAR, build_big_tree
from lamtheo.tests.helpers import make_person


def get(client, code: str, **params):
    return client.get(reverse("dashboard:months", args=[code]), params)


def test_it_shows_each_child_units_rate_month_by_month(played, login):
    response = get(login(played.committee_user), "DBSA", nam=YEAR)
    assert response.status_code == 200
    monthly = response.context["monthly"]
    assert [r.unit.code for r in monthly.rows] == ["CB1", "CB2"]
    assert len(monthly.months) == 12
    html = response.content.decode()
    assert "33,3%" in html  # Chi bộ Phòng 1 in March
    assert "<svg" in html  # the chart, inline on this page


def test_the_review_rates_are_one_click_away(played, login):
    response = get(login(played.committee_user), "DBSA", nam=YEAR, **{"chi-so": "nhan-xet"})
    assert response.context["metric"] == "nhan-xet"
    bad = get(login(played.committee_user), "DBSA", **{"chi-so": "xyz"})
    assert bad.context["metric"] == "nop"


def test_it_is_scoped(played, login):
    assert get(login(played.committee_user), "CBB").status_code == 404
    assert get(login(played.outsider.user), "CB2").status_code == 404


def test_its_query_count_does_not_grow_with_the_subtree(
    played, login, django_assert_max_num_queries
):
    client = login(played.propaganda_user)
    with django_assert_max_num_queries(10):
        get(client, "DBK", nam=YEAR)
    build_big_tree(played, cells=20, people_per_cell=2)
    with django_assert_max_num_queries(10):
        get(client, "DBK", nam=YEAR)


def test_the_export_has_a_sheet_per_rate_with_a_column_per_month(played, login):
    response = login(played.committee_user).get(
        reverse("dashboard:months_export", args=["DBSA"]), {"nam": YEAR}
    )
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["Tỷ lệ nộp sổ tay", "Tỷ lệ đã nhận xét"]
    ws = wb["Tỷ lệ nộp sổ tay"]
    headers = [c.value for c in ws[4]]
    assert headers[:3] == ["STT", "Tổ chức đảng", f"Tháng 01/{YEAR}"]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=5)}
    assert abs(rows["Chi bộ Phòng 1"][2 + 2].value - 1 / 3) < 1e-9  # March
    assert rows["Cộng Đảng bộ Sở A"][2 + 2].value == 0.25


def test_a_cell_exports_its_own_months(played, login):
    make_person("X1", "Hà Văn Mới", played.cell2, with_user=False)
    response = login(played.secretary_user).get(
        reverse("dashboard:months_export", args=["CB1"]), {"nam": YEAR}
    )
    ws = load_workbook(BytesIO(response.content))["Tỷ lệ nộp sổ tay"]
    assert [r[1].value for r in ws.iter_rows(min_row=5)] == ["Chi bộ Phòng 1"]
