from __future__ import annotations

from django import forms

from lamtheo.core.forms import VersionField
from lamtheo.pledges.models import ContentArea

ITEM_ROWS_MIN_BLANK = 2


class ItemForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    area = forms.ModelChoiceField(
        label="Thuộc nhóm nội dung",
        queryset=ContentArea.objects.none(),
        empty_label=None,
    )
    text = forms.CharField(
        label="Việc làm cụ thể",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ai làm gì, cho ai, ở đâu – để người khác kiểm tra được.",
    )
    target = forms.CharField(
        label="Chỉ tiêu, kết quả cần đạt",
        required=False,
        max_length=500,
        help_text="Ví dụ: 100% hồ sơ đúng hạn; 02 buổi mỗi quý.",
    )
    timeframe = forms.CharField(
        label="Thời hạn hoặc tần suất",
        required=False,
        max_length=255,
        help_text="Ví dụ: trước 30/6; hằng tháng; quý III.",
    )

    def __init__(self, *args, areas=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = ContentArea.objects.filter(pk__in=[a.pk for a in areas])


class BaseItemFormSet(forms.BaseFormSet):
    def __init__(self, *args, areas=None, **kwargs) -> None:
        self.areas = areas or []
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"areas": self.areas}

    def clean(self) -> None:
        if any(self.errors):
            return
        if not any((f.cleaned_data or {}).get("text", "").strip() for f in self.forms):
            raise forms.ValidationError("Bản đăng ký cần ít nhất một việc làm cụ thể.")


ItemFormSet = forms.formset_factory(
    ItemForm, formset=BaseItemFormSet, extra=0, max_num=40, validate_max=True
)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến của chi bộ",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()


class ReturnWithHintsForm(forms.Form):
    """Returning a registration with the checker's hints as the comment: the comment starts
    from the hints (one line per item that needs work) and the secretary edits it freely."""

    comment = forms.CharField(
        label="Góp ý gửi đảng viên",
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Mỗi dòng là góp ý cho một việc; đồng chí sửa, bỏ hoặc thêm tùy ý.",
        error_messages={"required": "Vui lòng ghi rõ cần sửa gì để đảng viên biết."},
    )
    version = VersionField()
