"""Every capability of orgs.scope against every role of a small tree.

Đảng bộ Khối (bloc)                      propaganda (bloc officer), admin
├── Đảng bộ Sở A (grassroots)           committee, org_secretary
│   ├── Chi bộ 1 (cell)                 secretary, member
│   └── Chi bộ 2 (cell)                 outsider (a member of the sibling cell)
└── Chi bộ cơ sở B (grassroots_cell)     other_secretary

The table EXPECTED lists, for each capability, the units each person holds it on; a person
left out holds it nowhere. One test per capability checks `can` on every unit, the
`scope_q` filter and `has_any` against the same table.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from lamtheo.core.periods import month_start
from lamtheo.orgs.models import Role, RoleKind
from lamtheo.orgs.scope import (
    MEMBER,
    RULES,
    Capability,
    Reach,
    anchor_unit_ids,
    can,
    current_roles,
    has_any,
    holders,
    holds_whole_tree,
    may_end_role,
    may_give_codes_to_holder,
    may_move_between,
    may_take_over_account,
    requires_two_factor,
    roles_with,
    scope_q,
    top_units,
    visible_units,
)
from lamtheo.orgs.services import role_end, role_grant
from lamtheo.people.models import Person
from lamtheo.people.services import person_transfer
from lamtheo.tests.helpers import make_user

UNITS = ("bloc", "org", "cell", "cell2", "cell_b")
EVERY_UNIT = set(UNITS)
ORG = {"org", "cell", "cell2"}  # Đảng bộ Sở A's subtree
CELL, CELL_B = {"cell"}, {"cell_b"}
ABOVE_CELL = {"cell", "org", "bloc"}  # Chi bộ 1 and the units above it
ABOVE_CELL2 = {"cell2", "org", "bloc"}
ABOVE_CELL_B = {"cell_b", "bloc"}

PEOPLE = (
    "member",
    "secretary",
    "org_secretary",
    "committee",
    "propaganda",
    "admin",
    "outsider",
    "other_secretary",
    "superuser",
)

SECRETARIES = {"secretary": CELL, "org_secretary": ORG, "other_secretary": CELL_B}
OFFICE = {**SECRETARIES, "committee": ORG, "propaganda": EVERY_UNIT}

EXPECTED: dict[Capability, dict[str, set[str]]] = {
    Capability.VIEW_STATS: {**OFFICE, "admin": EVERY_UNIT},
    Capability.VIEW_RECORDS: {**SECRETARIES, "committee": ORG},
    Capability.REVIEW: SECRETARIES,
    Capability.ENTER_ON_BEHALF: SECRETARIES,
    Capability.REMIND: {**OFFICE, "admin": EVERY_UNIT},
    Capability.VIEW_AUDIT: {**SECRETARIES, "committee": ORG, "admin": EVERY_UNIT},
    Capability.MANAGE_ROSTER: {"admin": EVERY_UNIT, "superuser": EVERY_UNIT},
    Capability.MANAGE_TOPICS: {"committee": ORG, "propaganda": EVERY_UNIT},
    # Subtree for every role, and the units above for every role and every member.
    Capability.READ_TOPICS: {
        "member": ABOVE_CELL,
        "secretary": ABOVE_CELL,
        "org_secretary": ORG | {"bloc"},
        "committee": ORG | {"bloc"},
        "propaganda": EVERY_UNIT,
        "admin": EVERY_UNIT,
        "outsider": ABOVE_CELL2,
        "other_secretary": ABOVE_CELL_B,
    },
    Capability.ORGANIZE_STUDY: {"committee": ORG, "propaganda": EVERY_UNIT},
    Capability.RECORD_ATTENDANCE: SECRETARIES,
    Capability.RECORD_MEETINGS: SECRETARIES,
    # Own cell: the secretary of a đảng bộ reaches no cell by it.
    Capability.READ_SELF_CHECK: {"secretary": CELL, "other_secretary": CELL_B},
    Capability.ISSUE_DOCUMENTS: OFFICE,
    Capability.RECEIVE_DOCUMENTS: OFFICE,
    # The unit itself: the bloc officer does not sign for the units below.
    Capability.ISSUE_FOR_UNIT: {
        "secretary": CELL,
        "org_secretary": {"org"},
        "committee": {"org"},
        "propaganda": {"bloc"},
        "other_secretary": CELL_B,
    },
    Capability.RECEIVE_FOR_UNIT: {
        "secretary": CELL,
        "org_secretary": {"org"},
        "committee": {"org"},
        "propaganda": {"bloc"},
        "other_secretary": CELL_B,
    },
    Capability.PUBLISH_PROGRAMMES: {**SECRETARIES, "committee": ORG},
    # Subtree for every role; the units above only for members (through their own cell).
    Capability.READ_PROGRAMMES: {
        "member": ABOVE_CELL,
        "secretary": ABOVE_CELL,
        "org_secretary": ORG,
        "committee": ORG,
        "propaganda": EVERY_UNIT,
        "admin": EVERY_UNIT,
        "outsider": ABOVE_CELL2,
        "other_secretary": ABOVE_CELL_B,
    },
    Capability.MANAGE_STORIES: {"propaganda": EVERY_UNIT},
    Capability.READ_STORIES: OFFICE,
    Capability.VIEW_PROFILES: {**SECRETARIES, "committee": ORG, "admin": EVERY_UNIT},
    # Own cell for its secretaries (a đảng bộ's secretary reaches no cell by it); the
    # administrator for the subtree.
    Capability.MANAGE_PEOPLE: {"secretary": CELL, "other_secretary": CELL_B, "admin": EVERY_UNIT},
    Capability.RESET_TWO_FACTOR: {"admin": EVERY_UNIT},
    # A đảng bộ's committee for its subtree; not a cell's secretary (not even a chi bộ cơ sở's).
    Capability.ISSUE_ACCOUNTS: {"admin": EVERY_UNIT, "org_secretary": ORG, "committee": ORG},
    Capability.RESET_CODES: {"secretary": CELL, "other_secretary": CELL_B},
    Capability.VIEW_ROLES: {"admin": EVERY_UNIT, "org_secretary": ORG, "committee": ORG},
    # Below the committee's own unit: its own roles come from the level above.
    Capability.MANAGE_ROLES: {
        "admin": EVERY_UNIT,
        "org_secretary": {"cell", "cell2"},
        "committee": {"cell", "cell2"},
    },
    Capability.GRANT_ADMIN: {"admin": EVERY_UNIT},
    Capability.MANAGE_UNIT_SETTINGS: {"admin": EVERY_UNIT},
    # A level keeps its own plan of inspections; it reads those of its subtree.
    Capability.PLAN_INSPECTIONS: {
        "secretary": CELL,
        "org_secretary": {"org"},
        "committee": {"org"},
        "propaganda": {"bloc"},
        "other_secretary": CELL_B,
    },
    Capability.VIEW_INSPECTIONS: OFFICE,
    # The formalism signals: committees (and inspectors) of a đảng bộ, not a cell's own
    # secretary, nor the propaganda office.
    Capability.VIEW_SIGNALS: {"org_secretary": ORG, "committee": ORG},
    # A unit's remedies are reported by its own committee, not by the levels above.
    Capability.REPORT_REMEDIES: {
        "secretary": CELL,
        "org_secretary": {"org"},
        "committee": {"org"},
        "other_secretary": CELL_B,
    },
    # The counts of inspections follow who reads the inspections: not the administrator,
    # who sees every other figure of the dashboard.
    Capability.VIEW_INSPECTION_FIGURES: OFFICE,
    # A body's decisions are recorded, and named records read, on the unit itself only.
    Capability.RECORD_DISCIPLINE: {
        "secretary": CELL,
        "org_secretary": {"org"},
        "committee": {"org"},
        "other_secretary": CELL_B,
    },
    # Feedback is handled for the unit itself; no inspector in this tree (see the routing
    # tests in lamtheo/inspections/tests/test_feedback_routing.py).
    Capability.HANDLE_FEEDBACK: {},
    Capability.HANDLE_FEEDBACK_AS_COMMITTEE: {
        "secretary": CELL,
        "org_secretary": {"org"},
        "committee": {"org"},
        "other_secretary": CELL_B,
    },
    Capability.VIEW_DISCIPLINE: {
        "secretary": CELL,
        "org_secretary": {"org"},
        "committee": {"org"},
        "other_secretary": CELL_B,
    },
    Capability.DISCIPLINE_FIGURES: {**OFFICE, "admin": EVERY_UNIT},
}


@pytest.fixture
def world(tree) -> dict:
    org_secretary = make_user("bithudanguy", "Ngô Văn Phúc")
    role_grant(actor=None, user=org_secretary, unit=tree.org, kind=RoleKind.SECRETARY)
    superuser = User.objects.create_superuser("hethong", password="mat-khau-dai-2025")
    users = {
        "member": tree.member_user,
        "secretary": tree.secretary_user,
        "org_secretary": org_secretary,
        "committee": tree.committee_user,
        "propaganda": tree.propaganda_user,
        "admin": tree.admin_user,
        "outsider": tree.outsider.user,
        "other_secretary": tree.other_secretary_user,
        "superuser": superuser,
    }
    units = {name: getattr(tree, name) for name in UNITS}
    return {"users": users, "units": units, "tree": tree}


def fresh(user: User) -> User:
    """The user without the grants cached on the object."""
    return User.objects.get(pk=user.pk)


def test_every_capability_has_rules_and_an_expected_answer():
    assert set(RULES) == set(Capability) == set(EXPECTED)


def test_every_reach_is_used_by_some_capability():
    assert {rule.reach for rules in RULES.values() for rule in rules} == set(Reach)


@pytest.mark.parametrize("capability", list(Capability), ids=str)
def test_who_holds_the_capability_on_which_unit(world, capability):
    """`can` on every unit, the `scope_q` filter and `has_any` all give the table's answer
    (one test per capability: building the tree is the slow part)."""
    users, units = world["users"], world["units"]
    expected = {p: EXPECTED[capability].get(p, set()) for p in PEOPLE}
    reached = {
        p: {name for name, unit in units.items() if can(users[p], capability, unit)} for p in PEOPLE
    }
    assert reached == expected
    names = {u.code: name for name, u in units.items()}
    visible = {
        p: {names[c] for c in visible_units(users[p], capability).values_list("code", flat=True)}
        for p in PEOPLE
    }
    assert visible == expected
    assert {p: has_any(users[p], capability) for p in PEOPLE} == {
        p: bool(expected[p]) for p in PEOPLE
    }


def test_nobody_logged_out_holds_anything(world):
    anonymous = AnonymousUser()
    for capability in Capability:
        assert not has_any(anonymous, capability)
        assert not can(anonymous, capability, world["units"]["cell"])


def test_it_answers_no_without_a_unit(world):
    assert not can(world["users"]["admin"], Capability.VIEW_STATS, None)


def test_only_roster_management_is_opened_to_a_superuser_on_the_whole_tree(world):
    superuser = world["users"]["superuser"]
    assert [c for c in Capability if holds_whole_tree(superuser, c)] == [Capability.MANAGE_ROSTER]
    assert not holds_whole_tree(world["users"]["admin"], Capability.MANAGE_ROSTER)
    assert top_units(superuser, Capability.MANAGE_ROSTER) == [world["units"]["bloc"]]


def test_two_factor_is_required_of_officers_above_the_cell_and_superusers(world):
    users = world["users"]
    assert {p for p in PEOPLE if requires_two_factor(users[p])} == {
        "org_secretary",
        "committee",
        "admin",
        "superuser",
    }
    assert not requires_two_factor(AnonymousUser())


def test_a_role_on_an_inactive_unit_gives_nothing(world):
    tree = world["tree"]
    tree.cell.is_active = False
    tree.cell.save()
    secretary = fresh(tree.secretary_user)
    assert not can(secretary, Capability.REVIEW, tree.cell)
    assert not has_any(secretary, Capability.REVIEW)


def test_the_top_units_are_the_highest_anchors(world):
    users, units = world["users"], world["units"]
    assert top_units(users["committee"]) == [units["org"]]
    assert top_units(users["propaganda"], Capability.ISSUE_FOR_UNIT) == [units["bloc"]]
    assert top_units(users["member"]) == []


def test_anchor_units_are_the_units_a_person_acts_for(world):
    users, units = world["users"], world["units"]
    both = fresh(users["secretary"])
    role_grant(actor=None, user=both, unit=units["org"], kind=RoleKind.COMMITTEE)
    assert anchor_unit_ids(fresh(both), Capability.ISSUE_FOR_UNIT) == {
        units["org"].pk,
        units["cell"].pk,
    }
    assert anchor_unit_ids(users["member"], Capability.READ_PROGRAMMES) == {units["cell"].pk}


def test_the_member_pseudo_role_follows_a_transfer(world):
    tree = world["tree"]
    this_month = month_start(date.today())
    person_transfer(actor=None, person=tree.member, to_cell=tree.cell_b, month=this_month)
    member = fresh(tree.member_user)
    assert can(member, Capability.READ_PROGRAMMES, tree.cell_b)
    assert not can(member, Capability.READ_PROGRAMMES, tree.org)


def holder_names(world, capability, *unit_names) -> set[str]:
    by_pk = {u.pk: p for p, u in world["users"].items()}
    roles = holders(capability, [world["units"][n] for n in unit_names])
    return {by_pk[pk] for pk in roles.values_list("user_id", flat=True)}


@pytest.mark.parametrize(
    ("capability", "unit_names", "expected"),
    [
        (Capability.RECEIVE_FOR_UNIT, ("cell", "org"), {"secretary", "org_secretary", "committee"}),
        (Capability.RECEIVE_FOR_UNIT, ("cell2",), set()),
        (Capability.READ_SELF_CHECK, ("cell",), {"secretary"}),
        (Capability.READ_SELF_CHECK, ("org",), set()),
        (
            Capability.VIEW_STATS,
            ("cell",),
            {"secretary", "org_secretary", "committee", "propaganda", "admin"},
        ),
        # A role below the unit reaches it through UNITS_ABOVE; members are not roles.
        (
            Capability.READ_TOPICS,
            ("org",),
            {"secretary", "org_secretary", "committee", "propaganda", "admin"},
        ),
        (
            Capability.READ_PROGRAMMES,
            ("org",),
            {"org_secretary", "committee", "propaganda", "admin"},
        ),
        (Capability.MANAGE_ROSTER, ("cell_b",), {"admin"}),
    ],
)
def test_holders_are_the_role_assignments_that_reach_the_units(
    world, capability, unit_names, expected
):
    assert holder_names(world, capability, *unit_names) == expected


def test_holders_leave_out_people_who_can_no_longer_log_in(world):
    committee = world["users"]["committee"]
    committee.is_active = False
    committee.save()
    assert holder_names(world, Capability.RECEIVE_FOR_UNIT, "org") == {"org_secretary"}


def test_roles_with_lists_the_role_kinds_never_the_member_pseudo_role():
    assert roles_with(Capability.REVIEW) == {RoleKind.SECRETARY, RoleKind.DEPUTY}
    assert roles_with(Capability.READ_PROGRAMMES) == set(RoleKind)
    assert all(MEMBER not in roles_with(c) for c in Capability)


def test_the_scope_filter_of_a_whole_tree_holder_keeps_every_unit(world):
    q = scope_q(world["users"]["superuser"], Capability.MANAGE_ROSTER, "cell__path")
    assert Person.objects.filter(q).count() == Person.objects.exclude(cell=None).count()


def test_a_move_within_the_tree_needs_the_right_on_both_cells(world):
    users, units = world["users"], world["units"]
    cell, cell2, cell_b = units["cell"], units["cell2"], units["cell_b"]
    # The administrator of the bloc holds both; a cell's secretary only her own.
    assert may_move_between(users["admin"], cell, cell2)
    assert may_move_between(users["admin"], cell, cell_b)
    assert not may_move_between(users["secretary"], cell, cell2)
    assert not may_move_between(users["other_secretary"], cell_b, cell)
    # Secretary of both cells: she may.
    role_grant(actor=None, user=users["secretary"], unit=cell2, kind=RoleKind.SECRETARY)
    assert may_move_between(fresh(users["secretary"]), cell, cell2)
    assert not may_move_between(users["committee"], cell, cell2)
    assert not may_move_between(users["admin"], cell, None)


# --- only the roles current today count -------------------------------------------------


def test_a_role_counts_only_from_its_start_date_until_it_ends(world):
    tree = world["tree"]
    today = timezone.localdate()
    role = Role.objects.get(user=tree.committee_user, unit=tree.org)
    Role.objects.filter(pk=role.pk).update(start_date=today + timedelta(days=1))
    assert not can(fresh(tree.committee_user), Capability.VIEW_RECORDS, tree.cell)
    Role.objects.filter(pk=role.pk).update(start_date=today - timedelta(days=10), end_date=today)
    assert not can(fresh(tree.committee_user), Capability.VIEW_RECORDS, tree.cell)
    assert not visible_units(fresh(tree.committee_user), Capability.VIEW_STATS).exists()
    assert not holders(Capability.VIEW_STATS, [tree.cell]).filter(pk=role.pk).exists()
    Role.objects.filter(pk=role.pk).update(end_date=today + timedelta(days=1))
    assert can(fresh(tree.committee_user), Capability.VIEW_RECORDS, tree.cell)
    assert holders(Capability.VIEW_STATS, [tree.cell]).filter(pk=role.pk).exists()


def test_an_ended_role_can_be_given_again_and_counts_again(world):
    tree = world["tree"]
    role = Role.objects.get(user=tree.committee_user, unit=tree.org)
    role_end(actor=tree.admin_user, role=role, end_date=timezone.localdate(), reason="Hết nhiệm kỳ")
    assert not can(fresh(tree.committee_user), Capability.VIEW_STATS, tree.org)
    again = role_grant(
        actor=tree.admin_user, user=tree.committee_user, unit=tree.org, kind=RoleKind.COMMITTEE
    )
    assert again.pk != role.pk
    assert can(fresh(tree.committee_user), Capability.VIEW_STATS, tree.org)
    assert [h.history_action for h in role.history.order_by("history_id")][-1] == (
        "lamtheo.orgs.role.ended"
    )


def test_codes_for_a_role_holder_only_from_who_could_assign_all_their_roles(world):
    users = world["users"]
    roles_of = {
        name: list(current_roles().filter(user=users[name]).select_related("unit"))
        for name in ("secretary", "org_secretary", "admin")
    }
    assert may_give_codes_to_holder(users["committee"], roles_of["secretary"])
    assert not may_give_codes_to_holder(users["committee"], roles_of["org_secretary"])
    assert not may_give_codes_to_holder(users["committee"], roles_of["admin"])
    assert may_give_codes_to_holder(users["admin"], roles_of["org_secretary"])
    assert may_give_codes_to_holder(users["secretary"], [])  # no role: nothing to take over


def test_taking_over_an_account_counts_roles_from_a_later_day_and_never_one_s_own(world):
    users, tree = world["users"], world["tree"]
    member = users["member"]
    assert may_take_over_account(users["secretary"], member)
    role_grant(
        actor=None,
        user=member,
        unit=tree.bloc,
        kind=RoleKind.ADMIN,
        start_date=timezone.localdate() + timedelta(days=1),
    )
    assert not may_take_over_account(fresh(users["secretary"]), member)
    assert not may_take_over_account(fresh(users["committee"]), member)
    assert may_take_over_account(fresh(users["admin"]), member)
    assert not may_take_over_account(users["admin"], users["admin"])
    assert may_take_over_account(users["secretary"], None)  # no account yet


def test_ending_a_role_takes_the_right_to_give_it_and_not_one_s_own_admin_role(world):
    users, tree = world["users"], world["tree"]
    admin_role = Role.objects.get(user=users["admin"], kind=RoleKind.ADMIN)
    assert not may_end_role(users["admin"], admin_role)
    assert not may_end_role(users["committee"], admin_role)
    committee_role = Role.objects.get(user=tree.committee_user, unit=tree.org)
    assert may_end_role(users["admin"], committee_role)
