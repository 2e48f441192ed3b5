"""Short stories and sayings about Hồ Chí Minh's example, read at the morning briefing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from lamtheo.orgs.models import OrgUnit

__all__ = ["Story", "StoryCadence", "StoryReading", "StorySetting"]


class Story(models.Model):
    title = models.CharField("tiêu đề", max_length=255)
    text = models.TextField("nội dung")
    source = models.CharField("nguồn", max_length=255)
    tags = models.CharField(
        "từ khóa", max_length=255, blank=True, help_text="Các từ khóa cách nhau bằng dấu phẩy."
    )
    # Kept by the services from title, text and tags: diacritic-free, for search.
    search_key = models.TextField("khóa tìm kiếm", editable=False, default="")
    is_active = models.BooleanField("đang dùng", default=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        verbose_name = "mẩu chuyện"
        verbose_name_plural = "mẩu chuyện"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class StoryCadence(models.TextChoices):
    DAILY = "daily", "Mỗi ngày một mẩu chuyện"
    WEEKLY = "weekly", "Mỗi tuần một mẩu chuyện"


class StorySetting(models.Model):
    """How often a unit (and its subtree) changes story; the row without a unit is the
    default for everyone."""

    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="tổ chức đảng",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    cadence = models.CharField(
        "nhịp đọc", max_length=10, choices=StoryCadence.choices, default=StoryCadence.DAILY
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cài đặt mẩu chuyện"
        verbose_name_plural = "cài đặt mẩu chuyện"
        constraints = [
            # One row per unit and one global row (NULL would not collide with NULL).
            models.UniqueConstraint(Coalesce("unit", Value(0)), name="storysetting_one_per_unit"),
        ]


class StoryReading(models.Model):
    """A story read at a unit's briefing. `period` is the day, or the Monday of the week;
    `cycle` counts the passes through the library, so no story repeats within one."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="story_readings")
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="readings")
    period = models.DateField("kỳ")
    cycle = models.PositiveIntegerField(default=1)
    read_on = models.DateField("ngày đọc")
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lượt đọc mẩu chuyện"
        verbose_name_plural = "lượt đọc mẩu chuyện"
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="storyreading_one_per_period"),
            models.UniqueConstraint(
                fields=["unit", "cycle", "story"], name="storyreading_no_repeat_in_cycle"
            ),
        ]
