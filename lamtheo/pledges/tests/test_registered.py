"""One home for "registered": submitted or accepted; a draft or a returned registration is not."""

from __future__ import annotations

from lamtheo.pledges.models import Pledge, PledgeStatus


def test_registered_means_submitted_or_accepted(tree):
    for year, status in enumerate(PledgeStatus, start=2021):
        Pledge.objects.create(person=tree.member, year=year, unit=tree.cell, status=status)
    registered = {p.status for p in Pledge.objects.registered()}
    assert registered == {PledgeStatus.SUBMITTED, PledgeStatus.ACCEPTED}
    assert {p.status for p in Pledge.objects.all() if p.is_registered} == registered
