"""Forms of the people app: the roster upload, the member profile, the moves of a person."""

from __future__ import annotations

import re

from django import forms
from openpyxl.utils import get_column_letter

from lamtheo.core.forms import DateField, VersionField
from lamtheo.core.periods import move_month_problem, parse_month
from lamtheo.people.imports import MAX_FILE_BYTES, FileColumns, Mapping
from lamtheo.people.imports.sheet import PEOPLE
from lamtheo.people.models import Gender, LeavingKind, MemberStatus

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


# --- the member profile and the moves of a person ----------------------------------------


class MonthField(forms.Field):
    """A month typed as mm/yyyy."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "mm/yyyy",
                                  "autocomplete": "off", "size": 7, "maxlength": 7})  # fmt: skip
        self.error_messages["required"] = "Vui lòng nhập tháng có hiệu lực, ví dụ 03/2026."

    def prepare_value(self, value):
        return f"{value:%m/%Y}" if hasattr(value, "year") else value

    def to_python(self, value):
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            return None
        month = parse_month(text)
        if month is None or month.year < 1900:
            raise forms.ValidationError("Vui lòng nhập tháng theo dạng tháng/năm, ví dụ 03/2026.")
        return month


def _digits(value: str, *, length: tuple[int, int], what: str) -> str:
    value = re.sub(r"[\s.]", "", value or "")
    low, high = length
    if value and not (value.isascii() and value.isdigit() and low <= len(value) <= high):
        size = f"{low} chữ số" if low == high else f"từ {low} đến {high} chữ số"
        raise forms.ValidationError(f"{what} gồm {size}, không có chữ cái.")
    return value


class ContactForm(forms.Form):
    phone = forms.CharField(
        label="Điện thoại",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text="Ví dụ 0912 345 678.",
    )
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Vui lòng nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@so.gov.vn."
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    version = VersionField()

    def clean_phone(self) -> str:
        phone = re.sub(r"[\s.\-()]", "", self.cleaned_data["phone"])
        if phone and not re.fullmatch(r"\+?[0-9]{8,15}", phone):
            raise forms.ValidationError(
                "Số điện thoại chỉ gồm chữ số (có thể có dấu + ở đầu), từ 8 đến 15 số."
            )
        return phone


class PartyDataForm(forms.Form):
    full_name = forms.CharField(
        label="Họ và tên",
        max_length=120,
        error_messages={"required": "Vui lòng nhập họ và tên."},
    )
    birth_date = DateField(label="Ngày sinh", required=False)
    gender = forms.ChoiceField(
        label="Giới tính", required=False, choices=[("", "—"), *Gender.choices]
    )
    status = forms.ChoiceField(
        label="Tình trạng",
        choices=MemberStatus.choices,
        error_messages={"required": "Vui lòng chọn tình trạng.",
                        "invalid_choice": "Vui lòng chọn một tình trạng trong danh sách."},
    )  # fmt: skip
    duty = forms.CharField(label="Chức vụ, nhiệm vụ", required=False, max_length=255)
    joined_on = DateField(label="Ngày vào Đảng", required=False)
    full_member_on = DateField(
        label="Ngày chính thức",
        required=False,
        help_text="Bỏ trống nếu đồng chí còn là đảng viên dự bị.",
    )
    party_card_number = forms.CharField(label="Số thẻ đảng viên", required=False, max_length=30)
    citizen_id = forms.CharField(
        label="Số định danh cá nhân (căn cước)",
        required=False,
        max_length=20,
        help_text="12 chữ số, khác với số thẻ đảng viên. Có thể bỏ trống.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    version = VersionField()

    def clean_party_card_number(self) -> str:
        return _digits(
            self.cleaned_data["party_card_number"], length=(6, 20), what="Số thẻ đảng viên"
        )

    def clean_citizen_id(self) -> str:
        return _digits(
            self.cleaned_data["citizen_id"], length=(12, 12), what="Số định danh cá nhân"
        )


def cell_label(cell) -> str:
    """A cell as a list of choices names it: the same name may recur under other units."""
    return f"{cell.name} – {cell.parent.name}" if cell.parent_id else cell.name


class TransferForm(forms.Form):
    WITHIN, OUT = "trong", "ngoai"
    where = forms.ChoiceField(
        label="Chuyển đến",
        widget=forms.RadioSelect,
        choices=[(WITHIN, "Một chi bộ trong Đảng bộ"), (OUT, "Một tổ chức đảng ngoài Đảng bộ")],
        error_messages={"required": "Vui lòng chọn nơi chuyển đến.",
                        "invalid_choice": "Vui lòng chọn nơi chuyển đến."},
    )  # fmt: skip
    to_cell = forms.ChoiceField(label="Chi bộ chuyển đến", required=False)
    receiving_unit = forms.CharField(
        label="Tên tổ chức đảng nơi chuyển đến",
        required=False,
        max_length=255,
        help_text="Ghi đầy đủ, ví dụ “Chi bộ Sở Tài chính, Đảng bộ Khối các cơ quan tỉnh Ninh Thuận”.",
    )
    month = MonthField(
        label="Chuyển từ tháng",
        help_text="Từ tháng này, đồng chí được tính ở nơi mới; các tháng trước vẫn tính ở chi bộ cũ.",
    )
    note = forms.CharField(
        label="Ghi chú (số quyết định, giấy giới thiệu…)", required=False, max_length=500
    )
    version = VersionField()

    def __init__(self, *args, cells=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cells = {str(c.pk): c for c in cells}
        self.fields["to_cell"].choices = [("", "— Chọn chi bộ —")] + [
            (str(c.pk), cell_label(c)) for c in cells
        ]
        self.fields["to_cell"].error_messages["invalid_choice"] = (
            "Vui lòng chọn một chi bộ trong danh sách."
        )
        if not cells:
            self.fields["where"].choices = self.fields["where"].choices[1:]
            self.initial.setdefault("where", self.OUT)

    def clean(self):
        data = super().clean()
        if data.get("where") == self.WITHIN:
            if not data.get("to_cell"):
                self.add_error("to_cell", "Vui lòng chọn chi bộ chuyển đến.")
            else:
                data["cell"] = self.cells[data["to_cell"]]
        elif data.get("where") == self.OUT and not (data.get("receiving_unit") or "").strip():
            self.add_error("receiving_unit", "Vui lòng ghi tên tổ chức đảng nơi chuyển đến.")
        if data.get("month") and (problem := move_month_problem(data["month"], what="Tháng")):
            self.add_error("month", problem)
        return data


class ExemptForm(forms.Form):
    start_month = MonthField(label="Miễn từ tháng")
    end_month = MonthField(
        label="Đến hết tháng",
        required=False,
        help_text="Bỏ trống nếu chưa xác định; khi đó chi bộ ghi nhận kết thúc sau.",
    )
    reason = forms.CharField(
        label="Lý do (tuổi cao, sức khỏe, đi học…)",
        max_length=255,
        error_messages={"required": "Vui lòng ghi lý do được miễn."},
    )
    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_month"].error_messages["required"] = (
            "Vui lòng nhập tháng bắt đầu được miễn, ví dụ 03/2026."
        )

    def clean(self):
        data = super().clean()
        start, last = data.get("start_month"), data.get("end_month")
        if start and last and last < start:
            self.add_error("end_month", "Tháng kết thúc không thể trước tháng bắt đầu được miễn.")
        if start and (problem := move_month_problem(start, what="Tháng bắt đầu được miễn")):
            self.add_error("start_month", problem)
        return data


class ExemptionEndForm(forms.Form):
    last_month = MonthField(
        label="Được miễn đến hết tháng",
        help_text="Từ tháng sau tháng này, đồng chí sinh hoạt và được tính lại như mọi người.",
    )
    version = VersionField()


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(
        label="Hình thức",
        widget=forms.RadioSelect,
        choices=[(LeavingKind.LEFT_PARTY, "Ra khỏi Đảng (xóa tên, khai trừ, xin ra)"),
                 (LeavingKind.DIED, "Từ trần")],
        error_messages={"required": "Vui lòng chọn hình thức.",
                        "invalid_choice": "Vui lòng chọn hình thức."},
    )  # fmt: skip
    month = MonthField(
        label="Có hiệu lực từ tháng",
        help_text="Từ tháng này, đồng chí không còn được tính trong chi bộ.",
    )
    note = forms.CharField(label="Ghi chú (số quyết định…)", required=False, max_length=500)
    version = VersionField()


class ReturnForm(forms.Form):
    cell = forms.ChoiceField(label="Sinh hoạt tại chi bộ")
    month = MonthField(label="Từ tháng")
    version = VersionField()

    def __init__(self, *args, cells=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cells = {str(c.pk): c for c in cells}
        self.fields["cell"].choices = [("", "— Chọn chi bộ —")] + [
            (str(c.pk), cell_label(c)) for c in cells
        ]
        self.fields["cell"].error_messages |= {
            "required": "Vui lòng chọn chi bộ.",
            "invalid_choice": "Vui lòng chọn một chi bộ trong danh sách.",
        }

    def clean(self):
        data = super().clean()
        if data.get("cell"):
            data["unit"] = self.cells[data["cell"]]
        return data


SKIP = ""


class ColumnMappingForm(forms.Form):
    """One choice per column of the uploaded sheet: the Lamtheo field it holds, or “bỏ
    qua”. Each field at most once; the required ones must be chosen."""

    def __init__(self, *args, columns: FileColumns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.file_columns = columns
        choices = [(SKIP, "— Bỏ qua cột này —")] + [(c.key, c.title) for c in PEOPLE.columns]
        guessed = columns.guess()
        for i, header in enumerate(columns.headers):
            letter = get_column_letter(i + 1)
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=f"Cột {letter}: “{header}”" if header else f"Cột {letter} (không có tiêu đề)",
                choices=choices,
                required=False,
                initial=guessed[i],
            )

    def clean(self) -> dict:
        data = super().clean()
        chosen: dict[str, list[str]] = {}
        for i in range(len(self.file_columns.headers)):
            key = data.get(f"col_{i}") or SKIP
            if key != SKIP:
                chosen.setdefault(key, []).append(get_column_letter(i + 1))
        for column in PEOPLE.columns:
            letters = chosen.get(column.key, [])
            if len(letters) > 1:
                self.add_error(
                    None,
                    f"“{column.header}” được chọn cho {len(letters)} cột "
                    f"({', '.join(letters)}); mỗi trường chỉ lấy từ một cột.",
                )
            elif column.required and not letters:
                self.add_error(
                    None,
                    f"Chưa chọn cột nào cho “{column.header}” (bắt buộc). Nếu tệp không có cột "
                    "này, vui lòng bổ sung vào tệp rồi tải lên lại.",
                )
        return data

    def mapping(self) -> Mapping:
        columns = {
            self.cleaned_data[f"col_{i}"]: i
            for i in range(len(self.file_columns.headers))
            if self.cleaned_data.get(f"col_{i}")
        }
        return Mapping(self.file_columns.sheet, columns)
