"""`manage.py purge_feedback_drafts`: delete the files attached to feedback reports that were
checked but never sent (run hourly, see docs/operator-guide.md). Running it twice deletes
nothing more."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lamtheo.inspections.feedback.services import purge_unsent_draft_files


class Command(BaseCommand):
    help = "Xóa tệp đính kèm của các phản ánh đã kiểm tra nhưng không được gửi."

    def handle(self, *args, **options) -> None:
        count = purge_unsent_draft_files()
        self.stdout.write(f"Đã xóa {count} tệp đính kèm của phản ánh không được gửi.")
