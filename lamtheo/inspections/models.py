"""Inspections, supervisions and surveys of the campaign (kiểm tra, giám sát, khảo sát).

A unit (its committee, inspection commission or propaganda office) keeps one plan a year;
each inspection of the plan looks at a unit of the subtree (or one person in it) over a
period covered, by a team of people with accounts. While it is open the team reads the
inspected unit's records (orgs.scope.inspection_reach), records evidence and findings; the
conclusion (thông báo kết luận) gives each hạn chế or vi phạm a remedy, the side responsible
and a deadline, followed until the team accepts it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory, StoredFile
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Person


class InspectionPlan(models.Model):
    """The yearly plan of inspections, supervisions and surveys a unit keeps."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị lập kế hoạch", on_delete=models.PROTECT,
        related_name="inspection_plans",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên kế hoạch", max_length=300)
    version = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lập", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("thời điểm lập", auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "kế hoạch kiểm tra, giám sát"
        verbose_name_plural = "kế hoạch kiểm tra, giám sát"
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="inspection_plan_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", "Kiểm tra"
    SUPERVISION_REGULAR = "supervision_regular", "Giám sát thường xuyên"
    SUPERVISION_THEMATIC = "supervision_thematic", "Giám sát chuyên đề"
    SURVEY = "survey", "Khảo sát"


class InspectionState(models.TextChoices):
    PLANNED = "planned", "Trong kế hoạch"
    OPEN = "open", "Đang tiến hành"
    CONCLUDED = "concluded", "Đã kết luận"
    CANCELLED = "cancelled", "Đã hủy"


class Inspection(models.Model):
    plan = models.ForeignKey(
        InspectionPlan, verbose_name="kế hoạch", on_delete=models.PROTECT,
        related_name="inspections",
    )  # fmt: skip
    kind = models.CharField("hình thức", max_length=24, choices=InspectionKind.choices)
    subject = models.CharField("nội dung", max_length=300)
    # The unit inspected; for an inspection of one person, the cell they were in.
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị được kiểm tra", on_delete=models.PROTECT,
        related_name="inspected_in",
    )  # fmt: skip
    person = models.ForeignKey(
        Person, verbose_name="đảng viên được kiểm tra", null=True, blank=True,
        on_delete=models.PROTECT, related_name="inspected_in",
    )  # fmt: skip
    period_start = models.DateField("thời kỳ kiểm tra từ ngày")
    period_end = models.DateField("thời kỳ kiểm tra đến ngày")
    starts_on = models.DateField("ngày bắt đầu")
    ends_on = models.DateField("ngày kết thúc")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="đoàn kiểm tra", related_name="inspection_teams",
        blank=True,
    )  # fmt: skip
    state = models.CharField(
        "tình trạng", max_length=10, choices=InspectionState.choices,
        default=InspectionState.PLANNED,
    )  # fmt: skip
    opened_at = models.DateTimeField("thời điểm bắt đầu", null=True, blank=True)
    cancel_reason = models.TextField("lý do hủy", blank=True)
    conclusion = models.TextField("nội dung kết luận", blank=True)
    concluded_on = models.DateField("ngày kết luận", null=True, blank=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "cuộc kiểm tra, giám sát"
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=InspectionState.values),
                name="inspection_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=InspectionKind.values), name="inspection_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="inspection_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")),
                name="inspection_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["unit", "state"], name="inspection_unit_state_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state == InspectionState.OPEN


class FindingCategory(models.Model):
    """The editable list of what inspections find (bản đăng ký chung chung, …)."""

    name = models.CharField("tên nhóm", max_length=200, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "nhóm nội dung phát hiện"
        verbose_name_plural = "nhóm nội dung phát hiện"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Ưu điểm"
    SHORTCOMING = "shortcoming", "Hạn chế, khuyết điểm"
    VIOLATION = "violation", "Vi phạm"


class RemedyState(models.TextChoices):
    NONE = "none", "Không phải khắc phục"  # an ưu điểm
    PENDING = "pending", "Chờ kết luận"  # before the conclusion assigns it
    OPEN = "open", "Đang khắc phục"
    REPORTED = "reported", "Đã báo cáo khắc phục"
    ACCEPTED = "accepted", "Đã khắc phục xong"


KIND_ORDER = models.Case(
    models.When(kind="strength", then=0),
    models.When(kind="shortcoming", then=1),
    default=2,
)


class FindingQuerySet(models.QuerySet):
    def in_order(self):
        """Ưu điểm, then hạn chế, then vi phạm, each in the order written."""
        return self.order_by(KIND_ORDER, "pk")

    def needing_remedy(self):
        return self.filter(remedy_state__in=[RemedyState.OPEN, RemedyState.REPORTED])

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(remedy_state=RemedyState.OPEN, deadline__lt=today)


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name="cuộc kiểm tra", on_delete=models.CASCADE,
        related_name="findings",
    )  # fmt: skip
    kind = models.CharField("loại", max_length=12, choices=FindingKind.choices)
    category = models.ForeignKey(
        FindingCategory, verbose_name="nhóm", null=True, blank=True, on_delete=models.PROTECT,
        related_name="findings",
    )  # fmt: skip
    text = models.TextField("nội dung")
    remedy = models.TextField("yêu cầu khắc phục", blank=True)
    responsible_unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị chịu trách nhiệm", null=True, blank=True,
        on_delete=models.PROTECT, related_name="remedies",
    )  # fmt: skip
    responsible_person = models.ForeignKey(
        Person, verbose_name="người chịu trách nhiệm", null=True, blank=True,
        on_delete=models.PROTECT, related_name="remedies",
    )  # fmt: skip
    deadline = models.DateField("hạn khắc phục", null=True, blank=True)
    remedy_state = models.CharField(
        "tình trạng khắc phục", max_length=10, choices=RemedyState.choices,
        default=RemedyState.NONE,
    )  # fmt: skip
    report_text = models.TextField("kết quả khắc phục", blank=True)
    report_file = models.ForeignKey(
        StoredFile, verbose_name="minh chứng khắc phục", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    reported_at = models.DateTimeField("thời điểm báo cáo", null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người báo cáo", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    accepted_at = models.DateTimeField("thời điểm công nhận", null=True, blank=True)
    reopen_reason = models.TextField("lý do yêu cầu khắc phục tiếp", blank=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ghi", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = "nội dung phát hiện"
        verbose_name_plural = "nội dung phát hiện"
        ordering = ["inspection", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=FindingKind.values), name="finding_kind_valid"
            ),
            # A hạn chế or vi phạm carries its remedy, who answers for it and a deadline.
            models.CheckConstraint(
                condition=models.Q(kind=FindingKind.STRENGTH)
                | (
                    ~models.Q(remedy="")
                    & models.Q(deadline__isnull=False)
                    & (
                        models.Q(responsible_unit__isnull=False)
                        | models.Q(responsible_person__isnull=False)
                    )
                ),
                name="finding_remedy_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=FindingKind.STRENGTH, remedy_state=RemedyState.NONE)
                | (~models.Q(kind=FindingKind.STRENGTH) & ~models.Q(remedy_state=RemedyState.NONE)),
                name="finding_remedy_state_fits_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["remedy_state", "deadline"], name="finding_remedy_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def needs_remedy(self) -> bool:
        return self.kind != FindingKind.STRENGTH

    @property
    def is_overdue(self) -> bool:
        return (
            self.remedy_state == RemedyState.OPEN
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )


class Evidence(models.Model):
    """A note or a file the team keeps as evidence of an inspection."""

    inspection = models.ForeignKey(
        Inspection, verbose_name="cuộc kiểm tra", on_delete=models.CASCADE,
        related_name="evidence",
    )  # fmt: skip
    note = models.TextField("ghi chép", blank=True)
    file = models.ForeignKey(
        StoredFile, verbose_name="tệp", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ghi", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "tài liệu, minh chứng"
        verbose_name_plural = "tài liệu, minh chứng"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(note="") | models.Q(file__isnull=False),
                name="evidence_note_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.note[:60] or "Tệp minh chứng"


# --- pre-aggregated figures (inspections.figures keeps them, core.figures tells it) -------


class InspectionYearStat(models.Model):
    """The inspections of a year's plans counted by the unit whose plan holds them (the
    level that runs them), by kind and state. A page adds up the rows of a subtree by
    `path`, the unit's path when counted."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    path = models.CharField(max_length=255)
    kind = models.CharField(max_length=24, choices=InspectionKind.choices)
    state = models.CharField(max_length=10, choices=InspectionState.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "state"], name="inspectionyearstat_unique"
            ),
        ]
        indexes = [models.Index(fields=["year", "path"], name="inspectionyearstat_year_path")]


class FindingYearStat(models.Model):
    """The findings of a year's inspections (not cancelled) counted by the unit inspected,
    by category, kind, state of the remedy and its deadline. The deadline is kept whole so
    that "overdue" (open, deadline before today) is read at the moment of reading: no row
    has to change at midnight, and no nightly job has to run for the figures to stay right."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    path = models.CharField(max_length=255)
    category = models.ForeignKey(
        FindingCategory, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=FindingKind.choices)
    remedy_state = models.CharField(max_length=10, choices=RemedyState.choices)
    deadline = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["year", "path"], name="findingyearstat_year_path")]


# Discipline lives in its own subpackage; its models are named here so that Django (which
# reads an app's models from models.py) sees them.
from lamtheo.inspections.discipline.models import (  # noqa: E402
    DisciplineAuthority,
    DisciplineRecord,
    DisciplineStat,
)

__all__ = ["DisciplineAuthority", "DisciplineRecord", "DisciplineStat"]
# The feedback channel's records live in their own subpackage (lamtheo/inspections/feedback/)
# but belong to this app: imported here by name so that Django and the migrations see them.
from lamtheo.inspections.feedback.models import (  # noqa: E402, F401
    FeedbackDraftFile,
    FeedbackReport,
    PublicAttempt,
)
