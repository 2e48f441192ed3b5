from __future__ import annotations

from django import forms

from lamtheo.campaign.models import TopicKind
from lamtheo.core.forms import VersionField
from lamtheo.core.uploads import ALLOWED_LABEL, UploadField


class TopicForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Tổ chức đảng lựa chọn chuyên đề",
        queryset=None,
        empty_label="— Chọn —",
        error_messages={
            "required": "Vui lòng chọn tổ chức đảng.",
            "invalid_choice": "Vui lòng chọn tổ chức đảng trong danh sách.",
        },
        help_text="Chuyên đề áp dụng cho tổ chức này và các tổ chức trực thuộc, trừ nơi đã "
        "chọn chuyên đề riêng. Nếu trong năm các nơi này đã học tập chuyên đề của cấp trên, "
        "kết quả đó vẫn tính cho chuyên đề đã học; chuyên đề mới được tính từ các buổi học "
        "tập về chính chuyên đề này.",
    )
    kind = forms.ChoiceField(
        label="Loại chuyên đề",
        choices=TopicKind.choices,
        widget=forms.RadioSelect,
        initial=TopicKind.ANNUAL,
        error_messages={"required": "Vui lòng chọn loại chuyên đề."},
    )
    year = forms.IntegerField(
        label="Năm",
        min_value=2011,
        max_value=2100,
        error_messages={"required": "Vui lòng nhập năm.", "invalid": "Năm phải là số, ví dụ 2026."},
    )
    year_end = forms.IntegerField(
        label="Đến năm (chỉ với chuyên đề toàn khóa)",
        required=False,
        min_value=2011,
        max_value=2100,
        error_messages={"invalid": "Năm phải là số, ví dụ 2030."},
    )
    title = forms.CharField(
        label="Tên chuyên đề",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Vui lòng nhập tên chuyên đề."},
    )
    summary = forms.CharField(
        label="Tóm tắt nội dung",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Vài dòng giới thiệu nội dung chính để đảng viên nắm được trước khi học.",
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class TopicEditForm(forms.Form):
    title = TopicForm.base_fields["title"]
    year_end = TopicForm.base_fields["year_end"]
    summary = TopicForm.base_fields["summary"]
    version = VersionField()


class MaterialForm(forms.Form):
    title = forms.CharField(
        label="Tên tài liệu", max_length=255, required=False, help_text="Để trống thì dùng tên tệp."
    )
    file = UploadField(label="Tệp tài liệu", help_text=f"{ALLOWED_LABEL}; tối đa 20 MB.")
