"""One home for "submitted": submitted or reviewed; a returned month waits to be resubmitted."""

from __future__ import annotations

from datetime import date

from lamtheo.handbook.models import EntryStatus, HandbookEntry


def test_submitted_means_submitted_or_reviewed(tree):
    for month, status in enumerate(EntryStatus, start=1):
        HandbookEntry.objects.create(person=tree.member, month=date(2024, month, 1),
                                     unit=tree.cell, status=status)  # fmt: skip
    submitted = {e.status for e in HandbookEntry.objects.submitted()}
    assert submitted == {EntryStatus.SUBMITTED, EntryStatus.REVIEWED}
    assert {e.status for e in HandbookEntry.objects.all() if e.is_submitted} == submitted
