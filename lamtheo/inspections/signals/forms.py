from __future__ import annotations

from django import forms

from lamtheo.core.forms import DateField
from lamtheo.inspections.models import InspectionKind


class AddToPlanForm(forms.Form):
    """The inspection a cell's signals suggest, prefilled, checked before it is added."""

    plan = forms.TypedChoiceField(label="Kế hoạch", coerce=int, widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label="Hình thức", choices=InspectionKind.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(label="Nội dung", max_length=300)
    period_start = DateField(label="Thời kỳ kiểm tra: từ ngày")
    period_end = DateField(label="Thời kỳ kiểm tra: đến ngày")
    starts_on = DateField(label="Ngày bắt đầu")
    ends_on = DateField(label="Ngày kết thúc")

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, f"{p.title} – {p.unit.name}") for p in plans]
        self.fields["plan"].error_messages["invalid_choice"] = "Chọn kế hoạch trong danh sách."
        self.fields["plan"].error_messages["required"] = "Chọn kế hoạch."
        for name in ("period_start", "period_end", "starts_on", "ends_on"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = "Nhập ngày theo dạng ngày/tháng/năm."
        self.fields["subject"].error_messages["required"] = "Nhập nội dung kiểm tra, giám sát."
        self.fields["kind"].error_messages["required"] = "Chọn hình thức."
