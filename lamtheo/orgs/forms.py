"""Forms of the units' own pages."""

from __future__ import annotations

from django import forms

from lamtheo.orgs.services import PLACE_MAX_LENGTH


class UnitSettingsForm(forms.Form):
    document_place = forms.CharField(
        label="Địa danh ghi trước ngày tháng trên văn bản",
        required=False,
        max_length=PLACE_MAX_LENGTH,
        help_text="Tên địa phương nơi đơn vị đóng, ví dụ “Nha Trang”: in trên biên bản "
        "và các văn bản tải về thành “Nha Trang, ngày 05 tháng 3 năm 2026”. Để trống thì dùng "
        "địa danh của cấp trên.",
        error_messages={"max_length": "Địa danh dài quá %(limit_value)d ký tự."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
