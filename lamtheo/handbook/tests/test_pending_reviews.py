"""What waits for a secretary: submitted registrations and months, not yet decided."""

from __future__ import annotations

from lamtheo.handbook import services
from lamtheo.handbook.selectors import pending_reviews
from lamtheo.handbook.tests.helpers import THIS_MONTH, filled, registered
from lamtheo.pledges import services as pledges


def test_it_counts_what_was_submitted_and_not_yet_decided_in_the_cell(tree):
    registered(tree)  # the member's registration: submitted
    registered(tree, person=tree.outsider, user=tree.outsider.user)  # another cell
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    [row] = pending_reviews(tree.secretary_user)
    assert (row.unit, row.year, row.pledges, row.entries) == (tree.cell, THIS_MONTH.year, 1, 1)


def test_the_secretarys_own_registration_does_not_wait_for_her(tree):
    registered(tree, person=tree.secretary, user=tree.secretary_user)
    assert pending_reviews(tree.secretary_user) == []


def test_decided_records_no_longer_wait(tree):
    pledge = registered(tree)
    pledge.refresh_from_db()
    pledges.pledge_accept(
        actor=tree.secretary_user, pledge=pledge, comment="", version=pledge.version
    )
    entry = filled(tree)
    services.entry_submit(actor=tree.member_user, entry=entry, version=entry.version)
    entry.refresh_from_db()
    services.entry_return(
        actor=tree.secretary_user, entry=entry, comment="Bổ sung", version=entry.version
    )
    assert pending_reviews(tree.secretary_user) == []


def test_it_counts_nothing_outside_the_secretarys_cell_nor_for_others(tree):
    registered(tree)
    assert pending_reviews(tree.other_secretary_user) == []
    assert pending_reviews(tree.member_user) == []
    assert pending_reviews(tree.committee_user) == []  # committees do not review
