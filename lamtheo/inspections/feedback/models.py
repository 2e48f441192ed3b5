"""A feedback report (phản ánh) and the attempts that the public pages count.

A report concerns a unit (and possibly one of its members, named in free text or picked by
a signed-in sender). It is routed when received to the level that oversees the unit
(`routed_to`, with the capability that reads it there: `handler`), and only those may read
it (orgs.scope.may_handle_feedback). The sender is a signed-in user, a contact left on the
public form, or nobody (anonymous); they follow the outcome with the reference code and the
secret given once on the confirmation page (only the secret's keyed hash is kept).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory, StoredFile
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Person


class FeedbackState(models.TextChoices):
    NEW = "new", "Mới nhận, chờ xử lý"
    FORWARDED = "forwarded", "Được chuyển đến, chờ xử lý"
    ACCEPTED = "accepted", "Đã tiếp nhận để xem xét"
    REJECTED = "rejected", "Không tiếp nhận"


WAITING_STATES = (FeedbackState.NEW, FeedbackState.FORWARDED)


class FeedbackHandler(models.TextChoices):
    """Who receives the report at the routed unit (orgs.scope.FEEDBACK_HANDLERS)."""

    COMMISSION = "handle_feedback", "Ủy ban kiểm tra"
    COMMITTEE = "handle_feedback_as_committee", "Cấp ủy (chưa có ủy ban kiểm tra)"


class FeedbackQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state__in=WAITING_STATES)


class FeedbackReport(models.Model):
    reference = models.CharField("mã tra cứu", max_length=16, unique=True)
    secret_hash = models.CharField("mã bí mật (đã băm)", max_length=64)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị bị phản ánh", on_delete=models.PROTECT,
        related_name="feedback_about",
    )  # fmt: skip
    person = models.ForeignKey(
        Person, verbose_name="đảng viên bị phản ánh", null=True, blank=True,
        on_delete=models.PROTECT, related_name="feedback_about",
    )  # fmt: skip
    person_named = models.CharField("người bị phản ánh (theo lời người gửi)", max_length=200,
                                    blank=True)  # fmt: skip
    what = models.TextField("nội dung phản ánh")
    happened_on = models.DateField("ngày xảy ra")
    attachment = models.ForeignKey(
        StoredFile, verbose_name="tệp kèm theo", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    anonymous = models.BooleanField("ẩn danh", default=False)
    contact_name = models.CharField("họ và tên người gửi", max_length=120, blank=True)
    contact_phone = models.CharField("điện thoại người gửi", max_length=20, blank=True)
    contact_email = models.EmailField("thư điện tử người gửi", blank=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người gửi (có tài khoản)", null=True,
        blank=True, on_delete=models.SET_NULL, related_name="feedback_sent",
    )  # fmt: skip
    routed_to = models.ForeignKey(
        OrgUnit, verbose_name="cấp tiếp nhận", on_delete=models.PROTECT,
        related_name="feedback_received",
    )  # fmt: skip
    handler = models.CharField("bộ phận tiếp nhận", max_length=32,
                               choices=FeedbackHandler.choices)  # fmt: skip
    state = models.CharField(
        "tình trạng", max_length=10, choices=FeedbackState.choices, default=FeedbackState.NEW
    )
    forwarded_from = models.ForeignKey(
        OrgUnit, verbose_name="chuyển từ cấp", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    forward_reason = models.TextField("lý do chuyển", blank=True)
    decision = models.TextField("kết quả xử lý", blank=True)
    decided_at = models.DateTimeField("thời điểm xử lý", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người xử lý", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name="cuộc kiểm tra đã mở", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="feedback_reports",
    )  # fmt: skip
    form_token = models.UUIDField("mã lần gửi", null=True, blank=True, unique=True,
                                  editable=False)  # fmt: skip
    received_at = models.DateTimeField("thời điểm nhận", auto_now_add=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    history = HistoricalRecords(bases=[AuditedHistory], excluded_fields=["secret_hash"])

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        app_label = "inspections"
        verbose_name = "phản ánh"
        verbose_name_plural = "phản ánh"
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=FeedbackState.values), name="feedback_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(handler__in=FeedbackHandler.values),
                name="feedback_handler_valid",
            ),
            # Never routed to the unit concerned itself.
            models.CheckConstraint(
                condition=~models.Q(routed_to=models.F("unit")), name="feedback_not_to_itself"
            ),
            # Anonymous means no name, no contact and no account behind it.
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(
                    contact_name="", contact_phone="", contact_email="", sender__isnull=True
                ),
                name="feedback_anonymous_has_no_sender",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=models.Q(state=FeedbackState.ACCEPTED)
                | models.Q(inspection__isnull=True),
                name="feedback_inspection_only_when_accepted",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=FeedbackState.REJECTED) | ~models.Q(decision=""),
                name="feedback_rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["routed_to", "state"], name="feedback_routed_state_idx"),
        ]

    def __str__(self) -> str:
        return f"Phản ánh {self.reference}"

    @property
    def is_waiting(self) -> bool:
        return self.state in WAITING_STATES

    @property
    def sender_known(self) -> bool:
        return self.sender_id is not None or bool(self.contact_email)


class PublicAttempt(models.Model):
    """One use of a public page (a report sent, a look-up tried) by a client, kept an hour
    or so to limit how often one client may use it. The client is a keyed hash of its
    address (or of its account), never the address itself: the rows cannot be turned back
    into who sent an anonymous report."""

    kind = models.CharField(max_length=16)
    client = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "inspections"
        indexes = [models.Index(fields=["kind", "client", "at"], name="public_attempt_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%d/%m/%Y %H:%M}"


class FeedbackDraftFile(models.Model):
    """A file stored at the form step of a report not sent yet (its check page is open, or
    was left). Sending the report with it removes the mark; a file still marked well after
    its draft can no longer be sent is deleted by `purge_feedback_drafts` (services.
    purge_unsent_draft_files): nobody sent it, so nobody keeps it."""

    stored = models.OneToOneField(
        StoredFile, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # The last time a draft carrying the file was signed (check page, "Sửa lại"): a draft is
    # valid drafts.MAX_AGE after it is signed, so the file is needed until then, no longer.
    signed_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "inspections"

    def __str__(self) -> str:
        return f"Tệp của phản ánh chưa gửi ({self.signed_at:%d/%m/%Y %H:%M})"
