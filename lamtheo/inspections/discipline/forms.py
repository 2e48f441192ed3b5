from __future__ import annotations

from django import forms

from lamtheo.core.forms import DateField, VersionField
from lamtheo.inspections.discipline.models import FORMS_OF, DisciplineForm, Organ, SubjectKind

DATE_FIELDS = ("decision_date", "effective_from", "effective_to")


class DecisionForm(forms.Form):
    """A decision of one of the unit's bodies: the subject (a member by code, or an
    organization below), the body and form, the decision and its effective period."""

    subject_kind = forms.ChoiceField(
        label="Đối tượng bị kỷ luật", choices=SubjectKind.choices, widget=forms.RadioSelect
    )
    subject_code = forms.CharField(
        label="Mã đảng viên hoặc mã tổ chức đảng", max_length=32,
        help_text="Mã đảng viên (ví dụ DV001) hoặc mã tổ chức đảng cấp dưới.",
    )  # fmt: skip
    organ = forms.ChoiceField(label="Cơ quan quyết định", choices=Organ.choices)
    form = forms.ChoiceField(
        label="Hình thức kỷ luật", choices=DisciplineForm.choices, widget=forms.RadioSelect,
        help_text="Đảng viên: khiển trách, cảnh cáo, cách chức, khai trừ (đảng viên dự bị: "
        "khiển trách, cảnh cáo). Tổ chức đảng: khiển trách, cảnh cáo, giải tán.",
    )  # fmt: skip
    decision_number = forms.CharField(
        label="Số quyết định", max_length=50, help_text="Ví dụ: 05-QĐ/UBKT."
    )
    decision_date = DateField(label="Ngày quyết định")
    reason = forms.CharField(
        label="Lý do kỷ luật", max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    inspection = forms.ModelChoiceField(
        label="Từ cuộc kiểm tra (nếu có)", queryset=None, required=False,
        empty_label="— Không gắn với cuộc kiểm tra nào —",
    )  # fmt: skip
    effective_from = DateField(label="Hiệu lực từ ngày")
    effective_to = DateField(
        label="Hiệu lực đến ngày", required=False, help_text="Để trống nếu không ghi thời hạn."
    )
    version = VersionField(required=False)

    def __init__(self, *args, organs, inspections, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].choices = [(o, Organ(o).label) for o in organs]
        self.fields["inspection"].queryset = inspections
        self.fields["inspection"].label_from_instance = lambda i: (
            f"{i.get_kind_display()}: {i.subject} – {i.unit.name}"
        )
        self.fields["inspection"].error_messages["invalid_choice"] = (
            "Chọn cuộc kiểm tra trong danh sách."
        )
        for name in ("decision_date", "effective_from"):
            self.fields[name].error_messages["required"] = "Nhập ngày theo dạng ngày/tháng/năm."
        self.fields["subject_kind"].error_messages["required"] = "Chọn đảng viên hoặc tổ chức đảng."
        self.fields["subject_code"].error_messages["required"] = (
            "Nhập mã đảng viên hoặc mã tổ chức."
        )
        self.fields["form"].error_messages["required"] = "Chọn hình thức kỷ luật."
        self.fields["decision_number"].error_messages["required"] = "Nhập số quyết định."
        self.fields["reason"].error_messages["required"] = "Ghi rõ lý do kỷ luật."
        if correcting:  # the subject of a decision is not changed by a correction
            del self.fields["subject_kind"], self.fields["subject_code"]
            self.fields["correct_reason"] = forms.CharField(
                label="Lý do sửa quyết định", max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": "Ghi rõ lý do sửa quyết định."},
            )  # fmt: skip
            self.fields["version"].required = True

    def clean(self):
        data = super().clean()
        kind, form = data.get("subject_kind"), data.get("form")
        if kind and form and form not in FORMS_OF[kind]:
            self.add_error("form", "Hình thức này không áp dụng cho đối tượng đã chọn.")
        return data


class AuthorityForm(forms.Form):
    """One box per organ, subject kind and form the subject kind has."""

    version = VersionField()

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        for organ in Organ.values:
            for kind in SubjectKind.values:
                for form in FORMS_OF[kind]:
                    self.fields[box_name(organ, kind, form)] = forms.BooleanField(
                        label=f"{Organ(organ).label} – {SubjectKind(kind).label} – "
                        f"{DisciplineForm(form).label}",
                        required=False,
                        initial=form in table[organ][kind],
                    )

    def table(self) -> dict[str, dict[str, list[str]]]:
        return {
            organ: {kind: [f for f in FORMS_OF[kind]
                           if self.cleaned_data.get(box_name(organ, kind, f))]
                    for kind in SubjectKind.values}
            for organ in Organ.values
        }  # fmt: skip


def box_name(organ: str, kind: str, form: str) -> str:
    return f"{organ}__{kind}__{form}"
