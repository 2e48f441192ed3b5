"""Forms of the people app: the roster upload."""

from __future__ import annotations

from django import forms

from lamtheo.people.imports import MAX_FILE_BYTES

XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp danh sách (.xlsx)",
        help_text=f"Tệp Excel theo mẫu, tối đa {MAX_FILE_BYTES // 1024 // 1024} MB.",
        error_messages={
            "required": "Vui lòng chọn tệp .xlsx để nhập.",
            "empty": "Tệp đã chọn không có nội dung.",
            "invalid": "Không nhận được tệp; vui lòng chọn lại.",
            "missing": "Không nhận được tệp; vui lòng chọn lại.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": XLSX_TYPES}),
    )

    def clean_file(self):
        # The size is refused here, before the workbook is opened; the format is checked by
        # the import itself, which reports it with the other problems.
        file = self.cleaned_data["file"]
        if file.size > MAX_FILE_BYTES:
            size = f"{file.size / 1024 / 1024:.1f}".replace(".", ",")
            raise forms.ValidationError(
                f"Tệp nặng {size} MB, vượt quá giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB. "
                "Vui lòng chia thành nhiều tệp."
            )
        return file
