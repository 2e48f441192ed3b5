"""Files attached to feedback drafts that were never sent are deleted: the form step marks the
file it stores, sending the report removes the mark, and `purge_feedback_drafts` deletes the
files still marked once their draft can no longer be sent (never a file a report refers to)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lamtheo.core.models import StoredFile
from lamtheo.core.uploads import stored_path
from lamtheo.inspections.feedback import drafts
from lamtheo.inspections.feedback.models import FeedbackDraftFile, FeedbackReport
from lamtheo.inspections.feedback.services import purge_unsent_draft_files
from lamtheo.inspections.tests.helpers import (
    feedback_check,
    feedback_confirm,
    feedback_file,
    feedback_values,
    signed_draft,
)

# Past the draft's validity and the margin.
LONG_AGO = timedelta(seconds=drafts.MAX_AGE) + timedelta(hours=1, minutes=1)


def _age(stored: StoredFile, by: timedelta) -> None:
    FeedbackDraftFile.objects.filter(stored=stored).update(signed_at=timezone.now() - by)


def test_the_file_of_a_checked_draft_is_marked_and_sending_keeps_it_unmarked(tree, client):
    draft = signed_draft(feedback_check(client, tree.cell, attachment=feedback_file()))
    stored = StoredFile.objects.get()
    assert FeedbackDraftFile.objects.filter(stored=stored).exists()
    feedback_confirm(client, tree.cell, draft)
    assert FeedbackReport.objects.get().attachment == stored
    assert not FeedbackDraftFile.objects.exists()
    # Sent: however old, the purge leaves it alone.
    assert purge_unsent_draft_files(now=timezone.now() + LONG_AGO) == 0
    assert StoredFile.objects.filter(pk=stored.pk).exists() and stored_path(stored).exists()


def test_an_old_unsent_draft_file_is_deleted_and_a_recent_one_kept(tree, client):
    feedback_check(client, tree.cell, attachment=feedback_file("cu.docx"))
    feedback_check(client, tree.cell, attachment=feedback_file("moi.docx"))
    old = StoredFile.objects.get(original_name="cu.docx")
    recent = StoredFile.objects.get(original_name="moi.docx")
    _age(old, LONG_AGO)
    _age(recent, timedelta(seconds=drafts.MAX_AGE + 60))  # expired, but within the margin

    assert purge_unsent_draft_files() == 1
    assert not StoredFile.objects.filter(pk=old.pk).exists() and not stored_path(old).exists()
    assert not FeedbackDraftFile.objects.filter(stored_id=old.pk).exists()
    assert StoredFile.objects.filter(pk=recent.pk).exists() and stored_path(recent).exists()
    assert FeedbackDraftFile.objects.filter(stored=recent).exists()
    assert purge_unsent_draft_files() == 0  # a second run deletes nothing more


def test_a_file_a_report_refers_to_is_never_deleted_even_if_still_marked(tree, client):
    feedback_confirm(
        client,
        tree.cell,
        signed_draft(feedback_check(client, tree.cell, attachment=feedback_file())),
    )
    stored = FeedbackReport.objects.get().attachment
    FeedbackDraftFile.objects.create(stored=stored, signed_at=timezone.now() - LONG_AGO)
    assert purge_unsent_draft_files() == 0
    assert StoredFile.objects.filter(pk=stored.pk).exists() and stored_path(stored).exists()
    assert FeedbackReport.objects.get().attachment == stored


def test_a_draft_still_being_changed_keeps_its_file_until_it_is_sent(tree, client):
    """ "Sửa lại" signs the draft again for 30 minutes: its file must outlive that signature."""
    check = feedback_check(client, tree.cell, attachment=feedback_file())
    stored = StoredFile.objects.get()
    _age(stored, LONG_AGO)  # the check page was opened long ago, and its draft re-signed since
    back = feedback_confirm(client, tree.cell, signed_draft(check), action="edit")
    assert purge_unsent_draft_files() == 0 and stored_path(stored).exists()
    again = client.post(reverse("feedback:send", args=[tree.cell.code]),
                        feedback_values(draft=signed_draft(back)))  # fmt: skip
    feedback_confirm(client, tree.cell, signed_draft(again))
    assert FeedbackReport.objects.get().attachment == stored


def test_a_file_replaced_on_going_back_loses_its_mark_with_it(tree, client):
    check = feedback_check(client, tree.cell, attachment=feedback_file("truoc.docx"))
    first = StoredFile.objects.get()
    back = feedback_confirm(client, tree.cell, signed_draft(check), action="edit")
    client.post(reverse("feedback:send", args=[tree.cell.code]),
                feedback_values(draft=signed_draft(back), attachment=feedback_file("sau.docx")))  # fmt: skip
    second = StoredFile.objects.get()
    assert second.original_name == "sau.docx" and not stored_path(first).exists()
    assert list(FeedbackDraftFile.objects.values_list("stored_id", flat=True)) == [second.pk]


def test_the_command_deletes_and_says_how_many(tree, client):
    feedback_check(client, tree.cell, attachment=feedback_file())
    stored = StoredFile.objects.get()
    _age(stored, LONG_AGO)
    out = StringIO()
    call_command("purge_feedback_drafts", stdout=out)
    assert "Đã xóa 1 tệp" in out.getvalue()
    assert not StoredFile.objects.exists() and not stored_path(stored).exists()
    out = StringIO()
    call_command("purge_feedback_drafts", stdout=out)
    assert "Đã xóa 0 tệp" in out.getvalue()
