"""Whether a person was at a study session or a cell meeting: one meaning, one enum, shared by
both parts of the app."""

from __future__ import annotations

from django.db import models


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Có mặt"
    EXCUSED = "excused", "Vắng có lý do"
    UNEXCUSED = "unexcused", "Vắng không lý do"
