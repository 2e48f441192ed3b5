"""People, their membership of cells over time, and exemptions."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.orgs.models import OrgUnit


def covering_q(month: date, prefix: str = "") -> Q:
    """A run of months [start_month, end_month) that covers `month` (a membership, an
    exemption; `prefix` reaches one through a relation, e.g. "memberships__")."""
    return Q(**{f"{prefix}start_month__lte": month}) & (
        Q(**{f"{prefix}end_month__isnull": True}) | Q(**{f"{prefix}end_month__gt": month})
    )


def covers(start: date, end: date | None, month: date) -> bool:
    """covering_q for a run already read: [start, end) covers `month`."""
    return start <= month and (end is None or end > month)


def overlapping_q(first: date, last: date, prefix: str = "") -> Q:
    """A run of months that covers at least one month from `first` to `last`."""
    return Q(**{f"{prefix}start_month__lte": last}) & (
        Q(**{f"{prefix}end_month__isnull": True}) | Q(**{f"{prefix}end_month__gt": first})
    )


class MonthRunQuerySet(models.QuerySet):
    """Memberships and exemptions both run over months [start_month, end_month)."""

    def covering(self, month: date) -> MonthRunQuerySet:
        return self.filter(covering_q(month))

    def overlapping(self, first: date, last: date) -> MonthRunQuerySet:
        return self.filter(overlapping_q(first, last))


class MemberStatus(models.TextChoices):
    FULL = "full", "Đảng viên chính thức"
    PROBATIONARY = "probationary", "Đảng viên dự bị"
    NON_MEMBER = "non_member", "Quần chúng"


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    code = models.CharField("mã định danh", max_length=32, unique=True)
    full_name = models.CharField("họ và tên", max_length=120)
    # Kept by people.services from full_name: the Vietnamese order and a
    # diacritic-free form for search (see core.vietnamese).
    sort_key = models.CharField(max_length=255, db_index=True, editable=False)
    search_key = models.CharField(max_length=120, db_index=True, editable=False)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=MemberStatus.choices)
    duty = models.CharField("chức vụ, nhiệm vụ", max_length=255, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    # The current cell, kept equal to the open membership by people.services so
    # that rosters need no date logic.
    cell = models.ForeignKey(
        OrgUnit,
        verbose_name="chi bộ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )

    class Meta:
        verbose_name = "cán bộ, đảng viên"
        verbose_name_plural = "cán bộ, đảng viên"
        ordering = ["sort_key"]
        indexes = [models.Index(fields=["cell", "sort_key"], name="person_cell_sort_idx")]

    def __str__(self) -> str:
        return self.full_name


class Membership(models.Model):
    """A person's belonging to a cell for a run of months [start_month, end_month)."""

    person = models.ForeignKey(
        Person, verbose_name="đảng viên", on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="memberships"
    )
    start_month = models.DateField("từ tháng")
    end_month = models.DateField("đến trước tháng", null=True, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    objects = MonthRunQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gt=models.F("start_month")),
                name="membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(end_month__isnull=True),
                name="membership_one_open_per_person",
            ),
        ]
        indexes = [models.Index(fields=["unit", "start_month"], name="membership_unit_idx")]


class Exemption(models.Model):
    """Miễn công tác và sinh hoạt đảng: the person is not expected in these months."""

    person = models.ForeignKey(
        Person, verbose_name="đảng viên", on_delete=models.CASCADE, related_name="exemptions"
    )
    start_month = models.DateField("từ tháng")
    end_month = models.DateField("đến trước tháng", null=True, blank=True)
    reason = models.CharField("lý do", max_length=255, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    objects = MonthRunQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gt=models.F("start_month")),
                name="exemption_ends_after_start",
            ),
        ]
