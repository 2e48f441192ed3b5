from __future__ import annotations

from django import forms

from lamtheo.handbook.models import Progress, Rating


class ItemResultForm(forms.Form):
    progress = forms.ChoiceField(
        label="Trong tháng, việc này", choices=Progress.choices, widget=forms.RadioSelect,
        error_messages={"required": "Vui lòng chọn kết quả thực hiện."},
    )
    note = forms.CharField(
        label="Ghi chú ngắn", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Đã làm gì, được bao nhiêu, vướng mắc gì (không bắt buộc).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SelfAssessmentForm(forms.Form):
    self_assessment = forms.CharField(
        label="Tự đánh giá trong tháng", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ưu điểm, hạn chế và việc sẽ làm tốt hơn trong tháng tới.",
    )
    self_rating = forms.ChoiceField(
        label="Tự xếp loại", choices=Rating.choices, widget=forms.RadioSelect,
        error_messages={"required": "Vui lòng chọn mức tự xếp loại."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    review_comment = forms.CharField(label="Nhận xét của chi bộ", required=False,
                                     max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    review_rating = forms.ChoiceField(label="Chi bộ xếp loại", required=False,
                                      choices=[("", "— Chọn —"), *Rating.choices])
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        action = self.data.get("action")
        if action == "review" and not data.get("review_rating"):
            self.add_error("review_rating", "Vui lòng chọn mức xếp loại của chi bộ.")
        if action == "return" and not (data.get("review_comment") or "").strip():
            self.add_error("review_comment", "Khi trả lại, cần ghi rõ cần bổ sung gì.")
        return data
