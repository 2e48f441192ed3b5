"""Campaigns (directives) and their topics per year."""

from __future__ import annotations

from django.db import models

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
    """A topic owned by a unit; its subtree inherits it unless a lower unit sets its own."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="topics")
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="topics")
    kind = models.CharField(max_length=10, choices=TopicKind.choices, default=TopicKind.ANNUAL)
    year = models.PositiveSmallIntegerField("năm")
    year_end = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    title = models.TextField("tên chuyên đề")
    summary = models.TextField("tóm tắt", blank=True)

    class Meta:
        verbose_name = "chuyên đề"
        verbose_name_plural = "chuyên đề"
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="topic_one_per_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"
