"""The stored signals: one row per cell, month and kind where a signal fired."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from lamtheo.orgs.models import OrgUnit


class SignalKind(models.TextChoices):
    NOTES_COPIED = "notes_copied", "Sổ tay chép lại"
    PLEDGES_COPIED = "pledges_copied", "Bản đăng ký giống nhau"
    REVIEW_BURST = "review_burst", "Nhận xét hàng loạt trong vài giây"
    BACKFILL = "backfill", "Nộp bù nhiều tháng trong một ngày"
    ALL_TOP = "all_top", "Cả chi bộ cùng xếp loại cao nhất"
    MINUTES_SAME = "minutes_same", "Biên bản giống kỳ trước"
    VAGUE_SHARE = "vague_share", "Nhiều việc đăng ký chung chung"


# The kinds counted over a year (the registrations), stored on the first month of the year.
YEARLY_KINDS = frozenset({SignalKind.PLEDGES_COPIED, SignalKind.VAGUE_SHARE})


class Signal(models.Model):
    """A signal that fired for a cell in a month (or a year, for YEARLY_KINDS): how many
    records show it out of how many, a score from 0 to 1 for ranking, and the ids of the
    records behind it (the evidence page opens them, logged). Derived data: rebuilt by
    compute_signals, never edited, so not audited (like the figures)."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="chi bộ", on_delete=models.CASCADE, related_name="+"
    )
    # The cell's path when computed: the pages filter a subtree on it.
    path = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField("năm")
    month = models.DateField("tháng")  # the first day of the month (of the year: yearly kinds)
    kind = models.CharField("dấu hiệu", max_length=20, choices=SignalKind.choices)
    score = models.FloatField("mức độ")
    count = models.PositiveIntegerField("số bản ghi có dấu hiệu")
    total = models.PositiveIntegerField("trên tổng số")
    evidence = models.JSONField("căn cứ", default=dict)
    computed_at = models.DateTimeField("thời điểm tính")

    class Meta:
        verbose_name = "dấu hiệu hình thức"
        verbose_name_plural = "dấu hiệu hình thức"
        ordering = ["-score", "path", "month"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "month"], name="signal_one_per_month"),
            models.CheckConstraint(
                condition=Q(kind__in=SignalKind.values), name="signal_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="signal_score_range"
            ),
            models.CheckConstraint(
                condition=Q(count__lte=models.F("total")), name="signal_count_le_total"
            ),
        ]
        indexes = [models.Index(fields=["year", "path"], name="signal_year_path_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.unit_id} – {self.month:%m/%Y}"
