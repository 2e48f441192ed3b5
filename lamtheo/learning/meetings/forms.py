from __future__ import annotations

import re
from datetime import time

from django import forms

from lamtheo.core.dates import parse_date
from lamtheo.core.forms import VersionField
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings.models import MeetingKind
from lamtheo.learning.stories.models import Story
from lamtheo.people.models import Person


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại buổi sinh hoạt",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        initial=MeetingKind.REGULAR,
    )
    held_on = forms.CharField(
        label="Ngày sinh hoạt",
        max_length=10,
        help_text="Ngày/tháng/năm, ví dụ 05/03/2026.",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input-date"}
        ),
    )
    place = forms.CharField(label="Địa điểm", max_length=255)
    chair = PersonChoice(
        label="Người chủ trì",
        queryset=Person.objects.none(),
        empty_label="— Chọn —",
        error_messages={"required": "Vui lòng chọn người chủ trì."},
    )
    clerk = PersonChoice(
        label="Thư ký",
        queryset=Person.objects.none(),
        empty_label="— Chọn —",
        error_messages={"required": "Vui lòng chọn thư ký."},
    )
    topic_studied = forms.BooleanField(label="Học tập chuyên đề của năm", required=False)
    handbook_reviewed = forms.BooleanField(
        label="Nhận xét sổ tay \u201cLàm theo gương Bác\u201d tháng trước của đảng viên",
        required=False,
    )
    story = forms.ModelChoiceField(
        label="Mẩu chuyện đã đọc (nếu có)",
        required=False,
        queryset=Story.objects.filter(is_active=True),
        empty_label="— Không đọc mẩu chuyện —",
    )
    self_check = forms.BooleanField(
        label="Đảng viên tự soi, tự sửa theo 27 biểu hiện suy thoái", required=False
    )
    agenda = forms.CharField(
        label="Nội dung sinh hoạt",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Chương trình buổi sinh hoạt (lấy từ thông báo triệu tập, nếu có).",
    )
    proceedings = forms.CharField(
        label="Diễn biến",
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ý kiến phát biểu chính, ngắn gọn.",
    )
    conclusion = forms.CharField(
        label="Kết luận",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kết luận của người chủ trì, việc cần làm tháng tới.",
    )
    version = VersionField(required=False)

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in people]
        for name in ("chair", "clerk"):
            self.fields[name].queryset = Person.objects.filter(pk__in=ids).order_by("sort_key")
        self.fields["place"].error_messages["required"] = "Vui lòng ghi địa điểm sinh hoạt."
        self.fields["held_on"].error_messages["required"] = "Vui lòng nhập ngày sinh hoạt."

    def clean_held_on(self):
        value = parse_date(self.cleaned_data["held_on"])
        if value is None:
            raise forms.ValidationError(DATE_ERROR)
        return value


DATE_ERROR = "Ngày chưa đúng; vui lòng nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
TIME_ERROR = "Giờ chưa đúng; vui lòng nhập theo dạng giờ:phút, ví dụ 14:00."


def parse_hour(text: str | None) -> time | None:
    """ "14:00", "14h00", "14h", "7:30" → a time; anything else None."""
    found = re.fullmatch(r"\s*(\d{1,2})\s*(?:[:hgH.]\s*(\d{2})?)?\s*", text or "")
    if not found:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


class AnnouncementForm(forms.Form):
    """Announcing a meeting before it happens: kind, date, time, place and agenda."""

    kind = forms.ChoiceField(
        label="Loại buổi sinh hoạt",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        initial=MeetingKind.REGULAR,
        error_messages={"required": "Vui lòng chọn loại buổi sinh hoạt."},
    )
    held_on = forms.CharField(
        label="Ngày sinh hoạt",
        max_length=10,
        help_text="Ngày/tháng/năm, ví dụ 05/03/2026.",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input-date"}
        ),
        error_messages={"required": "Vui lòng nhập ngày sinh hoạt."},
    )
    starts_at = forms.CharField(
        label="Giờ bắt đầu",
        max_length=8,
        help_text="Giờ:phút, ví dụ 14:00.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "input-date"}),
        error_messages={"required": "Vui lòng nhập giờ bắt đầu."},
    )
    place = forms.CharField(
        label="Địa điểm",
        max_length=255,
        error_messages={"required": "Vui lòng ghi địa điểm sinh hoạt."},
    )
    agenda = forms.CharField(
        label="Nội dung sinh hoạt",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Chương trình buổi sinh hoạt: các nội dung chính, mỗi nội dung một dòng.",
        error_messages={"required": "Vui lòng ghi nội dung sinh hoạt."},
    )
    version = VersionField(required=False)

    def clean_held_on(self):
        value = parse_date(self.cleaned_data["held_on"])
        if value is None:
            raise forms.ValidationError(DATE_ERROR)
        return value

    def clean_starts_at(self):
        value = parse_hour(self.cleaned_data["starts_at"])
        if value is None:
            raise forms.ValidationError(TIME_ERROR)
        return value


class AttendanceRow:
    """One person's status and reason fields, for the template."""

    def __init__(self, form: AttendanceForm, person: Person) -> None:
        self.person = person
        self.status = form[f"status_{person.pk}"]
        self.reason = form[f"reason_{person.pk}"]


class AttendanceForm(forms.Form):
    version = VersionField()

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people)
        for p in self.people:
            self.fields[f"status_{p.pk}"] = forms.ChoiceField(
                label=p.full_name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Vui lòng chọn tình trạng của đồng chí {p.full_name}."
                },
            )
            self.fields[f"reason_{p.pk}"] = forms.CharField(
                label=f"Lý do vắng của đồng chí {p.full_name}", required=False, max_length=255
            )

    def clean(self):
        data = super().clean()
        for p in self.people:
            if (
                data.get(f"status_{p.pk}") == AttendanceStatus.EXCUSED
                and not (data.get(f"reason_{p.pk}") or "").strip()
            ):
                self.add_error(f"reason_{p.pk}", "Vui lòng ghi lý do vắng.")
        return data

    def rows(self) -> list[AttendanceRow]:
        return [AttendanceRow(self, p) for p in self.people]
