"""Annual registrations (bản đăng ký học tập và làm theo) and their items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Person


class ContentArea(models.Model):
    """A part of the registration (seed 004 has three). Set per unit; a unit
    without its own uses its nearest ancestor's, and the defaults (unit null) at the top."""

    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="content_areas"
    )
    title = models.CharField("nội dung", max_length=255)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "nhóm nội dung đăng ký"
        verbose_name_plural = "nhóm nội dung đăng ký"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    SUBMITTED = "submitted", "Đã nộp, chờ chi bộ xem xét"
    RETURNED = "returned", "Chi bộ trả lại để sửa"
    ACCEPTED = "accepted", "Chi bộ đã thông qua"


# A registration counts once the person has submitted it, and while the cell has not sent it
# back: submitted (waiting for the cell) or accepted. One home for this rule: the figures,
# the handbook (which needs a registration) and the lists all use these names.
REGISTERED = (PledgeStatus.SUBMITTED, PledgeStatus.ACCEPTED)


def registered_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": REGISTERED})


class PledgeQuerySet(models.QuerySet):
    def registered(self) -> PledgeQuerySet:
        return self.filter(registered_q())


class Pledge(models.Model):
    person = models.ForeignKey(
        Person, verbose_name="đảng viên", on_delete=models.CASCADE, related_name="pledges"
    )
    year = models.PositiveSmallIntegerField("năm")
    unit = models.ForeignKey(
        OrgUnit, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="pledges"
    )
    status = models.CharField(
        "tình trạng", max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    version = models.PositiveIntegerField("phiên bản", default=1)
    submitted_at = models.DateTimeField("thời điểm nộp", null=True, blank=True)
    decided_at = models.DateTimeField("thời điểm chi bộ xem xét", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xem xét",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_comment = models.TextField("ý kiến của chi bộ", blank=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = "bản đăng ký"
        verbose_name_plural = "bản đăng ký"
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="pledge_one_per_person_year"),
        ]
        indexes = [models.Index(fields=["unit", "year", "status"], name="pledge_unit_year_idx")]

    def __str__(self) -> str:
        return f"Bản đăng ký năm {self.year} – {self.person}"

    @property
    def is_editable_by_member(self) -> bool:
        return self.status in (PledgeStatus.DRAFT, PledgeStatus.RETURNED)

    @property
    def is_registered(self) -> bool:
        return self.status in REGISTERED


class PledgeItem(models.Model):
    pledge = models.ForeignKey(
        Pledge, verbose_name="bản đăng ký", on_delete=models.CASCADE, related_name="items"
    )
    area = models.ForeignKey(ContentArea, verbose_name="nhóm nội dung", on_delete=models.PROTECT)
    text = models.TextField("việc làm cụ thể")
    target = models.CharField("chỉ tiêu, kết quả cần đạt", max_length=500, blank=True)
    timeframe = models.CharField("thời hạn hoặc tần suất", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    # Set by the quality check of the wording (pledges.quality), not by the person.
    is_specific = models.BooleanField("đủ cụ thể", null=True, editable=False)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        ordering = ["area__order", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Publication(models.Model):
    """A key leader's registration made public by a unit (công khai chương trình hành động
    cá nhân, seed 004). Unpublishing keeps the row (is_published=False) so the audit trail
    shows who published and withdrew it, and when."""

    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="tổ chức đảng công khai",
        on_delete=models.CASCADE,
        related_name="publications",
    )
    pledge = models.ForeignKey(
        Pledge, verbose_name="bản đăng ký", on_delete=models.CASCADE, related_name="publications"
    )
    is_published = models.BooleanField("đang công khai", default=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người công khai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("ngày công khai", null=True, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "chương trình hành động được công khai"
        verbose_name_plural = "chương trình hành động được công khai"
        constraints = [
            models.UniqueConstraint(fields=["unit", "pledge"], name="publication_one_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.pledge} – công khai tại {self.unit}"
