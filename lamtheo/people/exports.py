"""The member profiles of a unit's subtree as .xlsx (every text through core.xlsx)."""

from __future__ import annotations

from openpyxl import Workbook

from lamtheo.core.dates import format_date
from lamtheo.core.periods import month_start, today
from lamtheo.core.xlsx import add_sheet, append_row
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.selectors import exempt_person_ids, profiles_of_subtree

HEADERS = [
    ("STT", 5),
    ("Mã định danh", 12),
    ("Họ và tên", 26),
    ("Ngày sinh", 11),
    ("Giới tính", 8),
    ("Tình trạng", 20),
    ("Ngày vào Đảng", 11),
    ("Ngày chính thức", 11),
    ("Số thẻ đảng viên", 14),
    ("Số định danh cá nhân", 15),
    ("Điện thoại", 13),
    ("Thư điện tử", 24),
    ("Chức vụ, nhiệm vụ", 24),
    ("Chi bộ", 26),
]


def profiles_workbook(unit: OrgUnit) -> Workbook:
    on = today()
    workbook, sheet = add_sheet(
        f"Hồ sơ cán bộ, đảng viên – {unit.name}",
        f"Những người đang sinh hoạt tại các chi bộ trực thuộc, ngày {format_date(on)}",
        [h for h, _ in HEADERS],
        [w for _, w in HEADERS],
        name="Hồ sơ",
    )
    people = list(profiles_of_subtree(unit))
    exempt = exempt_person_ids(people, month_start(on))
    for i, p in enumerate(people, start=1):
        status = p.get_status_display()
        if p.pk in exempt:
            status += ", miễn công tác và sinh hoạt đảng"
        append_row(sheet, [
            i, p.code, p.full_name, format_date(p.birth_date), p.get_gender_display(), status,
            format_date(p.joined_on), format_date(p.full_member_on), p.party_card_number,
            p.citizen_id, p.phone, p.email, p.duty, p.cell.name,
        ])  # fmt: skip
    return workbook
