"""The cell's meetings (sinh hoạt chi bộ định kỳ, chuyên đề), attendance and minutes."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.core.periods import add_months
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Person

__all__ = [
    "CellMeeting",
    "CellMeetingStat",
    "MeetingAttendance",
    "MeetingKind",
    "MeetingStatus",
]


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "Sinh hoạt chi bộ định kỳ"
    THEMATIC = "thematic", "Sinh hoạt chuyên đề"


class MeetingStatus(models.TextChoices):
    # Announced before it happens (date, time, place, agenda): the people expected are
    # notified; recording the minutes turns the same row into a held meeting.
    ANNOUNCED = "announced", "Đã triệu tập"
    HELD = "held", "Đã ghi biên bản"
    CANCELLED = "cancelled", "Đã hủy"


class CellMeetingQuerySet(models.QuerySet):
    def held(self):
        """Meetings whose minutes are recorded: the only ones the figures count."""
        return self.filter(status=MeetingStatus.HELD)


class CellMeeting(models.Model):
    """One meeting of a cell. A cell holds one regular meeting a month and may hold a
    thematic one in the same month, hence one row per cell, month and kind (a cancelled
    announcement does not take the place)."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="meetings"
    )
    month = models.DateField("tháng")  # the first day of the month of held_on
    kind = models.CharField(
        "loại buổi sinh hoạt",
        max_length=20,
        choices=MeetingKind.choices,
        default=MeetingKind.REGULAR,
    )
    status = models.CharField(
        "tình trạng",
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.HELD,
    )
    held_on = models.DateField("ngày sinh hoạt")
    starts_at = models.TimeField("giờ bắt đầu", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255)
    agenda = models.TextField("nội dung sinh hoạt", blank=True)
    cancel_reason = models.CharField("lý do hủy", max_length=255, blank=True)
    chair = models.ForeignKey(
        Person,
        verbose_name="người chủ trì",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    clerk = models.ForeignKey(
        Person,
        verbose_name="thư ký",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Campaign content discussed (the dashboards count a meeting with any of them).
    topic_studied = models.BooleanField("học tập chuyên đề", default=False)
    topic = models.ForeignKey(
        "campaign.Topic",
        verbose_name="chuyên đề",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handbook_reviewed = models.BooleanField(
        "nhận xét sổ tay \u201cLàm theo gương Bác\u201d", default=False
    )
    story = models.ForeignKey(
        "learning.Story",
        verbose_name="mẩu chuyện đã đọc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    self_check = models.BooleanField("tự soi, tự sửa theo 27 biểu hiện suy thoái", default=False)
    proceedings = models.TextField("diễn biến", blank=True)
    conclusion = models.TextField("kết luận", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi biên bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField("phiên bản", default=1)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    objects = CellMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "buổi sinh hoạt chi bộ"
        verbose_name_plural = "buổi sinh hoạt chi bộ"
        ordering = ["-held_on", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "kind"],
                condition=~Q(status="cancelled"),
                name="meeting_one_per_cell_month_kind",
            ),
            models.CheckConstraint(
                condition=Q(held_on__gte=models.F("month")), name="meeting_held_in_its_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ngày {self.held_on:%d/%m/%Y} – {self.unit}"

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD

    @property
    def is_announced(self) -> bool:
        return self.status == MeetingStatus.ANNOUNCED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def reviewed_month(self) -> date:
        """The month whose handbook entries this meeting reviews: the one before it, since an
        entry is due by the HANDBOOK_DUE_DAY of the next month."""
        return add_months(self.month, -1)

    @property
    def has_campaign_content(self) -> bool:
        return bool(
            self.topic_studied or self.handbook_reviewed or self.story_id or self.self_check
        )


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(
        CellMeeting,
        verbose_name="buổi sinh hoạt",
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    person = models.ForeignKey(
        Person,
        verbose_name="đảng viên",
        on_delete=models.PROTECT,
        related_name="meeting_attendance",
    )
    status = models.CharField("điểm danh", max_length=20, choices=AttendanceStatus.choices)
    reason = models.CharField("lý do vắng", max_length=255, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "điểm danh sinh hoạt chi bộ"
        verbose_name_plural = "điểm danh sinh hoạt chi bộ"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_one_per_meeting_person"
            ),
            models.CheckConstraint(
                condition=~Q(status="excused") | ~Q(reason=""),
                name="attendance_excused_has_reason",
            ),
        ]


class CellMeetingStat(models.Model):
    """Pre-aggregated figures of one cell's meetings in one month, with the cell's path
    as it was then (see dashboard.models)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    path = models.CharField(max_length=255)
    held = models.PositiveSmallIntegerField(default=0)  # 1 if the regular meeting is recorded
    with_content = models.PositiveSmallIntegerField(
        default=0
    )  # 1 if a meeting had campaign content
    thematic = models.PositiveSmallIntegerField(default=0)  # thematic meetings held
    invited = models.PositiveIntegerField(default=0)  # expected members at the regular meeting
    present = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="cellmeetingstat_unique"),
        ]
        indexes = [models.Index(fields=["month", "path"], name="cellmeetingstat_month_path")]
