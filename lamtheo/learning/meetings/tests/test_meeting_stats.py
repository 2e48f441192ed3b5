from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheo.core import figures
from lamtheo.core.periods import add_months, month_start
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings import services as s
from lamtheo.learning.meetings.figures import rebuild_meeting_year
from lamtheo.learning.meetings.models import CellMeeting, CellMeetingStat, MeetingKind
from lamtheo.learning.meetings.selectors import cells_without_meeting, meeting_unit_figures
from lamtheo.learning.meetings.tests.helpers import make_meeting, meeting_input
from lamtheo.orgs.models import RoleKind, UnitKind
from lamtheo.orgs.services import role_grant, unit_create

FIELDS = ("unit_id", "month", "path", "held", "with_content", "thematic", "invited", "present")


@pytest.fixture
def meeting(tree):
    return make_meeting(tree)


def _rows(year: int) -> set[tuple]:
    return set(CellMeetingStat.objects.filter(month__year=year).values_list(*FIELDS))


def test_maintained_figures_equal_a_rebuild_after_random_changes(tree):
    rng = random.Random(7)
    today = date.today()
    months = [m for m in (add_months(month_start(today), -k) for k in range(1, 4))
              if m.year == today.year] or [month_start(today)]  # fmt: skip
    year = months[0].year
    role_grant(actor=None, user=tree.outsider.user, unit=tree.cell2, kind=RoleKind.SECRETARY)
    figures.open_year(year)
    actors = {
        tree.cell.pk: (tree.secretary_user, tree.secretary, tree.member),
        tree.cell2.pk: (tree.outsider.user, tree.outsider, None),
    }
    for _ in range(25):
        cell = rng.choice([tree.cell, tree.cell2])
        user, chair, clerk = actors[cell.pk]
        month = rng.choice(months)
        kind = rng.choice(list(MeetingKind))
        existing = CellMeeting.objects.filter(unit=cell, month=month, kind=kind).first()
        data = meeting_input(tree, kind=kind, held_on=min(month + timedelta(days=3), today),
                             chair=chair, clerk=clerk, topic_studied=rng.random() < .5,
                             self_check=rng.random() < .3)  # fmt: skip
        if existing is None:
            s.meeting_create(actor=user, unit=cell, data=data)
        elif rng.random() < 0.5:
            s.meeting_update(actor=user, meeting=existing, data=data, version=existing.version)
        else:
            people = s.expected_people(cell, month)
            marks = {p.pk: s.Mark(rng.choice(list(AttendanceStatus)), "Ốm") for p in people}
            s.meeting_record_attendance(
                actor=user, meeting=existing, marks=marks, version=existing.version
            )
    maintained = _rows(year)
    rebuild_meeting_year(year)
    assert maintained == _rows(year)
    assert any(row[3] for row in maintained)  # the changes did reach the figures


def test_figures_roll_up_by_child_unit(tree, meeting):
    fig = meeting_unit_figures(tree.bloc, meeting.month)
    assert (fig.total.cells, fig.total.held) == (3, 1)
    by_name = {r.unit.name: r.figures for r in fig.rows}
    assert by_name["Đảng bộ Sở A"].held_rate == 0.5
    assert by_name["Chi bộ cơ sở B"].held_rate == 0.0
    assert by_name["Đảng bộ Sở A"].content_rate == 0.5
    missing = [c.code for c in cells_without_meeting(tree.bloc, meeting.month)]
    assert missing == ["CB2", "CBB"]


def test_the_figures_cost_the_same_number_of_queries_for_a_bigger_tree(
        tree, meeting, django_assert_max_num_queries):  # fmt: skip
    for i in range(15):
        org = unit_create(
            code=f"DB{i}", name=f"Đảng bộ {i}", kind=UnitKind.GRASSROOTS, parent=tree.bloc
        )
        for j in range(3):
            unit_create(code=f"CB{i}-{j}", name=f"Chi bộ {j}", kind=UnitKind.CELL, parent=org)
    rebuild_meeting_year(meeting.month.year)
    with django_assert_max_num_queries(2):
        fig = meeting_unit_figures(tree.bloc, meeting.month)
    assert fig.total.cells == 48 and len(fig.rows) == 17


def test_the_first_meeting_of_a_year_opens_the_year_for_every_cell(tree, meeting):
    year = meeting.month.year
    assert CellMeetingStat.objects.filter(month__year=year).count() == 12 * 3


def test_a_new_cell_gets_its_rows_when_it_is_created(tree, meeting):
    year = meeting.month.year
    new = unit_create(code="CB9", name="Chi bộ 9", kind=UnitKind.CELL, parent=tree.org)
    assert CellMeetingStat.objects.filter(unit=new, month__year=year).count() == 12
    assert meeting_unit_figures(tree.org, meeting.month).total.cells == 3


def test_a_year_never_opened_shows_no_cells_and_the_page_writes_nothing(tree, login):
    year = date.today().year - 2
    url = reverse("learning:meeting_figures", args=[tree.bloc.code])
    client = login(tree.propaganda_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"nam": year})
    assert response.status_code == 200
    assert [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")] == []
    assert response.context["t"].cells == 0
    assert not CellMeetingStat.objects.filter(month__year=year).exists()
