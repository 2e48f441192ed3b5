"""The writer's field of work, recognised from their duties, and an example registration item
from that field for the hint (a nurse gets a ward example, not a school one). The examples
are written for this project; recognition is by words of the duties, first match wins, in the
order below (the more particular fields first)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lamtheo.core.vietnamese import fold


@dataclass(frozen=True)
class Sector:
    key: str
    words: tuple[str, ...]  # folded (no diacritics, lower case), matched as whole words
    example: str


SECTORS: tuple[Sector, ...] = (
    Sector(
        "one_stop",
        ("mot cua", "tiep nhan ho so", "tra ket qua", "hanh chinh cong"),
        "Trả kết quả đúng hẹn 100% hồ sơ tiếp nhận tại bộ phận một cửa; hồ sơ nào trễ hẹn "
        "thì gửi thư xin lỗi người dân trong ngày",
    ),
    Sector(
        "health",
        (
            "bac si",
            "dieu duong",
            "y si",
            "y ta",
            "ho sinh",
            "duoc si",
            "benh vien",
            "khoa noi",
            "khoa ngoai",
            "tram y te",
            "y te",
        ),
        "Hướng dẫn từng người bệnh ra viện cách tự chăm sóc tại nhà bằng tờ hướng dẫn của "
        "khoa, mỗi ca trực",
    ),
    Sector(
        "education",
        (
            "giao vien",
            "hieu truong",
            "giang vien",
            "truong hoc",
            "chu nhiem lop",
            "mam non",
            "tieu hoc",
            "trung hoc",
        ),
        "Tổ chức 02 buổi phụ đạo mỗi tuần cho học sinh yếu môn Toán của lớp chủ nhiệm, "
        "từ tháng 9 đến hết học kỳ I",
    ),
    Sector(
        "police",
        ("cong an", "canh sat", "trinh sat", "doi truong an ninh"),
        "Đến từng hộ trên địa bàn phụ trách để hướng dẫn khai báo tạm trú qua ứng dụng, "
        "xong trước ngày 30/6",
    ),
    Sector(
        "army",
        (
            "quan doi",
            "bo doi",
            "chien si",
            "si quan",
            "dai doi",
            "tieu doan",
            "trung doan",
            "quan nhan",
            "chinh tri vien",
        ),
        "Kiểm tra vũ khí, trang bị của trung đội mỗi sáng thứ Hai; ghi sổ và báo cáo đại đội "
        "trong ngày",
    ),
    Sector(
        "press",
        ("phong vien", "bien tap", "nha bao", "bao chi", "dai phat thanh", "truyen hinh"),
        "Viết 02 bài mỗi quý về người tốt, việc tốt ở cơ sở, có ảnh và lời người trong cuộc",
    ),
    Sector(
        "farming",
        (
            "nong dan",
            "hop tac xa",
            "trong trot",
            "chan nuoi",
            "khuyen nong",
            "nuoi trong",
            "lam vuon",
        ),
        "Chuyển 02 sào ruộng của gia đình sang canh tác hữu cơ theo quy trình của hợp tác xã "
        "trong vụ mùa",
    ),
    Sector(
        "factory",
        ("cong nhan", "nha may", "phan xuong", "day chuyen", "to truong san xuat", "ky thuat vien"),
        "Đề xuất 01 sáng kiến giảm hao hụt nguyên liệu ở dây chuyền của tổ, nộp phòng kỹ thuật "
        "trước ngày 30/9",
    ),
    Sector(
        "commune",
        (
            "uy ban nhan dan",
            "ubnd",
            "dia chinh",
            "tu phap ho tich",
            "van hoa xa hoi",
            "chu tich xa",
            "can bo xa",
            "cong chuc xa",
            "phuong",
        ),
        "Giải quyết đơn thư của người dân trong địa bàn phụ trách đúng thời hạn luật định, "
        "trả lời bằng văn bản từng trường hợp",
    ),
    Sector(
        "residential",
        ("nghi huu", "huu tri", "khu dan cu", "to dan pho", "thon", "ap", "cuu chien binh"),
        "Cùng tổ dân phố dọn vệ sinh tuyến đường trước nhà vào sáng Chủ nhật cuối mỗi tháng",
    ),
)

NEUTRAL_EXAMPLE = (
    "Hoàn thành đúng hạn 100% công việc được giao trong tháng, báo cáo kết quả với chi bộ "
    "tại buổi sinh hoạt cuối tháng"
)


def sector_of(duties: str) -> Sector | None:
    """The field of work the duties name, or None (then the hint gives a neutral example)."""
    words = f" {' '.join(re.sub(r'[^a-z0-9]+', ' ', fold(duties or '')).split())} "
    for sector in SECTORS:
        if any(f" {w} " in words for w in sector.words):
            return sector
    return None


def example_for(duties: str) -> str:
    sector = sector_of(duties)
    return sector.example if sector else NEUTRAL_EXAMPLE
