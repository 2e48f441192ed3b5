from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.learning.study.selectors import not_studied, topic_figures
from lamtheo.learning.study.tests.helpers import E, P, U, record, schedule, today, topic
from lamtheo.orgs.models import UnitKind
from lamtheo.orgs.services import unit_create
from lamtheo.tests.helpers import make_person


@pytest.fixture
def studied(tree):
    """Sở A studies the topic: in Chi bộ 1, two attended and one is absent with a reason;
    Chi bộ 2 has not recorded."""
    session = schedule(tree)
    record(
        tree, session, {tree.member: P, tree.secretary: P, tree.proxy_member: (E, "Nằm viện", None)}
    )
    return session


def test_the_rate_counts_attended_and_made_up_over_expected(tree, studied):
    f = topic_figures(tree.org, topic())
    assert (f.total.expected, f.total.studied, f.total.excused, f.total.not_recorded) == (
        4,
        2,
        1,
        1,
    )
    assert f.total.rate == 0.5
    rows = {r.unit.code: r.figures for r in f.rows}
    assert rows["CB1"].rate == pytest.approx(2 / 3)
    assert rows["CB2"].rate == 0.0
    record(tree, studied, {tree.proxy_member: (E, "Nằm viện", today())})
    assert topic_figures(tree.org, topic()).total.studied == 3


def test_the_bloc_rolls_up_its_subtree(tree, studied):
    bloc = topic_figures(tree.bloc, topic())
    assert [r.unit.code for r in bloc.rows] == ["DBSA", "CBB"]
    assert bloc.rows[0].figures.studied == 2 and bloc.rows[1].figures.expected == 0


def test_the_named_list_holds_exactly_those_not_studied(tree, studied):
    people = not_studied(tree.org, topic())
    assert {(r.person.full_name, r.state) for r in people} == {
        ("Phạm Văn Dũng", "Vắng có lý do"),
        ("Lê Văn Cường", "Chưa ghi điểm danh"),
    }
    assert len(people) == topic_figures(tree.org, topic()).total.not_studied
    record(tree, studied, {tree.proxy_member: (U, "", None)})
    assert {r.state for r in not_studied(tree.cell, topic())} == {"Vắng không lý do"}


def test_the_figures_page_shows_the_rate_and_one_row_per_child(tree, studied, login):
    page = login(tree.committee_user).get(reverse("learning:study_figures", args=["DBSA"]))
    text = page.content.decode()
    assert (
        "50%" in text and "66,7%" in text and "Chi bộ Phòng 1" in text and "Chi bộ Phòng 2" in text
    )
    assert reverse("learning:study_not_studied", args=["DBSA"]) in text


def test_lagging_units_come_first(tree, studied, login):
    page = login(tree.committee_user).get(
        reverse("learning:study_figures", args=["DBSA"]) + "?cham=1"
    )
    assert [r.unit.code for r in page.context["rows"]] == ["CB2", "CB1"]
    page = login(tree.committee_user).get(
        reverse("learning:study_figures", args=["DBSA"]) + "?sap-xep=-ty-le"
    )
    assert [r.unit.code for r in page.context["rows"]] == ["CB1", "CB2"]


def _grow(tree, n: int) -> None:
    for i in range(n):
        cell = unit_create(code=f"CBG{i}", name=f"Chi bộ G{i}", kind=UnitKind.CELL, parent=tree.org)
        make_person(f"G{i:03d}", f"Trần Văn Giáp {i}", cell, with_user=False)


def test_the_figures_page_takes_the_same_queries_whatever_the_subtree(
    tree, login, django_assert_max_num_queries
):
    client = login(tree.propaganda_user)
    url = reverse("learning:study_figures", args=["DBK"])
    schedule(tree)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    _grow(tree, 25)
    schedule(tree, unit=tree.bloc, actor=tree.propaganda_user)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("learning:study_figures", args=["DBSA"])).status_code == 200


def test_the_export_has_vietnamese_headers_and_a_row_per_child(tree, studied, login):
    response = login(tree.committee_user).get(
        reverse("learning:study_figures_export", args=["DBSA"])
    )
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[3][:5] == (
        "STT",
        "Tổ chức đảng",
        "Số người phải học tập",
        "Đã học tập (kể cả học bù)",
        "Tỷ lệ đã học tập",
    )
    assert rows[4][1] == "Chi bộ Phòng 1" and rows[4][4] == pytest.approx(2 / 3)
    assert rows[6][1] == "Cộng Đảng bộ Sở A"


def test_the_named_list_exports_everyone(tree, studied, login):
    response = login(tree.committee_user).get(
        reverse("learning:study_not_studied_export", args=["DBSA"])
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[3] == (
        "STT",
        "Họ và tên",
        "Chi bộ",
        "Chức vụ, nhiệm vụ",
        "Tình trạng",
        "Lý do vắng",
    )
    assert {r[1] for r in rows[4:]} == {"Phạm Văn Dũng", "Lê Văn Cường"}
    assert ("Phạm Văn Dũng", "Nằm viện") in {(r[1], r[5]) for r in rows[4:]}


@pytest.mark.parametrize("name", ["study_figures", "study_not_studied", "study_not_studied_export"])
def test_the_figures_are_not_found_outside_scope(tree, studied, login, name):
    for user in (tree.outsider.user, tree.other_secretary_user, tree.secretary_user):
        assert login(user).get(reverse(f"learning:{name}", args=["DBSA"])).status_code == 404
    assert (
        login(tree.secretary_user).get(reverse(f"learning:{name}", args=["CB1"])).status_code == 200
    )


def test_the_dashboard_unit_page_links_to_the_figures(tree, login):
    page = login(tree.committee_user).get(reverse("dashboard:unit", args=["DBSA"]))
    assert reverse("learning:study_figures", args=["DBSA"]) in page.content.decode()


def test_the_named_list_page_shows_the_people_and_their_cells(tree, studied, login):
    page = login(tree.propaganda_user).get(
        reverse("learning:study_not_studied", args=["DBSA"]) + f"?chuyen-de={topic().pk}"
    )
    text = page.content.decode()
    assert "2 người" in text and "Phạm Văn Dũng" in text and "Nằm viện" in text
    assert "Lê Văn Cường" in text and "Chưa ghi điểm danh" in text
    assert "Nguyễn Văn An" not in text


def test_a_units_own_topic_not_yet_studied_is_named_above_the_figures_of_the_topic_studied(
    tree, studied, login
):
    from lamtheo.campaign import services as campaign
    from lamtheo.campaign.models import TopicKind

    own = campaign.topic_create(actor=tree.committee_user, unit=tree.org, kind=TopicKind.ANNUAL,
                                year=today().year, title="Chuyên đề riêng của Sở A",
                                summary="Tóm tắt.")  # fmt: skip
    page = login(tree.committee_user).get(
        reverse("learning:study_figures", args=[tree.org.code])).content.decode()  # fmt: skip
    assert f"là “{own.title}”; chưa có buổi học tập nào" in page
    assert topic().title in page  # the figures stay those of the topic actually studied


def test_no_link_to_an_empty_list_of_people_not_studied(tree, login):
    session = schedule(tree)
    record(tree, session, {tree.member: P, tree.secretary: P, tree.proxy_member: P})
    page = login(tree.committee_user).get(
        reverse("learning:study_figures", args=[tree.cell.code])).content.decode()  # fmt: skip
    assert "người chưa học tập</a>" not in page
