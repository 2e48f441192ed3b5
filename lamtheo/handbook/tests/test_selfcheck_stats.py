"""Counts of the self-check: kept with each write, equal to a rebuild, rolled up by path."""

from __future__ import annotations

import io
import random
import re
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from lamtheo.campaign.models import Manifestation
from lamtheo.core.periods import add_months, month_start
from lamtheo.handbook import services
from lamtheo.handbook.figures import rebuild_selfcheck_year
from lamtheo.handbook.models import SelfCheckStat
from lamtheo.handbook.selectors import selfcheck_figures
from lamtheo.orgs.models import UnitKind
from lamtheo.orgs.services import unit_create
from lamtheo.tests.helpers import make_person

MONTH = month_start(date.today())
LAST = add_months(MONTH, -1)


def _snapshot() -> set[tuple]:
    return set(
        SelfCheckStat.objects.values_list("unit_id", "month", "path", "manifestation_id", "count")
    )


def _tick(person, codes, month=MONTH, correction=""):
    from lamtheo.handbook.models import SelfCheck

    ids = [Manifestation.objects.get(group=c[0], number=int(c[1:])).pk for c in codes]
    existing = SelfCheck.objects.filter(person=person, month=month).first()
    return services.selfcheck_save(
        actor=person.user,
        person=person,
        month=month,
        manifestation_ids=ids,
        correction=correction,
        version=existing.version if existing else 0,
    )


def test_maintained_counts_equal_a_rebuild_after_random_changes(tree):
    rng = random.Random(4)
    people = [tree.member, tree.secretary, tree.outsider] + [
        make_person(f"X{i:03}", f"Người Thử {i}", rng.choice([tree.cell, tree.cell2, tree.cell_b]))
        for i in range(6)
    ]
    codes = [m.code for m in Manifestation.objects.all()]
    for _ in range(40):
        person = rng.choice(people)
        month = rng.choice([MONTH, LAST])
        _tick(person, rng.sample(codes, rng.randint(0, 4)), month=month)
    maintained = _snapshot()
    assert maintained  # the random changes left some counts
    for year in {MONTH.year, LAST.year}:
        rebuild_selfcheck_year(year)
    assert _snapshot() == maintained


def test_a_self_check_without_ticks_is_not_counted(tree):
    _tick(tree.member, [], correction="Không có")
    assert not SelfCheckStat.objects.exists()
    _tick(tree.member, ["a1"])
    assert SelfCheckStat.objects.get(manifestation__isnull=True).count == 1


def test_counts_roll_up_per_child_and_per_manifestation(tree):
    _tick(tree.member, ["a1", "b2"])
    _tick(tree.secretary, ["a1"])
    _tick(tree.outsider, ["c9"])
    f = selfcheck_figures(tree.bloc, MONTH)
    assert f.people == 3
    counts = {m.code: n for _label, items in f.groups for m, n in items}
    assert (counts["a1"], counts["b2"], counts["c9"], counts["a2"]) == (2, 1, 1, 0)
    rows = {r.unit.code: r.people for r in f.rows}
    assert rows == {"DBSA": 3, "CBB": 0}
    assert selfcheck_figures(tree.cell2, MONTH).people == 1


def test_the_query_count_does_not_grow_with_the_subtree(tree, django_assert_max_num_queries):
    for i in range(12):
        org = unit_create(
            code=f"O{i}", name=f"Đảng bộ {i}", kind=UnitKind.GRASSROOTS, parent=tree.bloc
        )
        cell = unit_create(code=f"C{i}", name=f"Chi bộ {i}", kind=UnitKind.CELL, parent=org)
        _tick(make_person(f"P{i:03}", f"Người {i}", cell), ["a1"])
    with django_assert_max_num_queries(5):
        f = selfcheck_figures(tree.bloc, MONTH)
    assert f.people == 12 and len(f.rows) == 14


def test_the_counts_page_shows_numbers_and_never_names(tree, login):
    _tick(tree.member, ["b5"], correction="Sẽ không nhận quà biếu")
    client = login(tree.propaganda_user)
    body = client.get(
        reverse("handbook:selfcheck_stats", args=[tree.org.code]), {"thang": f"{MONTH:%Y-%m}"}
    ).content.decode()
    assert "Chi bộ Phòng 1" in body
    assert tree.member.full_name not in body and "quà biếu" not in body
    dashboard = client.get(reverse("dashboard:unit", args=[tree.org.code])).content.decode()
    assert reverse("handbook:selfcheck_stats", args=[tree.org.code]) in dashboard


def test_counts_of_one_or_two_people_are_shown_as_below_three(tree, login):
    _tick(tree.member, ["a1", "b5"])
    _tick(tree.secretary, ["a1"])
    _tick(make_person("P900", "Lê Văn Cường", tree.cell), ["a1"])
    client = login(tree.committee_user)
    body = client.get(
        reverse("handbook:selfcheck_stats", args=[tree.cell.code]), {"thang": f"{MONTH:%Y-%m}"}
    ).content.decode()
    rows = dict(re.findall(r"<td>(a1|b5)</td><td>[^<]*</td><td class=\"num\">([^<]*)</td>", body))
    assert rows == {"a1": "3", "b5": "dưới 3"}


def test_the_counts_export_is_a_workbook_with_vietnamese_headers(tree, login):
    _tick(tree.member, ["b5"])
    response = login(tree.committee_user).get(
        reverse("handbook:selfcheck_stats_export", args=[tree.org.code]),
        {"thang": f"{MONTH:%Y-%m}"},
    )
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Theo tổ chức", "Theo biểu hiện"]
    rows = list(wb["Theo tổ chức"].iter_rows(values_only=True))
    assert rows[3][:4] == (
        "STT",
        "Tổ chức đảng",
        "Số cán bộ, đảng viên",
        "Số người tự nhận có biểu hiện",
    )
    assert (rows[-1][1], rows[-1][3]) == ("Cộng", "dưới 3")
    by_item = {r[0]: r[2] for r in wb["Theo biểu hiện"].iter_rows(values_only=True) if r[0]}
    assert (by_item["b5"], by_item["a1"]) == ("dưới 3", 0)


def test_rebuild_stats_command_rebuilds_the_self_check_counts(tree):
    from django.core.management import call_command

    _tick(tree.member, ["a4"])
    before = _snapshot()
    SelfCheckStat.objects.all().delete()
    call_command("rebuild_stats", "--year", str(MONTH.year), stdout=io.StringIO())
    assert _snapshot() == before
