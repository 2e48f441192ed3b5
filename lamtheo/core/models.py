"""Cross-cutting records: in-app notices, the log of views of personal records, and the
base of every audit-history table."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notice(models.Model):
    """An in-app notice (thông báo), e.g. a reminder to submit the month's handbook."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=255, blank=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who the sender was when it was sent, e.g. "Bí thư Chi bộ Khoa Nội" (roles change).
    sender_title = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]


# Long enough for lamtheo.<package>.<record>.<verb>, e.g.
# "lamtheo.learning.meetings.attendance.removed_from_list".
ACTION_CODE_LENGTH = 100


class AuditedHistory(models.Model):
    """The base of every django-simple-history table (HistoricalRecords(bases=[…])): each
    row carries the code of the action that wrote it beside the Vietnamese reason, so that
    reports and the API can count actions (core.audit.tag, core.audit.count_actions). No
    choices: the codes live in each app's actions.py and adding one needs no migration."""

    history_action = models.CharField(
        "mã thao tác", max_length=ACTION_CODE_LENGTH, blank=True, db_index=True
    )

    class Meta:
        abstract = True


class RecordView(models.Model):
    """Someone other than the person opened that person's handbook or registration."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    action = models.CharField("mã thao tác", max_length=ACTION_CODE_LENGTH, db_index=True)
    what = models.CharField(max_length=100)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]


class StoredFile(models.Model):
    """An uploaded file kept outside the web root (see core/uploads.py); the record that
    owns it (a topic's material, an issued document) decides who may download it."""

    key = models.CharField(max_length=32, unique=True)  # random; the name on disk
    original_name = models.CharField(max_length=160)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]


class SubmittedForm(models.Model):
    """A create form already answered: the one-time token it carried (core.form_tokens) and
    the record it created, so that the same form posted again answers with that record."""

    token = models.UUIDField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="submitted_form_once"),
        ]
