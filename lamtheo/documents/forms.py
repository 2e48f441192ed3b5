from __future__ import annotations

from django import forms

from lamtheo.core.forms import DateField, VersionField
from lamtheo.core.uploads import UploadField
from lamtheo.documents.models import DocType
from lamtheo.documents.symbols import EXAMPLE, SymbolError, parse_symbol


class _GroupRadios(forms.RadioSelect):
    # The error summary links to the group's legend (id_<name>), not to an empty anchor.
    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class _GroupCheckboxes(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


RECIPIENT_MODES = [
    ("children", "Các tổ chức đảng trực thuộc"),
    ("grassroots", "Tất cả tổ chức cơ sở đảng"),
    ("cells", "Tất cả chi bộ"),
    ("picked", "Chọn từng đơn vị"),
]


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(
        label="Loại văn bản",
        choices=[("", "— Chọn —"), *DocType.choices],
        error_messages={"required": "Chọn loại văn bản."},
    )
    symbol = forms.CharField(
        label="Số, ký hiệu",
        max_length=60,
        help_text=f"Theo thể thức văn bản của Đảng, ví dụ {EXAMPLE}; số có thể kèm một chữ "
        "cái, như 101B-KH/ĐU.",
        error_messages={"required": "Nhập số và ký hiệu văn bản."},
    )
    issued_on = DateField(
        label="Ngày ban hành",
        help_text="Ngày/tháng/năm, ví dụ 05/03/2026.",
        error_messages={"required": "Nhập ngày ban hành."},
    )
    summary = forms.CharField(
        label="Trích yếu nội dung",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Với công văn, trích yếu bắt đầu bằng “V/v”, ví dụ: V/v báo cáo kết quả "
        "học tập chuyên đề năm 2026.",
        error_messages={"required": "Nhập trích yếu nội dung văn bản."},
    )
    signer = forms.CharField(
        label="Người ký",
        max_length=120,
        help_text="Họ tên và chức vụ, ví dụ: Phó Bí thư Nguyễn Văn An.",
        error_messages={"required": "Nhập người ký văn bản."},
    )
    deadline = DateField(
        label="Hạn báo cáo kết quả thực hiện (nếu có)",
        required=False,
        help_text="Để trống nếu văn bản không yêu cầu báo cáo.",
    )
    file = UploadField(
        label="Tệp văn bản", required=False, help_text="Bản PDF hoặc Word (.docx), tối đa 20 MB."
    )
    version = VersionField(required=False)

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        if has_file:
            self.fields["file"].help_text = (
                "Đã có tệp; chỉ chọn tệp mới nếu muốn thay. " + self.fields["file"].help_text
            )

    def clean(self):
        data = super().clean()
        if data.get("symbol") and data.get("doc_type"):
            try:
                data["symbol"] = parse_symbol(data["symbol"], expected_code=data["doc_type"]).text
            except SymbolError as e:
                self.add_error("symbol", str(e))
        if not self.has_file and not data.get("file") and "file" not in self.errors:
            self.add_error("file", "Chọn tệp văn bản để tải lên.")
        return data


class NewDocumentForm(DocumentForm):
    recipient_mode = forms.ChoiceField(
        label="Gửi đến",
        choices=RECIPIENT_MODES,
        widget=_GroupRadios,
        error_messages={"required": "Chọn nơi nhận văn bản."},
    )
    picked = forms.MultipleChoiceField(
        label="Các đơn vị nhận",
        required=False,
        widget=_GroupCheckboxes,
        help_text="Chỉ cần khi chọn “Chọn từng đơn vị”.",
    )

    def __init__(self, *args, candidates=(), depth: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        # Many cells share a name ("Chi bộ Khoa Nội"): say which organization each is in.
        self.fields["picked"].choices = [
            (str(u.pk), u.name if u.depth <= depth + 1 else f"{u.name} – {u.parent.name}")
            for u in candidates
        ]

    def clean(self):
        data = super().clean()
        if data.get("recipient_mode") == "picked" and not data.get("picked"):
            self.add_error("picked", "Chọn ít nhất một đơn vị nhận.")
        return data


class CorrectionForm(DocumentForm):
    reason = forms.CharField(
        label="Nội dung đính chính",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Văn bản đã gửi: ghi rõ sửa gì và vì sao; nội dung này lưu trong lịch sử.",
        error_messages={"required": "Ghi rõ nội dung đính chính."},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Ghi rõ lý do thu hồi văn bản."},
    )
    version = VersionField()


class ReportForm(forms.Form):
    implementation = forms.CharField(
        label="Kết quả thực hiện",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ngắn gọn: đã triển khai thế nào, đến đâu (ví dụ: đã quán triệt tại hội "
        "nghị chi bộ ngày 10/3, 25/27 đảng viên tham dự).",
        error_messages={"required": "Ghi ngắn gọn kết quả thực hiện."},
    )
    implemented_on = DateField(
        label="Ngày thực hiện", error_messages={"required": "Nhập ngày thực hiện."}
    )
    version = VersionField()
