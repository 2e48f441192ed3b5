"""The state of a person's account beside Django's User: whether the password is still a
one-time code that must be changed, who issued that code and when, and why it is locked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.orgs.models import OrgUnit


class AccountStatus(models.TextChoices):
    """What the list of a unit's people shows for each person (derived, never stored)."""

    NONE = "none", "Chưa có tài khoản"
    WAITING = "waiting", "Chờ đăng nhập lần đầu"
    ACTIVE = "active", "Đang hoạt động"
    LOCKED = "locked", "Đã khóa"


class BatchKind(models.TextChoices):
    UNIT = "unit", "Cấp cho mọi người chưa có tài khoản của một tổ chức"
    PERSON = "person", "Cấp cho một người"
    RESET = "reset", "Bí thư cấp mã mới cho đảng viên của chi bộ"
    IMPORT = "import", "Cấp cho những người vừa nhập từ tệp danh sách"


class IssueBatch(models.Model):
    """One press of an issuing button: the codes issued together (the record a second press
    of the same form finds, so that a double click issues one batch)."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="tổ chức đảng", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại", max_length=10, choices=BatchKind.choices)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cấp",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField("thời điểm cấp", default=timezone.now)
    size = models.PositiveIntegerField("số người", default=0)

    class Meta:
        verbose_name = "lượt cấp mã đăng nhập"
        verbose_name_plural = "lượt cấp mã đăng nhập"


class AccountState(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="account_state",
    )
    # The password is a one-time code: the first log-in must set a new password first.
    must_change_password = models.BooleanField("phải đặt mật khẩu mới", default=False)
    code_issued_at = models.DateTimeField("cấp mã lúc", null=True, blank=True)
    code_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cấp mã",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    batch = models.ForeignKey(
        IssueBatch,
        verbose_name="lượt cấp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="states",
    )
    password_set_at = models.DateTimeField("đặt mật khẩu lúc", null=True, blank=True)
    locked_reason = models.CharField("lý do khóa", max_length=500, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "trạng thái tài khoản"
        verbose_name_plural = "trạng thái tài khoản"
