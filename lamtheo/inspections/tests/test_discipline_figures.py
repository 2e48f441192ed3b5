"""The discipline keeper's maintained counts equal a rebuild after random decisions,
corrections (moving a decision to another year too) and annulments; and the selectors for
year-end classification and awards."""

from __future__ import annotations

import random
from datetime import date

import pytest

from lamtheo.core import figures
from lamtheo.core.errors import DomainError
from lamtheo.inspections.discipline import services
from lamtheo.inspections.discipline.figures import DisciplineFigures, discipline_unit_figures
from lamtheo.inspections.discipline.models import DisciplineRecord, Organ
from lamtheo.inspections.discipline.selectors import discipline_in_year, people_disciplined
from lamtheo.inspections.tests.discipline_helpers import decision, recorded
from lamtheo.inspections.tests.helpers import today

THIS = today().year
YEARS = [THIS - 1, THIS]


def _keeper() -> DisciplineFigures:
    return next(k for k in figures.keepers() if isinstance(k, DisciplineFigures))


def test_the_keeper_is_registered():
    assert any(isinstance(k, DisciplineFigures) for k in figures.keepers())


def _random_date(rng: random.Random) -> date:
    year = rng.choice(YEARS)
    d = date(year, rng.randint(1, 12), rng.randint(1, 28))
    return min(d, today())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_kept_counts_equal_a_rebuild_after_random_changes(tree, seed):
    rng = random.Random(seed)
    bodies = [
        (tree.committee_user, tree.org, o)
        for o in (Organ.COMMITTEE, Organ.STANDING, Organ.COMMISSION)
    ]
    bodies.append((tree.secretary_user, tree.cell, Organ.CELL))
    subjects = [{"person": tree.member}, {"person": tree.secretary}, {"person": tree.outsider},
                {"organization": tree.cell}, {"organization": tree.cell2}]  # fmt: skip
    forms = ["reprimand", "warning", "dismissal", "expulsion", "dissolution"]
    done = set()
    for _ in range(60):
        step = rng.choice(["record", "record", "correct", "annul"])
        try:
            if step == "record":
                actor, unit, organ = rng.choice(bodies)
                on = _random_date(rng)
                services.discipline_record(actor=actor, unit=unit, data=decision(
                    organ=organ, form=rng.choice(forms), decision_date=on, effective_from=on,
                    **rng.choice(subjects)))  # fmt: skip
            else:
                records = list(DisciplineRecord.objects.in_force().order_by("pk"))
                if not records:
                    continue
                record = rng.choice(records)
                actor = tree.secretary_user if record.organ == Organ.CELL else tree.committee_user
                if step == "annul":
                    services.discipline_annul(actor=actor, record=record, reason="Hủy",
                                              version=record.version)  # fmt: skip
                else:
                    on = _random_date(rng)
                    services.discipline_correct(actor=actor, record=record, reason="Sửa",
                        version=record.version, data=decision(
                            organ=record.organ, form=rng.choice(forms), decision_date=on,
                            effective_from=on, decision_number=record.decision_number))  # fmt: skip
            done.add(step)
        except DomainError:
            pass
    assert done == {"record", "correct", "annul"}
    keeper = _keeper()
    for year in YEARS:
        kept = keeper.figures_of(year)
        live = DisciplineRecord.objects.in_force().filter(year=year).count()
        assert sum(n for _path, n in kept.values()) == live
        keeper.rebuild_year(year)
        assert keeper.figures_of(year) == kept
    assert set(YEARS) >= keeper.years_with_records()


def test_the_counts_of_a_unit_roll_up_its_children_and_its_own_level(tree):
    recorded(tree.committee_user, tree.org, person=tree.member, form="warning")
    recorded(tree.secretary_user, tree.cell, organ=Organ.CELL, person=tree.member,
             form="reprimand")  # fmt: skip
    recorded(tree.committee_user, tree.org, organ=Organ.COMMITTEE, organization=tree.cell2,
             form="dissolution")  # fmt: skip
    bloc = discipline_unit_figures(tree.bloc, THIS)
    assert (bloc.total.members, bloc.total.organizations) == (2, 1)
    org_row = next(r for r in bloc.rows if r.unit == tree.org)
    assert org_row.figures.member_warning == 1 and org_row.figures.organization_dissolution == 1
    levels = {row.level: row.figures for row in bloc.levels}
    assert levels["grassroots"].members == 1 and levels["cell"].member_reprimand == 1
    org = discipline_unit_figures(tree.org, THIS)
    cells = {r.unit.code: r.figures for r in org.rows}
    assert cells["CB1"].members == 2 and cells["CB2"].organizations == 1
    assert discipline_unit_figures(tree.org, THIS - 1).total.members == 0


def test_discipline_in_year_gives_the_decisions_in_force_most_severe_first(tree):
    last = date(THIS - 1, 6, 1)
    recorded(tree.committee_user, tree.org, person=tree.member, form="reprimand")
    recorded(tree.committee_user, tree.org, person=tree.member, form="dismissal")
    annulled = recorded(tree.committee_user, tree.org, person=tree.member, form="expulsion")
    services.discipline_annul(actor=tree.committee_user, record=annulled, reason="Sai",
                              version=annulled.version)  # fmt: skip
    recorded(tree.committee_user, tree.org, person=tree.member, decision_date=last,
             effective_from=last)  # fmt: skip
    assert [r.form for r in discipline_in_year(tree.member, THIS)] == ["dismissal", "reprimand"]
    assert len(discipline_in_year(tree.member, THIS - 1)) == 1
    assert discipline_in_year(tree.outsider, THIS) == []
    recorded(tree.committee_user, tree.org, organ=Organ.COMMITTEE, organization=tree.cell2,
             form="warning")  # fmt: skip
    assert [r.form for r in discipline_in_year(tree.cell2, THIS)] == ["warning"]


def test_people_disciplined_maps_each_member_of_the_subtree_to_the_worst_form(tree):
    recorded(tree.committee_user, tree.org, person=tree.member, form="reprimand")
    recorded(tree.committee_user, tree.org, person=tree.member, form="warning")
    recorded(tree.committee_user, tree.org, person=tree.outsider, form="reprimand")
    recorded(tree.committee_user, tree.org, organ=Organ.COMMITTEE, organization=tree.cell,
             form="warning")  # fmt: skip
    assert people_disciplined(THIS, tree.org) == {
        tree.member.pk: "warning",
        tree.outsider.pk: "reprimand",
    }
    assert people_disciplined(THIS, tree.cell) == {tree.member.pk: "warning"}
    assert people_disciplined(THIS, tree.cell_b) == {}


def test_the_dashboard_counts_discipline_without_names_for_those_who_may(tree, client, login):
    from django.urls import reverse

    recorded(tree.committee_user, tree.org, person=tree.member, form="warning")
    url = reverse("dashboard:unit", args=[tree.bloc.code])
    login(tree.propaganda_user)
    page = client.get(url).content.decode()
    assert "Kỷ luật năm" in page and "Thi hành kỷ luật 1 đảng viên" in page
    assert "cảnh cáo 1" in page and tree.member.full_name not in page
    assert reverse("inspections:discipline_figures", args=[tree.bloc.code]) in page
