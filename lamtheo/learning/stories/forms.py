from __future__ import annotations

from django import forms

from lamtheo.core.forms import VersionField
from lamtheo.learning.stories.models import StoryCadence


class StoryForm(forms.Form):
    title = forms.CharField(
        label="Tiêu đề", max_length=255, error_messages={"required": "Vui lòng nhập tiêu đề."}
    )
    text = forms.CharField(
        label="Nội dung",
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Vui lòng nhập nội dung mẩu chuyện."},
    )
    source = forms.CharField(
        label="Nguồn",
        max_length=255,
        help_text="Sách, báo hoặc đơn vị biên soạn.",
        error_messages={"required": "Vui lòng ghi nguồn."},
    )
    tags = forms.CharField(
        label="Từ khóa",
        max_length=255,
        required=False,
        help_text="Cách nhau bằng dấu phẩy, ví dụ: giản dị, tiết kiệm.",
    )
    is_active = forms.BooleanField(
        label="Đang dùng trong buổi thông tin đầu giờ", required=False, initial=True
    )
    version = VersionField(required=False)


class CadenceForm(forms.Form):
    cadence = forms.ChoiceField(
        label="Nhịp đọc", choices=StoryCadence.choices, widget=forms.RadioSelect
    )
