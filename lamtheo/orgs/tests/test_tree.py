"""The path arithmetic of orgs.tree, including ids whose digits share a prefix (1 and 10)."""

from __future__ import annotations

import pytest
from django.db.models import Count

from lamtheo.orgs.models import OrgUnit, UnitKind
from lamtheo.orgs.tree import (
    MAX_DEPTH,
    PATH_MAX_LENGTH,
    ancestor_paths,
    branch_expr,
    branch_of,
    child_path,
    children_of,
    is_within,
    path_ids,
    path_segment,
    subtree_q,
    subtree_upper_bound,
)

ONE, TWO, TEN = "0000001", "0000002", "0000010"


def test_a_segment_is_the_id_in_seven_digits():
    assert path_segment(1) == ONE
    assert path_segment(1234567) == "1234567"


def test_a_child_path_is_the_parent_path_and_the_child_segment():
    assert child_path("", 1) == ONE
    assert child_path(ONE, 10) == ONE + TEN


def test_path_ids_are_the_ids_from_the_root_down():
    assert path_ids(ONE + TEN + TWO) == [1, 10, 2]


def test_ancestor_paths_run_from_the_root_to_the_unit_itself():
    assert ancestor_paths(ONE + TEN + TWO) == [ONE, ONE + TEN, ONE + TEN + TWO]
    assert ancestor_paths(ONE) == [ONE]


@pytest.mark.parametrize(
    ("path", "ancestor", "expected"),
    [
        (ONE, ONE, True),  # a unit is within itself
        (ONE + TEN, ONE, True),
        (ONE + TEN + TWO, ONE, True),
        (ONE, ONE + TEN, False),  # above is not within
        (TEN, ONE, False),  # 0000010 shares its first digits with 0000001
        (TEN + TWO, ONE, False),
        (ONE + TWO, ONE + TEN, False),  # siblings
        (ONE + TEN, ONE + ONE, False),
        (TWO, ONE, False),
    ],
)
def test_is_within(path, ancestor, expected):
    assert is_within(path, ancestor) is expected


@pytest.mark.parametrize(
    ("path", "successor"),
    [
        (ONE, TWO),
        ("0000009", TEN),
        ("0009999", "0010000"),
        (ONE + "0000019", ONE + "0000020"),
    ],
)
def test_the_upper_bound_is_the_next_sibling_path(path, successor):
    assert subtree_upper_bound(path) == successor


def test_branch_of_is_the_child_on_whose_branch_a_path_lies():
    assert branch_of(ONE + TEN + TWO, ONE) == ONE + TEN
    assert branch_of(ONE + TEN, ONE) == ONE + TEN
    assert branch_of(ONE, ONE) == ONE  # the ancestor's own rows


def test_the_deepest_unit_still_fits_in_the_column():
    assert len(ONE * (MAX_DEPTH + 1)) <= PATH_MAX_LENGTH < len(ONE * (MAX_DEPTH + 2))


@pytest.fixture
def units(db) -> dict[int, OrgUnit]:
    """Roots 1, 2 and 10; 100 under 1, 3 under 2, 20 under 10, 1000 under 100 (ids chosen so
    that paths share leading digits)."""
    made: dict[int, OrgUnit] = {}
    for pk, parent in [(1, None), (2, None), (10, None), (100, 1), (3, 2), (20, 10), (1000, 100)]:
        up = made.get(parent)
        made[pk] = OrgUnit.objects.create(
            pk=pk,
            code=f"U{pk}",
            name=f"Đơn vị {pk}",
            kind=UnitKind.CELL if pk in (3, 20, 1000) else UnitKind.GRASSROOTS,
            parent=up,
            path=child_path(up.path if up else "", pk),
            depth=up.depth + 1 if up else 0,
        )
    return made


def ids(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def test_the_subtree_is_the_unit_and_everything_below_it_and_nothing_else(units):
    assert ids(OrgUnit.objects.filter(subtree_q(units[1].path))) == {1, 100, 1000}
    assert ids(OrgUnit.objects.filter(subtree_q(units[10].path))) == {10, 20}
    assert ids(OrgUnit.objects.filter(subtree_q(units[2].path))) == {2, 3}
    assert ids(OrgUnit.objects.filter(subtree_q(units[100].path))) == {100, 1000}


def test_the_subtree_filter_follows_a_relation(units):
    assert ids(OrgUnit.objects.filter(subtree_q(units[1].path, "parent__path"))) == {100, 1000}


def test_branch_expr_groups_a_subtree_per_child(units):
    rows = (
        OrgUnit.objects.filter(subtree_q(units[1].path))
        .annotate(branch=branch_expr(units[1].path))
        .values("branch")
        .annotate(n=Count("pk"))
        .order_by("branch")
    )
    assert [(r["branch"], r["n"]) for r in rows] == [(ONE, 1), (units[100].path, 2)]


def test_children_of_lists_current_children_and_units_behind_the_rows(units):
    old_path = child_path(units[1].path, 20)  # figures kept from when 20 was under 1
    found = children_of(units[1], {units[1].path, old_path})
    assert [(u.pk, branch) for u, branch in found] == [(20, old_path), (100, units[100].path)]


def test_children_of_leaves_out_inactive_children_without_rows(units):
    OrgUnit.objects.filter(pk=100).update(is_active=False)
    assert children_of(units[1], set()) == []


def test_a_cell_has_no_children_and_costs_no_query(units, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert children_of(units[3], {units[3].path}) == []
