"""People, their membership of cells over time, and exemptions."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.core.periods import add_months
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
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    code = models.CharField("mã định danh", max_length=32, unique=True)
    full_name = models.CharField("họ và tên", max_length=120)
    # Kept by people.services from full_name: the Vietnamese order and a
    # diacritic-free form for search (see core.vietnamese).
    sort_key = models.CharField("khóa sắp xếp", max_length=255, db_index=True, editable=False)
    search_key = models.CharField("khóa tìm kiếm", max_length=120, db_index=True, editable=False)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=MemberStatus.choices)
    duty = models.CharField("chức vụ, nhiệm vụ", max_length=255, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    # The current cell, kept equal to the open membership by people.services so
    # that rosters need no date logic; none once the person has left (see Leaving).
    cell = models.ForeignKey(
        OrgUnit,
        verbose_name="chi bộ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    # The member profile: the party data a cell keeps (the national member data).
    joined_on = models.DateField("ngày vào Đảng", null=True, blank=True)
    full_member_on = models.DateField("ngày chính thức", null=True, blank=True)
    party_card_number = models.CharField("số thẻ đảng viên", max_length=32, blank=True)
    citizen_id = models.CharField("số định danh cá nhân", max_length=32, blank=True)
    version = models.PositiveIntegerField("phiên bản", default=0)
    history = HistoricalRecords(
        bases=[AuditedHistory], excluded_fields=["sort_key", "search_key", "version"]
    )

    class Meta:
        verbose_name = "cán bộ, đảng viên"
        verbose_name_plural = "cán bộ, đảng viên"
        ordering = ["sort_key"]
        indexes = [models.Index(fields=["cell", "sort_key"], name="person_cell_sort_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(full_member_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(full_member_on__gt=models.F("joined_on")),
                name="person_full_member_after_joining",
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True)
                | Q(birth_date__isnull=True)
                | Q(joined_on__gt=models.F("birth_date")),
                name="person_joined_after_birth",
            ),
            models.UniqueConstraint(
                fields=["citizen_id"], condition=~Q(citizen_id=""), name="person_citizen_id_unique"
            ),
            models.UniqueConstraint(
                fields=["party_card_number"],
                condition=~Q(party_card_number=""),
                name="person_party_card_unique",
            ),
        ]

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

    @property
    def last_month(self) -> date | None:
        """The last month of the run (end_month is the first month after it)."""
        return add_months(self.end_month, -1) if self.end_month else None


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

    @property
    def last_month(self) -> date | None:
        """The last month of the run (end_month is the first month after it)."""
        return add_months(self.end_month, -1) if self.end_month else None


class LeavingKind(models.TextChoices):
    MOVED_OUT = "moved_out", "Chuyển sinh hoạt ra ngoài Đảng bộ"
    LEFT_PARTY = "left_party", "Ra khỏi Đảng"
    DIED = "died", "Từ trần"


class Leaving(models.Model):
    """A person leaves the tree from `month` on (the month is no longer counted in their
    cell): moved to a unit outside the tree, left the party, or died. Their membership is
    closed and their account deactivated; a return (not after a death) reopens both."""

    person = models.ForeignKey(
        Person, verbose_name="đảng viên", on_delete=models.CASCADE, related_name="leavings"
    )
    kind = models.CharField("hình thức", max_length=20, choices=LeavingKind.choices)
    month = models.DateField("từ tháng")
    from_cell = models.ForeignKey(
        OrgUnit, verbose_name="chi bộ nơi đi", on_delete=models.PROTECT, related_name="+"
    )
    receiving_unit = models.CharField("nơi chuyển đến", max_length=255, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    account_closed = models.BooleanField("đã khóa tài khoản", default=False)
    returned_month = models.DateField("trở lại từ tháng", null=True, blank=True)
    version = models.PositiveIntegerField("phiên bản", default=0)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "việc ra khỏi danh sách"
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(returned_month__isnull=True),
                name="leaving_one_open_per_person",
            ),
            # Moving out names the receiving unit.
            models.CheckConstraint(
                condition=~Q(kind="moved_out") | ~Q(receiving_unit=""),
                name="leaving_receiving_unit_when_moved_out",
            ),
            models.CheckConstraint(
                condition=Q(returned_month__isnull=True)
                | (Q(returned_month__gt=models.F("month")) & ~Q(kind="died")),
                name="leaving_return_after_leaving_not_after_death",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} từ tháng {self.month:%m/%Y}"
