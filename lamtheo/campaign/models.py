"""Campaigns (directives), their topics per year with study materials, and the list of the
27 manifestations of decline (Nghị quyết 04-NQ/TW) used by the monthly self-check."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory, StoredFile
from lamtheo.orgs.models import OrgUnit


class Campaign(models.Model):
    name = models.CharField("tên cuộc vận động", max_length=255)
    directive = models.CharField("văn bản chỉ đạo", max_length=255, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "cuộc vận động"
        verbose_name_plural = "cuộc vận động"

    def __str__(self) -> str:
        return self.name


class TopicKind(models.TextChoices):
    TERM = "term", "Chuyên đề toàn khóa"
    ANNUAL = "annual", "Chuyên đề hằng năm"


class Topic(models.Model):
    """A topic owned by a unit; its subtree inherits it unless a lower unit sets its own.
    A topic without a unit is the central one (set by the Central Committee)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="cuộc vận động", on_delete=models.PROTECT, related_name="topics"
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="tổ chức đảng lựa chọn",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="topics",
    )
    kind = models.CharField(
        "loại chuyên đề", max_length=10, choices=TopicKind.choices, default=TopicKind.ANNUAL
    )
    year = models.PositiveSmallIntegerField("năm")
    year_end = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    title = models.TextField("tên chuyên đề")
    summary = models.TextField("tóm tắt", blank=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "chuyên đề"
        verbose_name_plural = "chuyên đề"
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind"], name="topic_one_per_unit_year"
            ),
            # NULL units are distinct in a unique index: the central topics need their own.
            models.UniqueConstraint(
                fields=["year", "kind"],
                condition=Q(unit__isnull=True),
                name="topic_one_central_per_year",
            ),
            models.CheckConstraint(
                condition=Q(year_end__isnull=True) | Q(year_end__gte=models.F("year")),
                name="topic_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    @property
    def years_label(self) -> str:
        if self.year_end and self.year_end != self.year:
            return f"{self.year}–{self.year_end}"
        return str(self.year)

    def covers(self, year: int) -> bool:
        return self.year <= year <= (self.year_end or self.year)


class TopicMaterial(models.Model):
    """A study material (tài liệu học tập) attached to a topic; downloaded only through
    campaign.views.material_download, which checks that the topic is in the user's reach."""

    topic = models.ForeignKey(
        Topic, verbose_name="chuyên đề", on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField("tên tài liệu", max_length=255)
    file = models.ForeignKey(
        StoredFile, verbose_name="tệp tài liệu", on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thêm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField("thời điểm thêm", auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "tài liệu học tập"
        verbose_name_plural = "tài liệu học tập"
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title


class ManifestationGroup(models.TextChoices):
    POLITICAL = "a", "Suy thoái về tư tưởng chính trị"
    ETHICAL = "b", "Suy thoái về đạo đức, lối sống"
    SELF_EVOLUTION = "c", "Biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ"


class Manifestation(models.Model):
    """One of the 27 manifestations (Nghị quyết 04-NQ/TW, Hội nghị Trung ương 4 khóa XII).
    The labels shipped are short paraphrases; an administrator may paste the official text."""

    group = models.CharField("nhóm", max_length=1, choices=ManifestationGroup.choices)
    number = models.PositiveSmallIntegerField("số thứ tự trong nhóm")
    label = models.TextField("nội dung biểu hiện")
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "biểu hiện suy thoái"
        verbose_name_plural = "27 biểu hiện suy thoái (Nghị quyết 04-NQ/TW)"
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="manifestation_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=9), name="manifestation_number_1_to_9"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"

    @property
    def code(self) -> str:
        return f"{self.group}{self.number}"
