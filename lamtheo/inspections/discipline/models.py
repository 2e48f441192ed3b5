"""Discipline (kỷ luật) of members and of party organizations, and who may decide which form.

A record is one decision of a body (a unit of the tree and one of its organs: the chi bộ, the
committee, its standing committee or its inspection commission): the form, the person or
organization disciplined, the decision's number and date, the reason, the inspection it came
from if any and its effective period. Which forms each organ may decide is a setting of each
tree (DisciplineAuthority on the tree's top unit), seeded from FACTS.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lamtheo.core.models import AuditedHistory
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Person


class SubjectKind(models.TextChoices):
    MEMBER = "member", "Đảng viên"
    ORGANIZATION = "organization", "Tổ chức đảng"


class DisciplineForm(models.TextChoices):
    """The forms, mildest first (the order is the severity)."""

    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DISMISSAL = "dismissal", "Cách chức"
    EXPULSION = "expulsion", "Khai trừ"
    DISSOLUTION = "dissolution", "Giải tán"


MEMBER_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISMISSAL,
                DisciplineForm.EXPULSION)  # fmt: skip
PROBATIONARY_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING)
ORGANIZATION_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING,
                      DisciplineForm.DISSOLUTION)  # fmt: skip
FORMS_OF = {SubjectKind.MEMBER: MEMBER_FORMS, SubjectKind.ORGANIZATION: ORGANIZATION_FORMS}
SEVERITY = {f.value: i for i, f in enumerate(DisciplineForm)}


class Organ(models.TextChoices):
    """Which body of the unit decided."""

    CELL = "cell", "Chi bộ"
    COMMITTEE = "committee", "Ban Chấp hành (cấp ủy)"
    STANDING = "standing", "Ban Thường vụ"
    COMMISSION = "commission", "Ủy ban Kiểm tra"


# The authority table seeded from FACTS.md ("a chi bộ may reprimand or warn its own members;
# higher bodies and inspection commissions hold wider powers"): organ → subject kind → forms.
# Each tree edits its own copy (DisciplineAuthority); a tree without one reads this.
DEFAULT_AUTHORITY: dict[str, dict[str, list[str]]] = {
    Organ.CELL: {SubjectKind.MEMBER: ["reprimand", "warning"], SubjectKind.ORGANIZATION: []},
    Organ.COMMITTEE: {
        SubjectKind.MEMBER: ["reprimand", "warning", "dismissal", "expulsion"],
        SubjectKind.ORGANIZATION: ["reprimand", "warning", "dissolution"],
    },
    Organ.STANDING: {
        SubjectKind.MEMBER: ["reprimand", "warning", "dismissal", "expulsion"],
        SubjectKind.ORGANIZATION: ["reprimand", "warning"],
    },
    Organ.COMMISSION: {
        SubjectKind.MEMBER: ["reprimand", "warning", "dismissal", "expulsion"],
        SubjectKind.ORGANIZATION: ["reprimand", "warning"],
    },
}


class DisciplineAuthority(models.Model):
    """Which forms each organ may decide, for one tree (kept on its top unit)."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name="đảng bộ cấp trên cùng", on_delete=models.CASCADE,
        related_name="discipline_authority",
    )  # fmt: skip
    table = models.JSONField("thẩm quyền thi hành kỷ luật", default=dict)
    version = models.PositiveIntegerField("phiên bản", default=1)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = "thẩm quyền thi hành kỷ luật"
        verbose_name_plural = "thẩm quyền thi hành kỷ luật"

    def __str__(self) -> str:
        return f"Thẩm quyền kỷ luật – {self.unit}"


def body_name(organ: str, unit: OrgUnit) -> str:
    if organ == Organ.CELL:
        return unit.name
    return f"{Organ(organ).label.removesuffix(' (cấp ủy)')} {unit.name}"


class RecordState(models.TextChoices):
    IN_FORCE = "in_force", "Có hiệu lực"
    ANNULLED = "annulled", "Đã hủy quyết định"


class DisciplineQuerySet(models.QuerySet):
    def in_force(self):
        """Decisions not annulled: the ones that count."""
        return self.filter(state=RecordState.IN_FORCE)


class DisciplineRecord(models.Model):
    subject_kind = models.CharField("đối tượng", max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person, verbose_name="đảng viên bị kỷ luật", null=True, blank=True,
        on_delete=models.PROTECT, related_name="discipline_records",
    )  # fmt: skip
    organization = models.ForeignKey(
        OrgUnit, verbose_name="tổ chức đảng bị kỷ luật", null=True, blank=True,
        on_delete=models.PROTECT, related_name="discipline_records",
    )  # fmt: skip
    # The member's cell when the decision was recorded, or the organization itself: whose
    # committee is concerned, and where the figures count it.
    subject_unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị của đối tượng", on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    subject_path = models.CharField(
        "vị trí của đơn vị trong cây", max_length=255
    )  # as it was then (see dashboard.models)
    was_probationary = models.BooleanField("đảng viên dự bị khi bị kỷ luật", default=False)
    form = models.CharField("hình thức kỷ luật", max_length=12, choices=DisciplineForm.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="tổ chức đảng quyết định", on_delete=models.PROTECT,
        related_name="discipline_decided",
    )  # fmt: skip
    organ = models.CharField("cơ quan quyết định", max_length=12, choices=Organ.choices)
    # The deciding unit's kind when it decided: the "level" the figures count by.
    decider_level = models.CharField("cấp quyết định", max_length=20)
    decision_number = models.CharField("số quyết định", max_length=50)
    decision_date = models.DateField("ngày quyết định")
    year = models.PositiveSmallIntegerField("năm quyết định")
    reason = models.TextField("lý do kỷ luật")
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name="từ cuộc kiểm tra", null=True, blank=True,
        on_delete=models.PROTECT, related_name="discipline_records",
    )  # fmt: skip
    effective_from = models.DateField("hiệu lực từ ngày")
    effective_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    state = models.CharField(
        "tình trạng", max_length=10, choices=RecordState.choices, default=RecordState.IN_FORCE
    )
    annul_reason = models.TextField("lý do hủy quyết định", blank=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ghi", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    objects = DisciplineQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định kỷ luật"
        verbose_name_plural = "quyết định kỷ luật"
        ordering = ["-decision_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    subject_kind=SubjectKind.MEMBER, person__isnull=False, organization__isnull=True
                )
                | Q(
                    subject_kind=SubjectKind.ORGANIZATION,
                    person__isnull=True,
                    organization__isnull=False,
                ),
                name="discipline_one_subject",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(subject_kind=SubjectKind.MEMBER, form__in=MEMBER_FORMS)
                | Q(subject_kind=SubjectKind.ORGANIZATION, form__in=ORGANIZATION_FORMS),
                name="discipline_form_fits_subject",
            ),
            # A probationary member: only khiển trách or cảnh cáo (FACTS.md).
            models.CheckConstraint(
                condition=Q(was_probationary=False) | Q(form__in=PROBATIONARY_FORMS),
                name="discipline_probationary_forms",
            ),
            models.CheckConstraint(
                condition=Q(organ__in=Organ.values), name="discipline_organ_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=RecordState.values), name="discipline_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="discipline_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(state=RecordState.IN_FORCE) | ~Q(annul_reason=""),
                name="discipline_annulled_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(decision_number="") & ~Q(reason=""),
                name="discipline_number_and_reason",
            ),
            models.UniqueConstraint(
                fields=["unit", "organ", "year", "decision_number"],
                name="discipline_number_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "subject_path"], name="discipline_year_path_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} – {self.subject_name} ({self.decision_number})"

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.organization.name

    @property
    def deciding_body(self) -> str:
        """ "Ủy ban Kiểm tra Đảng bộ Sở A"; a chi bộ decides as itself: "Chi bộ Phòng 1"."""
        return body_name(self.organ, self.unit)

    @property
    def is_in_force(self) -> bool:
        return self.state == RecordState.IN_FORCE


class DisciplineStat(models.Model):
    """Pre-aggregated counts of decisions in force: per year, per unit of the subject (with its
    path as it was then), per level of the deciding body, subject kind and form. Rows with a
    count of zero are not kept."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    path = models.CharField(max_length=255)
    level = models.CharField(max_length=20)
    subject_kind = models.CharField(max_length=12)
    form = models.CharField(max_length=12)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "level", "subject_kind", "form"],
                name="disciplinestat_unique",
            ),
        ]
        indexes = [models.Index(fields=["year", "path"], name="disciplinestat_year_path")]
