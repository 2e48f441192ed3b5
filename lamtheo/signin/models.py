"""The state of a person's two-factor sign-in, audited. The secrets themselves are
django-otp's devices (a TOTP key, the recovery codes); this record says when the second step
was turned on, when the recovery codes were made, and its history says who turned it off or
reset it and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory


class TwoFactor(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="two_factor",
    )
    turned_on_at = models.DateTimeField("bật từ", null=True, blank=True)
    codes_made_at = models.DateTimeField("mã dự phòng tạo lúc", null=True, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "xác thực hai bước"
        verbose_name_plural = "xác thực hai bước"
