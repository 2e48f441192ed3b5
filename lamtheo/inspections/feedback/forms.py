from __future__ import annotations

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from lamtheo.core.forms import DateField, VersionField
from lamtheo.core.uploads import UploadField

DATE_REQUIRED = "Nhập ngày theo dạng ngày/tháng/năm."


class UnitSearchForm(forms.Form):
    q = forms.CharField(label="Tên đơn vị bị phản ánh", max_length=100, required=False,
                        help_text="Gõ một phần tên, ví dụ: “Một cửa” hoặc “Chi bộ Khoa Nội”.")  # fmt: skip


class ChallengeInput(CaptchaTextInput):
    template_name = "inspections/feedback/_challenge.html"


class FeedbackForm(forms.Form):
    what = forms.CharField(
        label="Việc gì đã xảy ra",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Kể lại sự việc: ai, ở đâu, làm gì, ảnh hưởng thế nào. Ví dụ: cán bộ tiếp "
        "nhận hồ sơ ở bộ phận một cửa có thái độ hách dịch, yêu cầu nộp thêm giấy tờ không "
        "có trong quy định.",
        error_messages={"required": "Nhập nội dung phản ánh: việc gì đã xảy ra."},
    )
    happened_on = DateField(label="Ngày xảy ra", error_messages={"required": DATE_REQUIRED})
    person_named = forms.CharField(
        label="Người bị phản ánh (nếu có)",
        max_length=200,
        required=False,
        help_text="Họ tên hoặc chức danh, nếu đồng chí/ông/bà biết.",
    )
    attachment = UploadField(label="Tệp kèm theo (nếu có)", required=False)
    remove_attachment = forms.BooleanField(
        label="Bỏ tệp đã đính kèm", required=False,
        help_text="Tệp đã chọn ở lần trước vẫn được gửi kèm, trừ khi đánh dấu ô này hoặc chọn "
        "tệp khác để thay.",
    )  # fmt: skip
    anonymous = forms.BooleanField(
        label="Gửi ẩn danh: không để lại tên và cách liên lạc",
        required=False,
        help_text="Phản ánh ẩn danh vẫn được xem xét; người gửi theo dõi kết quả bằng mã tra "
        "cứu và mã bí mật, không nhận được thư báo.",
    )
    contact_name = forms.CharField(label="Họ và tên người gửi", max_length=120, required=False)
    contact_phone = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    contact_email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        max_length=254,  # the column's length
        help_text="Nếu để lại, kết quả xử lý được gửi đến địa chỉ này.",
        error_messages={"invalid": "Thư điện tử chưa đúng dạng, ví dụ: ten@vidu.vn."},
    )

    def __init__(self, *args, signed_in: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            # Known from the account: no contact to leave, no robot to stop; a member may
            # be picked by code.
            for name in ("contact_name", "contact_phone", "contact_email"):
                del self.fields[name]
            self.fields["anonymous"].help_text = (
                "Phản ánh ẩn danh không gắn với tài khoản của đồng chí; đồng chí theo dõi "
                "kết quả bằng mã tra cứu và mã bí mật."
            )
            self.fields["person_code"] = forms.CharField(
                label="Mã đảng viên bị phản ánh (nếu biết)",
                max_length=32,
                required=False,
                help_text="Chỉ chọn được đảng viên trong phạm vi đồng chí được xem.",
            )
        else:
            self.fields["challenge"] = CaptchaField(
                label="Kết quả phép tính trong hình",
                widget=ChallengeInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                help_text="Để chống gửi tự động: gõ kết quả của phép tính trong hình (chỉ gồm "
                "chữ số). Nếu không đọc được, tải lại trang để có phép tính khác.",
                error_messages={
                    "invalid": "Kết quả phép tính chưa đúng hoặc đã hết hạn; vui lòng tính lại "
                    "phép tính mới.",
                    "required": "Gõ kết quả của phép tính trong hình.",
                    "incomplete": "Gõ kết quả của phép tính trong hình.",
                },
            )

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        limit = settings.LAMTHEO["FEEDBACK_MAX_UPLOAD_MB"]
        if file and file.size > limit * 1024 * 1024:
            raise ValidationError(
                f"Tệp kèm phản ánh tối đa {limit} MB; hãy nén hoặc gửi ảnh nhỏ hơn."
            )
        return file


class LookupForm(forms.Form):
    reference = forms.CharField(label="Mã tra cứu", max_length=20,
                                error_messages={"required": "Nhập mã tra cứu."})  # fmt: skip
    secret = forms.CharField(label="Mã bí mật", max_length=20,
                             widget=forms.PasswordInput(render_value=False),
                             error_messages={"required": "Nhập mã bí mật."})  # fmt: skip


class DecisionForm(forms.Form):
    note = forms.CharField(label="Ghi chú cho người gửi (nếu có)", max_length=2000,
                           required=False, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    version = VersionField()


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Lý do không tiếp nhận (người gửi được đọc)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Ghi rõ lý do không tiếp nhận phản ánh."},
    )
    version = VersionField()


class ForwardForm(forms.Form):
    to = forms.ModelChoiceField(
        label="Chuyển đến",
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": "Chọn cấp nhận trong danh sách.",
                        "required": "Chọn cấp nhận."},
    )  # fmt: skip
    reason = forms.CharField(
        label="Lý do chuyển",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Ghi rõ lý do chuyển phản ánh."},
    )
    version = VersionField()

    def __init__(self, *args, targets, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = targets
        self.fields["to"].label_from_instance = lambda u: u.name
