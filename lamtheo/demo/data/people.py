"""People: names from realistic distributions (approximate shares of family names), the
shares of statuses, registrations and diligence, and a seeded weighted picker."""

from __future__ import annotations

import random
from itertools import accumulate

from lamtheo.people.models import Gender, MemberStatus
from lamtheo.pledges.models import PledgeStatus

# fmt: off
FAMILY_NAMES = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Phan", 45), ("Hoàng", 30),
    ("Huỳnh", 21), ("Đặng", 21), ("Bùi", 20), ("Vũ", 20), ("Võ", 19), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Đinh", 6), ("Trương", 6), ("Lý", 5), ("Lâm", 4), ("Đào", 4),
    ("Mai", 4), ("Cao", 3), ("Hà", 3), ("Lương", 3), ("Trịnh", 3), ("Tạ", 2), ("Thái", 2),
    ("Châu", 2), ("Tô", 2), ("Lưu", 2), ("Kiều", 1), ("Quách", 1), ("Từ", 1), ("La", 1),
]
MALE_MIDDLE = [
    ("Văn", 40), ("Đức", 8), ("Minh", 8), ("Hữu", 6), ("Quang", 6), ("Công", 5), ("Thanh", 5),
    ("Quốc", 5), ("Xuân", 4), ("Ngọc", 4), ("Đình", 4), ("Duy", 3), ("Anh", 3), ("Trọng", 3),
    ("Hoàng", 3), ("Tấn", 3), ("Viết", 2), ("Bá", 2), ("Tuấn", 2),
]
FEMALE_MIDDLE = [
    ("Thị", 55), ("Ngọc", 6), ("Thu", 5), ("Thanh", 5), ("Kim", 4), ("Hồng", 4), ("Phương", 3),
    ("Minh", 3), ("Bích", 3), ("Mỹ", 3), ("Thùy", 3), ("Diệu", 2), ("Khánh", 2), ("Hoài", 2),
]
# A second middle name after "Thị" ("Nguyễn Thị Thu Hà").
AFTER_THI = [("Thu", 5), ("Ngọc", 5), ("Minh", 3), ("Thanh", 4), ("Kim", 3), ("Bích", 2),
             ("Hồng", 3), ("Mỹ", 2), ("Thúy", 2), ("Hải", 1)]
MALE_GIVEN = [
    ("Anh", 10), ("Minh", 9), ("Hùng", 8), ("Dũng", 8), ("Tuấn", 8), ("Hải", 7), ("Nam", 6),
    ("Long", 6), ("Sơn", 6), ("Cường", 6), ("Trung", 6), ("Thành", 6), ("Đức", 6), ("Huy", 6),
    ("Thắng", 5), ("Hiếu", 5), ("Bình", 5), ("Tùng", 5), ("Hưng", 5), ("Hoàng", 4),
    ("Quang", 4), ("Phong", 4), ("Khánh", 4), ("Việt", 4), ("Phúc", 4), ("Toàn", 4),
    ("Vinh", 4), ("Đạt", 4), ("Quân", 4), ("Tâm", 3), ("Lâm", 3), ("Lộc", 3), ("Tài", 3),
    ("Hòa", 3), ("Kiên", 3), ("Bảo", 3), ("Nghĩa", 3), ("Tiến", 3), ("Thịnh", 3), ("Khoa", 3),
    ("Vũ", 3), ("Trí", 2), ("Tân", 2), ("Lợi", 2), ("Phát", 2),
]
FEMALE_GIVEN = [
    ("Hương", 8), ("Linh", 8), ("Trang", 8), ("Hà", 7), ("Lan", 6), ("Mai", 6), ("Thảo", 6),
    ("Huyền", 6), ("Phương", 6), ("Hằng", 6), ("Anh", 6), ("Hoa", 5), ("Ngọc", 5), ("Hạnh", 5),
    ("Yến", 5), ("Thủy", 5), ("Nhung", 4), ("Loan", 4), ("Dung", 4), ("Vân", 4), ("Thư", 4),
    ("Nga", 4), ("Hiền", 4), ("Giang", 4), ("Oanh", 3), ("Tâm", 3), ("Trinh", 3), ("Liên", 3),
    ("Quyên", 3), ("Nhi", 3), ("Uyên", 3), ("Chi", 3), ("Thanh", 3), ("Ly", 3), ("Diệp", 2),
    ("Lệ", 2), ("Hậu", 2),
]
STATUSES = [(MemberStatus.FULL, 85), (MemberStatus.PROBATIONARY, 6),
            (MemberStatus.NON_MEMBER, 9)]
PLEDGE_STATES = [(PledgeStatus.ACCEPTED, 82), (PledgeStatus.SUBMITTED, 6),
                 (PledgeStatus.RETURNED, 5), (PledgeStatus.DRAFT, 5), ("", 6)]
DILIGENCE = [(0.98, 60), (0.88, 30), (0.6, 10)]  # chance of handing in a given month
VAGUENESS = [(0.1, 70), (0.35, 20), (0.9, 10)]  # share of vague items one writes
EXEMPTION_REASONS = [
    "Ốm đau dài ngày, đang điều trị bệnh",
    "Tuổi cao, sức khỏe yếu",
    "Điều trị bệnh hiểm nghèo theo chỉ định của bác sĩ",
]
# fmt: on


class Picker:
    """Weighted choices from (value, weight) tables with one seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._cumulative: dict[int, list[int]] = {}

    def pick(self, table: list[tuple] | tuple[tuple, ...]) -> tuple:
        weights = self._cumulative.get(id(table))
        if weights is None:
            weights = self._cumulative[id(table)] = list(accumulate(row[-1] for row in table))
        return self.rng.choices(table, cum_weights=weights)[0]

    def name(self, gender: str) -> str:
        family = self.pick(FAMILY_NAMES)[0]
        if gender == Gender.MALE:
            middle, given = self.pick(MALE_MIDDLE)[0], self.pick(MALE_GIVEN)[0]
        else:
            middle, given = self.pick(FEMALE_MIDDLE)[0], self.pick(FEMALE_GIVEN)[0]
            if middle == "Thị" and self.rng.random() < 0.35:
                middle = f"Thị {self.pick(AFTER_THI)[0]}"
        if middle.split()[-1] == given:  # "Minh Minh" is not a name people get
            return self.name(gender)
        return f"{family} {middle} {given}"
