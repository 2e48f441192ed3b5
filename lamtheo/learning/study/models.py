"""Study of the topic: sessions (hội nghị học tập, quán triệt chuyên đề) and attendance.

A committee schedules a session for a topic, for its whole subtree or for chosen units.
Each cell reached gets an attendance sheet (StudySheet): the cell's secretary records who
attended, who was absent (with or without a reason) and who later made it up. The sheet
carries the optimistic version of that cell's attendance and, pre-aggregated, its counts;
StudyTopicStat keeps per topic per cell the figures of the dashboards (learning.study.figures).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.campaign.models import Topic
from lamtheo.core.models import AuditedHistory
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Person

__all__ = [
    "SessionFormat",
    "SessionKind",
    "StudyAttendance",
    "StudySession",
    "StudySheet",
    "StudyTopicStat",
]


class SessionKind(models.TextChoices):
    IN_PERSON = "in_person", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"


class SessionFormat(models.TextChoices):
    CONFERENCE = "conference", "Hội nghị học tập, quán triệt"
    CELL_MEETING = "cell_meeting", "Lồng ghép trong sinh hoạt chi bộ"


class StudySession(models.Model):
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="cấp tổ chức",
        on_delete=models.PROTECT,
        related_name="study_sessions",
    )
    topic = models.ForeignKey(
        Topic, verbose_name="chuyên đề", on_delete=models.PROTECT, related_name="study_sessions"
    )
    title = models.CharField("tên buổi học tập", max_length=255)
    kind = models.CharField("hình thức tổ chức", max_length=12, choices=SessionKind.choices,
                            default=SessionKind.IN_PERSON)  # fmt: skip
    format = models.CharField("cách thức", max_length=16, choices=SessionFormat.choices,
                              default=SessionFormat.CONFERENCE)  # fmt: skip
    held_on = models.DateField("ngày tổ chức")
    # The month whose memberships decide who is expected (as the handbook's figures).
    month = models.DateField("tháng tính số liệu", editable=False)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    link = models.URLField("đường dẫn tham dự trực tuyến", max_length=500, blank=True)
    whole_subtree = models.BooleanField("toàn đảng bộ", default=True)
    chosen_units = models.ManyToManyField(
        OrgUnit, verbose_name="đơn vị được chọn", blank=True, related_name="+"
    )
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    history = HistoricalRecords(bases=[AuditedHistory], excluded_fields=["month"])

    class Meta:
        verbose_name = "buổi học tập, quán triệt"
        verbose_name_plural = "buổi học tập, quán triệt"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="in_person", place__gt="") | Q(kind="online", link__gt=""),
                name="studysession_place_or_link",
            ),
        ]
        indexes = [models.Index(fields=["topic", "month"], name="studysession_topic_month")]

    def __str__(self) -> str:
        return self.title


class StudySheet(models.Model):
    """One cell's attendance at one session: its version and its counts."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="sheets")
    cell = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255)
    version = models.PositiveIntegerField(default=1)
    recorded_at = models.DateTimeField("ghi điểm danh lúc", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expected = models.PositiveIntegerField(default=0)
    marked = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    made_up = models.PositiveIntegerField(default=0)
    excused = models.PositiveIntegerField(default=0)
    unexcused = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "cell"], name="studysheet_one_per_cell"),
        ]
        indexes = [models.Index(fields=["session", "path"], name="studysheet_session_path")]


class StudyAttendance(models.Model):
    session = models.ForeignKey(StudySession, verbose_name="buổi học tập",
                                on_delete=models.CASCADE, related_name="attendances")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name="đảng viên", on_delete=models.CASCADE,
                               related_name="+")  # fmt: skip
    cell = models.ForeignKey(OrgUnit, verbose_name="chi bộ", on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    status = models.CharField("điểm danh", max_length=12, choices=AttendanceStatus.choices)
    reason = models.CharField("lý do vắng", max_length=255, blank=True)
    made_up_on = models.DateField("học bù ngày", null=True, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "điểm danh học tập"
        verbose_name_plural = "điểm danh học tập"
        constraints = [
            models.UniqueConstraint(fields=["session", "person"],
                                    name="studyattendance_one_per_person"),
            models.CheckConstraint(
                condition=Q(made_up_on__isnull=True) | ~Q(status="present"),
                name="studyattendance_makeup_only_if_absent",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["person", "session"], name="studyattendance_person")]


class StudyTopicStat(models.Model):
    """Per topic per cell: the people expected at any session of the topic in the cell,
    and of them who studied it (attended or made up a session of the topic)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255)
    expected = models.PositiveIntegerField(default=0)
    studied = models.PositiveIntegerField(default=0)
    made_up = models.PositiveIntegerField(default=0)
    excused = models.PositiveIntegerField(default=0)
    unexcused = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "unit"], name="studytopicstat_unique"),
        ]
        indexes = [models.Index(fields=["topic", "path"], name="studytopicstat_topic_path")]
