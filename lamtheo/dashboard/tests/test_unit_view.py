from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheo.core.periods import add_months, month_start, today
from lamtheo.dashboard.models import CellYearStat
from lamtheo.dashboard.selectors import Figures
from lamtheo.dashboard.tests.helpers import YEAR, build_big_tree, open_year, register
from lamtheo.tests.helpers import fill

MAX_QUERIES = 15  # two of them the inspection figures' summary, up to two the discipline counts


def url(code: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("dashboard:unit", args=[code]) + (f"?{query}" if query else "")


def row_names(response) -> list[str]:
    return [r.unit.name for r in response.context["rows"]]


def test_the_bloc_dashboard_shows_the_headline_rates(played, login):
    response = login(played.propaganda_user).get(url("DBK", thang=f"{YEAR}-03"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đảng bộ Khối các cơ quan tỉnh" in html
    assert "Tỷ lệ nộp sổ tay tháng 03/" in html
    assert "20%" in html  # 1 of 5 submitted March
    assert "60%" in html  # 3 of 5 registered
    assert row_names(response) == ["Đảng bộ Sở A", "Chi bộ cơ sở B"]


def test_the_committee_member_sees_the_cells_of_the_organization(played, login):
    response = login(played.committee_user).get(url("DBSA", thang=f"{YEAR}-03"))
    html = response.content.decode()
    assert row_names(response) == ["Chi bộ Phòng 1", "Chi bộ Phòng 2"]
    assert "33,3%" in html  # Chi bộ Phòng 1: 1 of 3
    assert reverse("dashboard:unit", args=["CB1"]) in html


def test_a_cell_page_shows_its_figures_and_links_to_its_roster(played, login):
    response = login(played.committee_user).get(url("CB1", thang=f"{YEAR}-03"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["figures"].total.expected == 3
    assert "Các đơn vị trực thuộc" not in response.content.decode()


def test_a_cell_page_links_to_the_cells_roster(played, login):
    roster = reverse("orgs:unit", args=["CB1"])
    response = login(played.committee_user).get(url("CB1"))
    assert f'href="{roster}"' in response.content.decode()


def test_the_roster_link_is_not_offered_to_those_who_cannot_open_it(played, login):
    # Propaganda officers read the figures, not each person's records.
    client = login(played.propaganda_user)
    assert client.get(reverse("orgs:unit", args=["CB1"])).status_code == 404
    assert reverse("orgs:unit", args=["CB1"]) not in client.get(url("CB1")).content.decode()


def test_breadcrumbs_stop_at_the_users_own_top_unit(played, login):
    committee = login(played.committee_user).get(url("CB1"))
    assert [u.code for u in committee.context["breadcrumbs"]] == ["DBSA"]
    propaganda = login(played.propaganda_user).get(url("CB1"))
    assert [u.code for u in propaganda.context["breadcrumbs"]] == ["DBK", "DBSA"]


@pytest.mark.parametrize("code", ["CBB", "DBK"])
def test_a_committee_member_cannot_open_a_unit_outside_the_organization(played, login, code):
    assert login(played.committee_user).get(url(code)).status_code == 404


def test_someone_with_no_role_gets_404_for_every_dashboard(played, login):
    client = login(played.outsider.user)
    for code in ("DBK", "DBSA", "CB2", "CBB"):
        assert client.get(url(code)).status_code == 404


def test_an_unknown_unit_is_404(played, login):
    assert login(played.propaganda_user).get(url("KHONG-CO")).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(played, client):
    response = client.get(url("DBK"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_sorting_by_submission_rate_descending(played, login):
    response = login(played.propaganda_user).get(
        url("DBK", thang=f"{YEAR}-03", **{"sap-xep": "-nop"})
    )
    assert row_names(response) == ["Đảng bộ Sở A", "Chi bộ cơ sở B"]
    response = login(played.propaganda_user).get(
        url("DBK", thang=f"{YEAR}-03", **{"sap-xep": "nop"})
    )
    assert row_names(response) == ["Chi bộ cơ sở B", "Đảng bộ Sở A"]


def test_a_sorted_column_link_reverses_the_order(played, login):
    response = login(played.propaganda_user).get(url("DBK", **{"sap-xep": "nop"}))
    columns = response.context["columns"]
    assert "sap-xep=-nop" in columns["nop"]["query"]
    assert columns["nop"]["aria"] == "ascending"
    assert "sap-xep=dang-ky" in columns["dang-ky"]["query"]


def test_lagging_units_come_first_on_request(played, login):
    client = login(played.committee_user)
    register(played, played.proxy_member, actor=played.secretary_user)
    plain = client.get(url("DBSA", thang=f"{YEAR}-03"))
    lagging = client.get(url("DBSA", thang=f"{YEAR}-03", cham=1))
    assert row_names(plain) == ["Chi bộ Phòng 1", "Chi bộ Phòng 2"]
    assert row_names(lagging) == ["Chi bộ Phòng 2", "Chi bộ Phòng 1"]  # 0% before 33%


@pytest.mark.parametrize(
    "params",
    [
        {"thang": "abc"},
        {"nam": "99999"},
        {"nam": "abc"},
        {"thang": "2026-13"},
        {"thang": "9999-01"},
        {"sap-xep": "khong-co"},
        {"cham": "xyz"},
        {"nam": "1999"},
        {"thang": "0000-01"},
        {"nam": "٢٠٢٥"},
    ],
)
def test_bad_parameters_fall_back_to_the_default_month(played, login, params):
    response = login(played.propaganda_user).get(reverse("dashboard:unit", args=["DBK"]), params)
    assert response.status_code == 200
    assert response.context["month"] == add_months(month_start(today()), -1)


def test_a_future_month_is_not_offered(played, login):
    response = login(played.propaganda_user).get(url("DBK", nam=today().year))
    offered = response.context["months"]
    assert offered[-1] <= month_start(today())
    assert f'value="{add_months(month_start(today()), 1):%Y-%m}"' not in (response.content.decode())


def test_a_past_year_opens_on_december(played, login):
    response = login(played.propaganda_user).get(url("DBK", nam=YEAR))
    assert response.context["month"] == date(YEAR, 12, 1)
    assert len(response.context["months"]) == 12


def test_a_year_never_opened_reads_as_zeros_and_the_page_writes_nothing(tree, login):
    year = YEAR - 1
    client = login(tree.propaganda_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("DBK", nam=year))
    assert response.status_code == 200
    assert [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")] == []
    assert response.context["figures"].total == Figures()
    assert not CellYearStat.objects.filter(year=year).exists()


def test_a_year_opened_by_the_yearly_command_shows_its_figures(tree, login):
    year = YEAR - 1
    call_command("open_year", str(year), stdout=StringIO())
    response = login(tree.propaganda_user).get(url("DBK", nam=year))
    assert response.context["figures"].total.expected == 5
    call_command("open_year", str(year), stdout=StringIO())  # a second run changes nothing
    assert CellYearStat.objects.filter(year=year).count() == 3


def test_the_chart_is_an_image_linking_to_the_month_by_month_page(played, login):
    response = login(played.propaganda_user).get(url("DBK", thang=f"{YEAR}-03"))
    html = response.content.decode()
    chart = reverse("dashboard:chart", args=["DBK"])
    assert f'src="{chart}?thang={YEAR}-03"' in html
    assert f'href="{reverse("dashboard:months", args=["DBK"])}?thang={YEAR}-03"' in html


def test_the_on_time_share_counts_entries_submitted_by_the_due_day(tree, login, settings):
    settings.LAMTHEO = {**settings.LAMTHEO, "HANDBOOK_OPEN_DAY": 1}  # open whatever the day
    this_month = month_start(today())
    open_year(this_month.year)
    register(tree, tree.member, year=this_month.year)
    fill(tree.member, this_month)  # submitted now: well before the 5th of next month
    response = login(tree.secretary_user).get(url("CB1", thang=f"{this_month:%Y-%m}"))
    t = response.context["figures"].total
    assert (t.submitted, t.on_time) == (1, 1)
    assert t.on_time_rate == 1.0


def test_the_dashboard_query_count_does_not_grow_with_the_subtree(
    played, login, django_assert_max_num_queries
):
    client = login(played.propaganda_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        small = client.get(url("DBK", thang=f"{YEAR}-03"))
    build_big_tree(played, cells=12, people_per_cell=2)
    with django_assert_max_num_queries(MAX_QUERIES):
        big = client.get(url("DBK", thang=f"{YEAR}-03"))
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url("DBL", thang=f"{YEAR}-03", cham=1))
    assert small.context["figures"].total.members == 5
    assert big.context["figures"].total.members == 5 + 24


def test_the_cell_dashboard_query_count_is_small(played, login, django_assert_max_num_queries):
    client = login(played.secretary_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url("CB1", thang=f"{YEAR}-03")).status_code == 200


def test_the_documents_count_is_offered_only_to_those_who_issue_documents(played, login):
    counts = reverse("documents:counts", args=["DBSA"])
    assert counts in login(played.committee_user).get(url("DBSA")).content.decode()
    assert counts not in login(played.admin_user).get(url("DBSA")).content.decode()


def test_every_card_of_a_page_counts_the_same_people_for_the_month_it_names(played, login):
    """November: Dũng is exempt (in the cell, not counted), An moves to another cell in
    December and Hoa joins in December. A population taken in December, or one counting
    the exempt, would give the cards different denominators."""
    from lamtheo.dashboard.selectors import LISTINGS, listing_people
    from lamtheo.people.services import person_exempt, person_transfer
    from lamtheo.tests.helpers import make_person

    november, december = date(YEAR, 11, 1), date(YEAR, 12, 1)
    person_exempt(actor=played.admin_user, person=played.proxy_member,
                  start_month=date(YEAR, 10, 1), reason="Ốm dài ngày")  # fmt: skip
    person_transfer(actor=played.admin_user, person=played.member, to_cell=played.cell2,
                    month=december)  # fmt: skip
    make_person("HOA1", "Lê Thị Hoa", played.cell, with_user=False, start=december)
    fill(played.member, november)

    def check():
        response = login(played.committee_user).get(url("CB1", thang=f"{YEAR}-11"))
        t = response.context["figures"].total
        # An and Bình, not Dũng (exempt) nor Hoa (from December)
        assert (t.members, t.expected, t.registered, t.submitted) == (3, 2, 2, 1)
        html = response.content.decode()
        assert f"Số liệu tháng 11/{YEAR}: mọi tỷ lệ dưới đây tính trên cùng 2 cán bộ" in html
        assert "không tính 1 người được miễn công tác và sinh hoạt đảng" in html
        assert "2/2 người đã nộp bản đăng ký" in html and "1/2 người đã nộp" in html
        for kind in ("chua-dang-ky", "chua-nop"):
            people = listing_people(played.cell, LISTINGS[kind], november)
            missing = t.not_registered if kind == "chua-dang-ky" else t.not_submitted
            assert people.count() == missing
        assert t.not_registered == 0 and t.not_submitted == 1

    check()
    call_command("rebuild_stats", stdout=StringIO())  # the rebuilt rows say the same
    check()


def test_the_returned_list_is_a_link_only_when_someone_is_on_it(played, login):
    client = login(played.committee_user)
    for code, returned in (("CB1", True), ("CB2", False)):
        html = client.get(url(code, thang=f"{YEAR}-03")).content.decode()
        link = reverse("dashboard:listing", args=[code, "tra-lai"])
        assert (link in html) is returned
        assert ("Không có sổ tay nào bị trả lại" in html) is not returned
