from __future__ import annotations

from lamtheo.orgs.selectors import breadcrumbs


def test_the_trail_runs_from_the_root_to_the_parent(tree):
    assert breadcrumbs(tree.propaganda_user, tree.cell) == [tree.bloc, tree.org]


def test_the_trail_stops_at_the_users_own_top_unit(tree):
    assert breadcrumbs(tree.committee_user, tree.cell) == [tree.org]


def test_a_secretary_sees_no_unit_above_the_cell(tree):
    assert breadcrumbs(tree.secretary_user, tree.cell) == []


def test_a_closed_ancestor_is_left_out(tree):
    tree.org.is_active = False
    tree.org.save()
    assert breadcrumbs(tree.propaganda_user, tree.cell) == [tree.bloc]
