"""The monthly handbook (sổ tay "Làm theo gương Bác") and the cell's review of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Person
from lamtheo.pledges.models import Pledge, PledgeItem


class Progress(models.TextChoices):
    DONE = "done", "Đã thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    NOT_DONE = "not_done", "Chưa thực hiện"


class Rating(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc"
    GOOD = "good", "Hoàn thành tốt"
    DONE = "done", "Hoàn thành"
    NOT_DONE = "not_done", "Chưa hoàn thành"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Đang viết"
    SUBMITTED = "submitted", "Đã nộp, chờ nhận xét"
    RETURNED = "returned", "Chi bộ trả lại để bổ sung"
    REVIEWED = "reviewed", "Chi bộ đã nhận xét"


# A month counts as submitted once the person has handed it in and while the cell has not sent
# it back: submitted (waiting for the review) or reviewed. A returned entry waits to be
# resubmitted. One home for this rule: figures, lists and pages use these names.
SUBMITTED = (EntryStatus.SUBMITTED, EntryStatus.REVIEWED)


def submitted_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": SUBMITTED})


class HandbookEntryQuerySet(models.QuerySet):
    def submitted(self) -> HandbookEntryQuerySet:
        return self.filter(submitted_q())


class HandbookEntry(models.Model):
    person = models.ForeignKey(
        Person, verbose_name="đảng viên", on_delete=models.CASCADE, related_name="handbook_entries"
    )
    month = models.DateField("tháng")  # always the first day of the month
    # The cell the person belonged to in that month: it is counted there.
    unit = models.ForeignKey(
        OrgUnit, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="handbook_entries"
    )
    pledge = models.ForeignKey(
        Pledge,
        verbose_name="bản đăng ký",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    status = models.CharField(
        "tình trạng", max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    version = models.PositiveIntegerField("phiên bản", default=1)
    self_assessment = models.TextField("tự đánh giá", blank=True)
    self_rating = models.CharField("tự xếp loại", max_length=20, choices=Rating.choices, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập thay",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Người nhập thay, nếu không phải chính đảng viên.",
    )
    first_submitted_at = models.DateTimeField("thời điểm nộp lần đầu", null=True, blank=True)
    submitted_at = models.DateTimeField("thời điểm nộp", null=True, blank=True)
    on_time = models.BooleanField("nộp đúng hạn", default=False)
    return_comment = models.TextField("lý do trả lại", blank=True)
    review_comment = models.TextField("nhận xét của chi bộ", blank=True)
    review_rating = models.CharField(
        "chi bộ xếp loại", max_length=20, choices=Rating.choices, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận xét",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("thời điểm nhận xét", null=True, blank=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    objects = HandbookEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "sổ tay tháng"
        verbose_name_plural = "sổ tay tháng"
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="entry_one_per_person_month"),
        ]
        indexes = [
            models.Index(fields=["unit", "month", "status"], name="entry_unit_month_idx"),
            # Covers the rebuild's grouped count of a year's entries (dashboard/figures.py).
            models.Index(
                fields=["month", "unit", "status", "on_time"], name="entry_month_unit_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Sổ tay tháng {self.month:%m/%Y} – {self.person}"

    @property
    def is_editable_by_member(self) -> bool:
        return self.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)

    @property
    def is_submitted(self) -> bool:
        return self.status in SUBMITTED

    @property
    def rating_disagrees(self) -> bool:
        return bool(
            self.review_rating and self.self_rating and self.review_rating != self.self_rating
        )


class EntryItem(models.Model):
    """What the person did this month for one registration item."""

    entry = models.ForeignKey(
        HandbookEntry, verbose_name="sổ tay tháng", on_delete=models.CASCADE, related_name="items"
    )
    item = models.ForeignKey(
        PledgeItem, verbose_name="việc làm cụ thể", on_delete=models.PROTECT, related_name="results"
    )
    progress = models.CharField("kết quả", max_length=20, choices=Progress.choices)
    note = models.TextField("ghi chú", blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "item"], name="entry_item_unique"),
        ]


class SelfCheck(models.Model):
    """A person's private self-check of the month against the 27 manifestations of decline
    (Nghị quyết 04-NQ/TW): what they recognize in themselves and what they will correct.
    Only the person and the secretaries of the cell they belonged to that month may read
    it (handbook.selectors.selfcheck_access); the dashboards show counts only."""

    person = models.ForeignKey(
        Person, verbose_name="đảng viên", on_delete=models.CASCADE, related_name="self_checks"
    )
    month = models.DateField("tháng")  # always the first day of the month
    unit = models.ForeignKey(
        OrgUnit, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="+"
    )
    correction = models.TextField("việc sẽ sửa chữa, khắc phục", blank=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "tự soi, tự sửa"
        verbose_name_plural = "tự soi, tự sửa"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month"], name="selfcheck_one_per_person_month"
            ),
        ]
        indexes = [models.Index(fields=["unit", "month"], name="selfcheck_unit_month_idx")]

    def __str__(self) -> str:
        return f"Tự soi tháng {self.month:%m/%Y} – {self.person}"


class SelfCheckMark(models.Model):
    """One manifestation the person recognized in themselves that month."""

    selfcheck = models.ForeignKey(
        SelfCheck, verbose_name="tự soi, tự sửa", on_delete=models.CASCADE, related_name="marks"
    )
    manifestation = models.ForeignKey(
        "campaign.Manifestation",
        verbose_name="biểu hiện",
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["selfcheck", "manifestation"], name="selfcheck_mark_unique"
            ),
        ]


class SelfCheckStat(models.Model):
    """Counts only, one set per cell per month: how many people ticked at least one item
    (the row without a manifestation) and how many ticked each item. Kept in the same
    transaction as the self-check (handbook.figures), rebuilt by `rebuild_stats`. The path
    is the cell's path that month, as for the dashboard's rows."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    path = models.CharField(max_length=255)
    manifestation = models.ForeignKey(
        "campaign.Manifestation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "manifestation"],
                condition=models.Q(manifestation__isnull=False),
                name="selfcheckstat_unique_item",
            ),
            models.UniqueConstraint(
                fields=["unit", "month"],
                condition=models.Q(manifestation__isnull=True),
                name="selfcheckstat_unique_people",
            ),
        ]
        indexes = [models.Index(fields=["month", "path"], name="selfcheckstat_month_path")]
