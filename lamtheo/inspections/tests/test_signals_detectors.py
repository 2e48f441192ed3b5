"""Each formalism signal finds the case planted in a cell and stays silent on an ordinary
cell; each states why it may mean formalism and when it may not."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lamtheo.inspections.signals.compute import compute, fold, similarity
from lamtheo.inspections.signals.kinds import EXPLANATIONS
from lamtheo.inspections.signals.models import Signal, SignalKind
from lamtheo.inspections.tests.signal_helpers import YEAR, ordinary_cell, plant

pytestmark = pytest.mark.django_db


def fired(kind: str) -> set[int]:
    return set(Signal.objects.filter(kind=kind, year=YEAR).values_list("unit_id", flat=True))


@pytest.fixture
def cells(tree):
    return ordinary_cell("CBT", tree.org), ordinary_cell("CBO", tree.org)


@pytest.mark.parametrize("kind", SignalKind.values)
def test_the_signal_finds_its_planted_cell_and_not_the_ordinary_one(cells, kind):
    planted, ordinary = cells
    compute(year=YEAR)
    assert fired(kind) == set()  # nothing before the planting: ordinary cells are quiet
    plant(kind, planted)
    compute(year=YEAR)
    assert fired(kind) == {planted["cell"].pk}
    row = Signal.objects.get(kind=kind, year=YEAR)
    assert 0 < row.count <= row.total and 0 < row.score <= 1
    assert row.path == planted["cell"].path


@pytest.mark.parametrize("kind", SignalKind.values)
def test_each_signal_says_why_and_when_it_may_not_mean_formalism(kind):
    e = EXPLANATIONS[kind]
    assert e.counts and e.why.startswith("Có thể")
    assert e.unless.startswith("Có thể không phải hình thức")


def test_copied_notes_name_the_months_and_people(cells):
    planted, _ = cells
    plant(SignalKind.NOTES_COPIED, planted)
    compute(year=YEAR)
    row = Signal.objects.get(kind=SignalKind.NOTES_COPIED)
    assert row.count == 4 and row.total == 6
    assert len(row.evidence["people"]) == 4 and row.evidence["between_members"] == 4


def test_a_formula_used_in_many_cells_is_not_copying(tree):
    """The same sentence written in three cells is a template from above, not copying."""
    worlds = [ordinary_cell(f"CB{c}", tree.org) for c in "XYZ"]
    for w in worlds:
        plant(SignalKind.NOTES_COPIED, w)
    compute(year=YEAR)
    assert fired(SignalKind.NOTES_COPIED) == set()


def test_a_subtree_recomputed_keeps_the_rest(tree, cells):
    planted, other = cells
    plant(SignalKind.ALL_TOP, planted)
    plant(SignalKind.ALL_TOP, other)
    compute(year=YEAR)
    assert len(fired(SignalKind.ALL_TOP)) == 2
    Signal.objects.filter(unit=other["cell"]).update(score=0.5)
    compute(year=YEAR, root=planted["cell"])
    assert Signal.objects.get(unit=other["cell"], kind=SignalKind.ALL_TOP).score == 0.5


def test_the_command_computes_the_year(cells, capsys):
    planted, _ = cells
    plant(SignalKind.BACKFILL, planted)
    call_command("compute_signals", "--year", str(YEAR))
    assert fired(SignalKind.BACKFILL) == {planted["cell"].pk}
    assert "Nộp bù nhiều tháng trong một ngày" in capsys.readouterr().out


def test_fold_and_similarity():
    assert fold("  Đã HOÀN thành, đúng hạn!! ") == "da hoan thanh dung han"
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d e", "a b c d x") == pytest.approx(0.6)
