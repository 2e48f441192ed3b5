"""The layout of the workbook: its two data sheets, their columns and headers, and the
lists a column's values are chosen from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lamtheo.core.vietnamese import fold
from lamtheo.orgs.models import RoleKind, UnitKind
from lamtheo.people.models import Gender, MemberStatus


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    width: int
    guide: str
    max_length: int | None = None
    aliases: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.header}*" if self.required else self.header


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """A header as compared: without case, diacritics, “*” or punctuation (“E-mail” and
    “email:” are “e mail” and “email”)."""
    return " ".join(_NOT_ALNUM.sub(" ", fold(text)).split())


def column_for(spec: SheetSpec, header: str) -> Column | None:
    """The column a header names: its own header or one of its aliases, the synonyms of
    other rosters (the national member database's export among them)."""
    key = header_key(header)
    if not key:
        return None
    return next((c for c in spec.columns if key == header_key(c.header) or key in c.aliases), None)


@dataclass(frozen=True)
class SheetSpec:
    title: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return COLUMNS[self.title][key]


UNIT_KIND_LABELS = [label for _, label in UnitKind.choices]
STATUS_LABELS = [label for _, label in MemberStatus.choices]
GENDER_LABELS = [label for _, label in Gender.choices]
# The roles a row may give on its cell (orgs.RoleKind), as the file writes them.
ROLES = {
    "Bí thư": RoleKind.SECRETARY,
    "Phó Bí thư": RoleKind.DEPUTY,
    "Cấp ủy viên": RoleKind.COMMITTEE,
}
ROLE_LABELS = list(ROLES)

UNITS = SheetSpec(
    "Tổ chức đảng",
    ("to chuc", "to chuc dang"),
    (
        Column(
            "code",
            "Mã đơn vị",
            True,
            16,
            "Mã riêng của tổ chức đảng, không trùng nhau "
            "(ví dụ: DBK, CB-P1). Chỉ gồm chữ, chữ số, dấu chấm, gạch ngang, gạch dưới; "
            "không có dấu cách. Nhập lại cùng mã thì cập nhật tên, loại của đơn vị đó.",
            32,
        ),
        Column(
            "name",
            "Tên tổ chức đảng",
            True,
            45,
            "Tên đầy đủ, ví dụ: Chi bộ Phòng Kế hoạch – Tài chính.",
            255,
        ),
        Column(
            "kind", "Loại", True, 32, "Chọn trong danh sách: " + "; ".join(UNIT_KIND_LABELS) + "."
        ),
        Column(
            "parent",
            "Mã đơn vị cấp trên",
            False,
            20,
            "Mã của tổ chức đảng cấp trên "
            "trực tiếp: một đơn vị có trong tệp này hoặc đã có trong phần mềm, thuộc phạm vi "
            "đồng chí quản lý. Để trống với đơn vị đã có: giữ nguyên cấp trên hiện nay. "
            "Chưa hỗ trợ chuyển đơn vị sang cấp trên khác.",
            32,
        ),
    ),
)

PEOPLE = SheetSpec(
    "Nhân sự",
    ("nhan su",),
    (
        Column(
            "code",
            "Mã định danh",
            True,
            18,
            "Số thẻ đảng viên hoặc số căn cước công dân; "
            "mỗi người một mã, không trùng nhau. Nhập lại cùng mã thì cập nhật thông tin của "
            "người đó.",
            32,
            ("ma dang vien", "ma so dang vien"),
        ),
        Column(
            "full_name",
            "Họ và tên",
            True,
            28,
            "Họ, chữ đệm và tên, có dấu.",
            120,
            ("ho ten", "ho va ten dang vien", "ten dang vien"),
        ),
        Column(
            "birth_date",
            "Ngày sinh",
            False,
            13,
            "Ngày/tháng/năm, ví dụ 05/03/1980 (hoặc một ô kiểu ngày của Excel).",
            None,
            ("ngay thang nam sinh", "sinh ngay"),
        ),
        Column("gender", "Giới tính", False, 10, "Chọn trong danh sách: Nam; Nữ.", None, ("gioi",)),
        Column(
            "status",
            "Tình trạng",
            True,
            24,
            "Chọn trong danh sách: " + "; ".join(STATUS_LABELS) + ".",
            None,
            ("trang thai", "loai dang vien", "tinh trang dang vien"),
        ),
        Column(
            "duty",
            "Chức vụ, nhiệm vụ",
            False,
            30,
            "Ví dụ: Bí thư chi bộ, Trưởng phòng; Chuyên viên.",
            255,
            ("chuc vu", "chuc danh", "chuc vu chinh quyen"),
        ),
        Column(
            "cell",
            "Mã chi bộ",
            True,
            16,
            "Mã của chi bộ (chi bộ cơ sở hoặc chi bộ trực "
            "thuộc) nơi người này sinh hoạt: có trong trang “Tổ chức đảng” hoặc đã có trong "
            "phần mềm. Ghi mã chi bộ khác với hiện nay là chuyển sinh hoạt.",
            32,
        ),
        Column(
            "email",
            "Thư điện tử",
            False,
            26,
            "Ví dụ: nguyenvanan@example.vn.",
            254,
            ("email", "e mail", "thu dien tu"),
        ),
        Column(
            "phone",
            "Điện thoại",
            False,
            15,
            "Từ 6 đến 15 chữ số; có thể có dấu + ở đầu, dấu cách, dấu chấm, gạch ngang.",
            20,
            ("so dien thoai", "dien thoai di dong", "sdt"),
        ),
        Column(
            "start_month",
            "Sinh hoạt từ tháng",
            False,
            16,
            "Tháng/năm bắt đầu sinh hoạt "
            "tại chi bộ ghi ở cột “Mã chi bộ”, ví dụ 03/2025. Để trống: tháng hiện tại. Chỉ "
            "dùng khi thêm người mới hoặc khi chuyển sinh hoạt sang chi bộ khác.",
        ),
        Column(
            "joined_on",
            "Ngày vào Đảng",
            False,
            14,
            "Ngày/tháng/năm, ví dụ 19/05/2010; sau ngày sinh.",
            None,
            ("ngay ket nap", "ngay ket nap dang", "ngay vao dang cong san viet nam"),
        ),
        Column(
            "full_member_on",
            "Ngày chính thức",
            False,
            14,
            "Ngày/tháng/năm trở thành đảng viên chính thức; sau ngày vào Đảng. Đảng viên dự "
            "bị để trống.",
            None,
            ("ngay cong nhan chinh thuc", "ngay chuyen chinh thuc", "ngay vao dang chinh thuc"),
        ),
        Column(
            "party_card_number",
            "Số thẻ đảng viên",
            False,
            16,
            "Từ 6 đến 20 chữ số, mỗi người một số, không trùng với người khác. Quần chúng để "
            "trống.",
            20,
            ("so the dang", "so the"),
        ),
        Column(
            "citizen_id",
            "Số CCCD",
            False,
            16,
            "Số căn cước công dân (số định danh cá nhân): đúng 12 chữ số, mỗi người một số. "
            "Ô phải định dạng Văn bản để giữ số 0 ở đầu.",
            12,
            ("so can cuoc", "so can cuoc cong dan", "cccd", "so dinh danh ca nhan", "so dinh danh"),
        ),
        Column(
            "roles",
            "Vai trò",
            False,
            20,
            "Vai trò của người này ở chi bộ ghi ở cột “Mã chi bộ”: "
            + "; ".join(ROLE_LABELS)
            + ". Nhiều vai trò thì cách nhau bằng dấu phẩy. Người có vai trò được tạo tài "
            "khoản (chưa đăng nhập được cho đến khi được cấp mã). Để trống: không giao vai "
            "trò nào; vai trò đang có giữ nguyên. Cột “Chức vụ, nhiệm vụ” không dùng để giao "
            "vai trò.",
            None,
            ("vai tro trong chi bo",),
        ),
    ),
)

SHEETS = (UNITS, PEOPLE)
# Sheet title → column key → column.
COLUMNS = {spec.title: {c.key: c for c in spec.columns} for spec in SHEETS}
GUIDE_TITLE = "Hướng dẫn"
LISTS_TITLE = "Danh mục"


def _choice_map(choices: Iterable[tuple[str, str]], *aliases: tuple[str, str]) -> dict[str, str]:
    """Label, folded label and stored value → stored value, so “chi bo truc thuoc” matches."""
    mapping = {label: value for value, label in choices}
    mapping |= {fold(label): value for value, label in choices}
    mapping |= {value: value for value, _ in choices}
    mapping |= {fold(alias): value for alias, value in aliases}
    return mapping


KINDS = _choice_map(UnitKind.choices)
STATUSES = _choice_map(
    MemberStatus.choices,
    ("Chính thức", MemberStatus.FULL),
    ("Dự bị", MemberStatus.PROBATIONARY),
)
GENDERS = _choice_map(Gender.choices)
ROLE_KINDS = {fold(label): kind for label, kind in ROLES.items()} | {
    fold("Phó bí thư chi bộ"): RoleKind.DEPUTY,
    fold("Bí thư chi bộ"): RoleKind.SECRETARY,
    fold("Cấp ủy"): RoleKind.COMMITTEE,
    fold("Chi ủy viên"): RoleKind.COMMITTEE,
}
