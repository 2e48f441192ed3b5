"""The tree of party organizations and the roles people hold on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.orgs.tree import PATH_MAX_LENGTH, path_ids


class UnitKind(models.TextChoices):
    BLOC = "bloc", "Đảng bộ khối"
    PROVINCE = "province", "Đảng bộ tỉnh, thành phố"
    DISTRICT = "district", "Đảng bộ huyện (trước 01/7/2025)"
    COMMUNE = "commune", "Đảng bộ xã, phường, đặc khu"
    GRASSROOTS = "grassroots", "Đảng bộ cơ sở"
    PARTIAL = "partial", "Đảng bộ bộ phận"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    CELL = "cell", "Chi bộ trực thuộc"


# Units whose members are registered directly (a chi bộ of either kind).
CELL_KINDS = frozenset({UnitKind.GRASSROOTS_CELL, UnitKind.CELL})


class OrgUnit(models.Model):
    code = models.CharField("mã đơn vị", max_length=32, unique=True)
    name = models.CharField("tên tổ chức đảng", max_length=255)
    kind = models.CharField("loại", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=PATH_MAX_LENGTH, unique=True)
    depth = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS

    def ancestor_ids(self) -> list[int]:
        return path_ids(self.path)


class RoleKind(models.TextChoices):
    SECRETARY = "secretary", "Bí thư"
    DEPUTY = "deputy", "Phó bí thư"
    COMMITTEE = "committee", "Cấp ủy viên"
    INSPECTOR = "inspector", "Ủy viên Ủy ban kiểm tra"
    PROPAGANDA = "propaganda", "Cán bộ Ban Tuyên giáo"
    ADMIN = "admin", "Quản trị hệ thống"


def current_role_q(on, prefix: str = "") -> Q:
    """Roles held on the day `on`: started by then, not yet ended (end_date is the first day
    the role is no longer held). orgs.scope asks this with today's date."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": on})
    )


class Role(models.Model):
    """A role held on a unit from start_date until end_date (open when empty); what it
    opens is decided in orgs.scope, only on the days it is current."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="roles",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="tổ chức đảng", on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField("vai trò", max_length=20, choices=RoleKind.choices)
    start_date = models.DateField("từ ngày", default=timezone.localdate)
    end_date = models.DateField("thôi giữ từ ngày", null=True, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "kind"],
                condition=Q(end_date__isnull=True),
                name="role_one_open_per_unit",
            ),
            # One secretary at a time (orgs.services.sole_holder_problem says it in words).
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(kind="secretary", end_date__isnull=True),
                name="role_one_open_secretary_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="role_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.unit}"


class UnitSettings(models.Model):
    """What a unit's administrator sets for the unit and, unless a unit below sets its own,
    for its whole subtree (orgs.selectors.document_place reads the nearest one)."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name="tổ chức đảng", on_delete=models.CASCADE, related_name="settings"
    )
    # The place name before the date of the documents the app prints
    # ("Nha Trang, ngày 05 tháng 3 năm 2026"); empty: the one of the unit above.
    document_place = models.CharField("địa danh ghi trên văn bản", max_length=100, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "cài đặt của đơn vị"
        verbose_name_plural = "cài đặt của đơn vị"

    def __str__(self) -> str:
        return f"Cài đặt – {self.unit}"
