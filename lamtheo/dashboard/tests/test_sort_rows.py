from __future__ import annotations

from lamtheo.dashboard.selectors import ChildRow, Figures, parse_sort, sort_rows
from lamtheo.orgs.models import OrgUnit


def row(name: str, *, expected=10, submitted=0, registered=0, members=10):
    return ChildRow(
        OrgUnit(name=name, code=name),
        Figures(
            members=members,
            expected=expected,
            submitted=submitted,
            registered=registered,
        ),
    )


ROWS = [
    row("Chi bộ An", submitted=5, registered=9),
    row("Chi bộ Bình", submitted=2, registered=8),
    row("Chi bộ Cường", expected=0, members=0),  # nobody to count
    row("Chi bộ Đông", submitted=2, registered=3),
]


def names(rows):
    return [r.unit.name for r in rows]


def test_lagging_first_orders_by_submission_then_registration_rate():
    assert names(sort_rows(ROWS, None, lagging_first=True)) == [
        "Chi bộ Đông",
        "Chi bộ Bình",
        "Chi bộ An",
        "Chi bộ Cường",
    ]


def test_units_with_nobody_to_count_go_last_in_both_directions():
    assert names(sort_rows(ROWS, ("nop", False)))[-1] == "Chi bộ Cường"
    assert names(sort_rows(ROWS, ("nop", True))) == [
        "Chi bộ An",
        "Chi bộ Bình",
        "Chi bộ Đông",
        "Chi bộ Cường",
    ]


def test_names_sort_in_vietnamese_letter_order():
    # đ comes after d and before e; plain code-point order would put Đ after every letter.
    rows = [row("Chi bộ Đông"), row("Chi bộ Em"), row("Chi bộ Dương")]
    assert names(sort_rows(rows, ("ten", False))) == ["Chi bộ Dương", "Chi bộ Đông", "Chi bộ Em"]


def test_no_sort_keeps_tree_order():
    assert names(sort_rows(ROWS, None)) == names(ROWS)


def test_parse_sort_accepts_known_columns_only():
    assert parse_sort("-nop") == ("nop", True)
    assert parse_sort("dang-ky") == ("dang-ky", False)
    assert parse_sort("khong-co") is None
    assert parse_sort(None) is None
