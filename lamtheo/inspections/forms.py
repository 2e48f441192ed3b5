from __future__ import annotations

from django import forms

from lamtheo.core.forms import DateField, VersionField
from lamtheo.core.uploads import UploadField
from lamtheo.core.vietnamese import nfc
from lamtheo.inspections.models import FindingKind, InspectionKind


class PlanForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên kế hoạch", max_length=300)
    version = VersionField(required=False)


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Hình thức", choices=InspectionKind.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(
        label="Nội dung",
        max_length=300,
        help_text="Ví dụ: Việc viết bản đăng ký học tập và làm theo.",
    )
    unit = forms.ModelChoiceField(label="Tổ chức đảng được kiểm tra", queryset=None)
    person_code = forms.CharField(
        label="Mã đảng viên được kiểm tra (nếu kiểm tra một đảng viên)",
        max_length=32,
        required=False,
    )
    period_start = DateField(label="Thời kỳ kiểm tra: từ ngày")
    period_end = DateField(label="Thời kỳ kiểm tra: đến ngày")
    starts_on = DateField(label="Ngày bắt đầu")
    ends_on = DateField(label="Ngày kết thúc")
    team_codes = forms.CharField(
        label="Đoàn kiểm tra",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mã hoặc tên đăng nhập của từng thành viên, cách nhau bằng dấu phẩy.",
    )
    version = VersionField(required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].error_messages["invalid_choice"] = "Chọn tổ chức đảng trong danh sách."
        self.fields["unit"].error_messages["required"] = "Chọn tổ chức đảng được kiểm tra."
        for name in ("period_start", "period_end", "starts_on", "ends_on"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = "Nhập ngày theo dạng ngày/tháng/năm."
        self.fields["subject"].error_messages["required"] = "Nhập nội dung kiểm tra, giám sát."
        self.fields["kind"].error_messages["required"] = "Chọn hình thức."

    def clean_team_codes(self) -> list[str]:
        raw = nfc(self.cleaned_data.get("team_codes") or "")
        return [c.strip().lower() for c in raw.replace(";", ",").split(",") if c.strip()]


class EvidenceForm(forms.Form):
    note = forms.CharField(
        label="Ghi chép", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = UploadField(label="Tệp minh chứng (PDF, DOCX, XLSX, JPG, PNG)", required=False)


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=FindingKind.choices, widget=forms.RadioSelect)
    category = forms.ModelChoiceField(label="Nhóm", queryset=None, required=False)
    text = forms.CharField(
        label="Nội dung", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    remedy = forms.CharField(
        label="Yêu cầu khắc phục (hạn chế, vi phạm)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    responsible_unit = forms.ModelChoiceField(
        label="Tổ chức đảng chịu trách nhiệm", queryset=None, required=False
    )
    responsible_code = forms.CharField(
        label="Hoặc mã đảng viên chịu trách nhiệm", max_length=32, required=False
    )
    deadline = DateField(label="Hạn khắc phục", required=False)
    version = VersionField(required=False)

    def __init__(self, *args, categories, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["responsible_unit"].queryset = units
        self.fields["kind"].error_messages["required"] = "Chọn ưu điểm, hạn chế hoặc vi phạm."
        self.fields["text"].error_messages["required"] = "Nhập nội dung."
        for name in ("category", "responsible_unit"):
            self.fields[name].error_messages["invalid_choice"] = "Chọn trong danh sách."


class ConcludeForm(forms.Form):
    conclusion = forms.CharField(
        label="Nội dung kết luận",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Đánh giá chung, ưu điểm, hạn chế và yêu cầu; các nội dung đã ghi được in kèm.",
    )
    concluded_on = DateField(label="Ngày kết luận")
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusion"].error_messages["required"] = "Nhập nội dung kết luận."
        self.fields["concluded_on"].required = True
        self.fields["concluded_on"].error_messages["required"] = "Nhập ngày kết luận."


class RemedyReportForm(forms.Form):
    text = forms.CharField(
        label="Đã khắc phục thế nào", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = UploadField(label="Tệp minh chứng (nếu có)", required=False)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Ghi rõ đã khắc phục thế nào."


class CategoryForm(forms.Form):
    name = forms.CharField(label="Tên nhóm", max_length=200)
    is_active = forms.BooleanField(label="Đang dùng", required=False, initial=True)
    version = VersionField(required=False)
