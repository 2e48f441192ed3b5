"""Memberships and exemptions run over months [start_month, end_month): the named queries
"covering" and "overlapping" and their Python twin `covers` say the same."""

from __future__ import annotations

from datetime import date

from lamtheo.people import services
from lamtheo.people.models import Exemption, Membership, covers

MAY, JUNE, JULY = date(2024, 5, 1), date(2024, 6, 1), date(2024, 7, 1)


def units_covering(person, month) -> list[str]:
    return [m.unit.code for m in Membership.objects.covering(month).filter(person=person)]


def test_a_transfer_month_counts_in_the_new_cell_only(tree):
    services.person_transfer(actor=None, person=tree.member, to_cell=tree.cell2, month=JUNE)
    assert units_covering(tree.member, MAY) == ["CB1"]
    assert units_covering(tree.member, JUNE) == ["CB2"]


def test_overlapping_finds_every_membership_that_touches_the_months(tree):
    services.person_transfer(actor=None, person=tree.member, to_cell=tree.cell2, month=JUNE)
    mine = Membership.objects.filter(person=tree.member)
    assert mine.overlapping(date(2024, 1, 1), date(2024, 12, 1)).count() == 2
    assert [m.unit.code for m in mine.overlapping(JUNE, date(2024, 12, 1))] == ["CB2"]
    assert [m.unit.code for m in mine.overlapping(date(2019, 1, 1), MAY)] == ["CB1"]


def test_an_exemption_covers_its_months_and_not_its_end(tree):
    services.person_exempt(actor=None, person=tree.member, start_month=MAY, end_month=JULY,
                           reason="Ốm")  # fmt: skip
    covered = [m for m in (MAY, JUNE, JULY) if Exemption.objects.covering(m).exists()]
    assert covered == [MAY, JUNE]
    assert [m for m in (MAY, JUNE, JULY) if covers(MAY, JULY, m)] == covered
