"""The writer's field of work, recognised from their duties, and an example registration item
from that field for the hint (a nurse gets a ward example, not a school one). The examples
are written for this project.

The field is recognised from the duties by a linear scorer per field (one against the rest,
"none" standing for every other field), learned from the labelled duties in
lamtheo/pledges/tests/data/ (python -m lamtheo.pledges.train). Its features are the words of the
duties and whether they contain one of the words listed for a field below; the list alone was
measured too (README, "Registration quality")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lamtheo.pledges.linear import Model, grams, load_model, words


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


_BY_KEY = {sector.key: sector for sector in SECTORS}


def sector_features(duties: str) -> list[str]:
    """Features of the field scorers: the words of the duties and the listed words they hold."""
    tokens = words(duties)[:40]
    padded = f" {' '.join(tokens)} "
    listed = [f"k:{s.key}" for s in SECTORS if any(f" {w} " in padded for w in s.words)]
    return grams(tokens, "d:") + listed


def listed_sector(duties: str) -> str | None:
    """The first field whose listed words the duties contain (the word list on its own)."""
    padded = f" {' '.join(words(duties))} "
    return next((s.key for s in SECTORS if any(f" {w} " in padded for w in s.words)), None)


def predict_sector(model: Model, duties: str) -> str | None:
    features = sector_features(duties)
    if not features:
        return None
    best = max(model.sectors, key=lambda key: model.sectors[key].score(features))
    return None if best == "none" else best


@lru_cache(maxsize=4096)
def sector_key(duties: str) -> str | None:
    """The key of the field of work the duties name, or None."""
    return predict_sector(load_model(), duties or "")


def sector_of(duties: str) -> Sector | None:
    """The field of work the duties name, or None (then the hint gives a neutral example)."""
    key = sector_key(duties or "")
    return _BY_KEY[key] if key else None


def example_for(duties: str) -> str:
    sector = sector_of(duties)
    return sector.example if sector else NEUTRAL_EXAMPLE
