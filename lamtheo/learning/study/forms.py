from __future__ import annotations

from django import forms

from lamtheo.core.forms import DateField, RecordsChoiceField, VersionField
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.models import SessionFormat, SessionKind
from lamtheo.learning.study.selectors import SheetRow
from lamtheo.learning.study.services import Mark
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.tree import subtree_q

WHOLE, CHOSEN = "whole", "chosen"


class LegendRadioSelect(forms.RadioSelect):
    """Radios whose group id is the legend's, so the error summary can link to the group."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class LegendCheckboxes(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class UnitChoice(RecordsChoiceField):
    def __init__(self, *args, base_depth: int = 0, **kwargs) -> None:
        self.base_depth = base_depth
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "— " * max(obj.depth - self.base_depth - 1, 0) + obj.name


class SessionForm(forms.Form):
    topic = forms.ModelChoiceField(
        label="Chuyên đề",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Vui lòng chọn chuyên đề."},
    )
    title = forms.CharField(
        label="Tên buổi học tập",
        max_length=255,
        help_text="Ví dụ: Hội nghị học tập, quán triệt chuyên đề năm 2026.",
        error_messages={"required": "Vui lòng nhập tên buổi học tập."},
    )
    format = forms.ChoiceField(
        label="Cách thức tổ chức",
        choices=SessionFormat.choices,
        widget=LegendRadioSelect,
        initial=SessionFormat.CONFERENCE,
        error_messages={"required": "Vui lòng chọn cách thức tổ chức."},
    )
    kind = forms.ChoiceField(
        label="Hình thức",
        choices=SessionKind.choices,
        widget=LegendRadioSelect,
        initial=SessionKind.IN_PERSON,
        error_messages={"required": "Vui lòng chọn hình thức."},
    )
    held_on = DateField(
        label="Ngày tổ chức",
        help_text="Ngày/tháng/năm, ví dụ 15/03/2026.",
        error_messages={"required": "Vui lòng nhập ngày tổ chức."},
    )
    place = forms.CharField(
        label="Địa điểm", max_length=255, required=False, help_text="Với hình thức trực tiếp."
    )
    link = forms.URLField(
        label="Đường dẫn tham dự trực tuyến",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="Với hình thức trực tuyến, ví dụ https://hop.example.vn/…",
        error_messages={"invalid": "Đường dẫn chưa đúng dạng."},
    )
    scope = forms.ChoiceField(
        label="Phạm vi",
        widget=LegendRadioSelect,
        initial=WHOLE,
        choices=[(WHOLE, "Toàn đơn vị (mọi chi bộ trực thuộc)"), (CHOSEN, "Một số đơn vị")],
    )
    chosen_units = UnitChoice(
        label="Các đơn vị tham gia",
        queryset=None,
        required=False,
        widget=LegendCheckboxes,
        help_text="Chỉ cần khi chọn “Một số đơn vị”: mọi chi bộ thuộc đơn vị được chọn đều tham gia.",
    )
    note = forms.CharField(
        label="Ghi chú", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField(required=False)

    def __init__(self, *args, unit: OrgUnit, topics, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.fields["topic"].label_from_instance = lambda t: f"Năm {t.year}: {t.title}"
        units = OrgUnit.objects.filter(
            subtree_q(unit.path), is_active=True, depth__gt=unit.depth,
            depth__lte=unit.depth + 2,
        ).order_by("path")  # fmt: skip
        self.fields["chosen_units"].queryset = units
        self.fields["chosen_units"].base_depth = unit.depth

    def clean(self):
        data = super().clean()
        if data.get("kind") == SessionKind.IN_PERSON and not (data.get("place") or "").strip():
            self.add_error("place", "Vui lòng nhập địa điểm tổ chức.")
        if data.get("kind") == SessionKind.ONLINE and not data.get("link"):
            self.add_error("link", "Vui lòng nhập đường dẫn tham dự trực tuyến.")
        if data.get("scope") == CHOSEN and not data.get("chosen_units"):
            self.add_error("chosen_units", "Vui lòng chọn ít nhất một đơn vị.")
        return data


class AttendanceForm(forms.Form):
    """One radio group per person expected; a reason and a make-up date for absences."""

    version = VersionField()

    def __init__(self, *args, rows: list[SheetRow], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for r in rows:
            p, m = r.person, r.mark
            key = f"p{p.pk}"
            self.fields[f"{key}-status"] = forms.ChoiceField(
                label=p.full_name,
                choices=AttendanceStatus.choices,
                required=False,
                widget=LegendRadioSelect,
                initial=m.status if m else None,
            )
            self.fields[f"{key}-reason"] = forms.CharField(
                label=f"{p.full_name} – lý do vắng",
                required=False,
                max_length=255,
                initial=m.reason if m else "",
            )
            self.fields[f"{key}-made_up_on"] = DateField(
                label=f"{p.full_name} – ngày học bù",
                required=False,
                initial=m.made_up_on if m else None,
            )

    def bound(self):
        """(row, status field, reason field, made-up field) for the template."""
        for r in self.rows:
            key = f"p{r.person.pk}"
            yield r, self[f"{key}-status"], self[f"{key}-reason"], self[f"{key}-made_up_on"]

    def clean(self):
        data = super().clean()
        for r in self.rows:
            key = f"p{r.person.pk}"
            status, reason = data.get(f"{key}-status"), (data.get(f"{key}-reason") or "").strip()
            made_up = data.get(f"{key}-made_up_on")
            if not status and (reason or made_up):
                self.add_error(f"{key}-status", "Vui lòng chọn có mặt hay vắng.")
            if status == AttendanceStatus.EXCUSED and not reason:
                self.add_error(f"{key}-reason", "Vắng có lý do thì cần ghi lý do.")
            if status == AttendanceStatus.PRESENT and made_up:
                self.add_error(f"{key}-made_up_on", "Người có mặt thì không cần học bù.")
        return data

    def marks(self, *, all_present: bool = False) -> list[Mark]:
        out = []
        for r in self.rows:
            key = f"p{r.person.pk}"
            status = self.cleaned_data.get(f"{key}-status")
            if not status and all_present and r.mark is None:
                status = AttendanceStatus.PRESENT
            if not status:
                continue
            out.append(Mark(r.person.pk, status, self.cleaned_data.get(f"{key}-reason") or "",
                            self.cleaned_data.get(f"{key}-made_up_on")))  # fmt: skip
        return out
