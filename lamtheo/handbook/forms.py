from __future__ import annotations

from django import forms

from lamtheo.core.forms import RecordsChoiceField, VersionField
from lamtheo.handbook.models import Progress, Rating


class ItemResultForm(forms.Form):
    progress = forms.ChoiceField(
        label="Trong tháng, việc này",
        choices=Progress.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Vui lòng chọn kết quả thực hiện."},
    )
    note = forms.CharField(
        label="Ghi chú ngắn",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Đã làm gì, được bao nhiêu, vướng mắc gì (không bắt buộc).",
    )
    version = VersionField()


class SelfAssessmentForm(forms.Form):
    self_assessment = forms.CharField(
        label="Tự đánh giá trong tháng",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ưu điểm, hạn chế và việc sẽ làm tốt hơn trong tháng tới.",
    )
    self_rating = forms.ChoiceField(
        label="Tự xếp loại",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Vui lòng chọn mức tự xếp loại."},
    )
    version = VersionField()


class ReviewForm(forms.Form):
    review_comment = forms.CharField(
        label="Nhận xét của chi bộ",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    review_rating = forms.ChoiceField(
        label="Chi bộ xếp loại", required=False, choices=[("", "— Chọn —"), *Rating.choices]
    )
    version = VersionField()

    def clean(self):
        data = super().clean()
        action = self.data.get("action")
        if action == "review" and not data.get("review_rating"):
            self.add_error("review_rating", "Vui lòng chọn mức xếp loại của chi bộ.")
        if action == "return" and not (data.get("review_comment") or "").strip():
            self.add_error("review_comment", "Khi trả lại, cần ghi rõ cần bổ sung gì.")
        return data


class SelfCheckForm(forms.Form):
    manifestations = RecordsChoiceField(
        label="Những biểu hiện đồng chí tự nhận thấy ở mình trong tháng",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Có biểu hiện không có trong danh sách; vui lòng tải lại trang."
        },
    )
    correction = forms.CharField(
        label="Việc sẽ sửa chữa, khắc phục",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Đồng chí sẽ làm gì để sửa, và đến khi nào (không bắt buộc).",
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        from lamtheo.campaign.models import Manifestation

        super().__init__(*args, **kwargs)
        self.fields["manifestations"].queryset = Manifestation.objects.order_by("group", "number")

    def groups(self) -> list[tuple[str, list]]:
        """The checkboxes in their three groups, for the template."""
        from lamtheo.campaign.models import ManifestationGroup

        by_value = {str(w.data["value"]): w for w in self["manifestations"]}
        out = []
        for group, label in ManifestationGroup.choices:
            items = [m for m in self.fields["manifestations"].queryset if m.group == group]
            out.append((label, [(m, by_value[str(m.pk)]) for m in items]))
        return out
