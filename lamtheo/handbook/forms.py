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


class PaperEntryForm(forms.Form):
    """A paper handbook month entered by the secretary on one page: every item's result, the
    self-assessment and the check against the paper copy."""

    self_assessment = SelfAssessmentForm.base_fields["self_assessment"]
    self_rating = SelfAssessmentForm.base_fields["self_rating"]
    checked = forms.BooleanField(
        label="Tôi đã đối chiếu từng việc với sổ tay giấy của đồng chí",
        required=False,
    )
    version = VersionField()

    def __init__(self, *args, items=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for n, item in enumerate(self.items, start=1):
            self.fields[f"progress_{item.pk}"] = forms.ChoiceField(
                label=f"Việc {n}: kết quả trong tháng",
                choices=Progress.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Vui lòng chọn kết quả thực hiện."},
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=f"Việc {n}: ghi chú",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list:
        """(item, its result field, its note field), for the template."""
        return [(i, self[f"progress_{i.pk}"], self[f"note_{i.pk}"]) for i in self.items]

    def clean(self):
        data = super().clean()
        if self.data.get("action") == "submit" and not data.get("checked"):
            self.add_error("checked", "Vui lòng đối chiếu với sổ tay giấy trước khi nộp.")
        return data

    def results(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {i.pk: (d[f"progress_{i.pk}"], d.get(f"note_{i.pk}", "")) for i in self.items}
