"""Is a registration item specific ("cụ thể") or vague ("chung chung")?

An item of a bản đăng ký học tập và làm theo is *specific* when it names an
action someone else could check happened, plus at least one of: a measurable
target, a time frame or frequency, or a specific object of the author's own
work (a named register, procedure, class, ward, record type …). A slogan or a
general virtue ("nâng cao ý thức …", "thực hiện tốt …") is *vague*.

The checker is rule based and pure standard-library Python so that it runs in a
form, in a command and in a benchmark alike. It reads general Vietnamese:

* the text is folded to NFC, lower case, single spaces; old-style tone marks
  ("hoà", "thuỷ") are moved to the new style ("hòa", "thủy");
* an accent-stripped copy (đ→d) is kept, character-aligned with the original;
  when the author typed without diacritics every rule runs on that copy, so
  "nang cao y thuc" reads like "nâng cao ý thức"; when the text has
  diacritics the rules run on the accented form, so "sau buổi" (after the
  meeting) is never read as "sáu buổi" (six meetings);
* regular expressions find quantities, percentages, dates, frequencies and
  deadlines; a lexicon of phrases finds concrete action verbs, weak verbs,
  vague virtue/slogan phrases and concrete objects of work.

Public API: :func:`assess` and :class:`Assessment`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from lamtheo.pledges.linear import Model, grams, words
from lamtheo.pledges.sectors import example_for, load_model, sector_key

__all__ = ["Assessment", "assess", "MISSING_KEYS"]

#: The possible entries of ``Assessment.missing``, in their reporting order.
MISSING_KEYS: tuple[str, ...] = ("action", "measure", "time", "duty")

# ---------------------------------------------------------------------------
# Hints shown to the author (one sentence each, Vietnamese).
# ---------------------------------------------------------------------------

HINT_SPECIFIC = "Nội dung đã cụ thể, người khác có thể kiểm tra được."
# "duty" in missing: the item does not concern the writer's own work (their job, class, ward,
# patients, product, route, records …). Said in plain words, with the duties they gave.
HINT_DUTY = "Việc này chưa gắn với nhiệm vụ “{duties}” của đồng chí"
HINT_DUTY_GENERIC = "Việc này chưa gắn với nhiệm vụ chuyên môn của đồng chí"
HINT_SPECIFIC_DUTY = "Nội dung đã cụ thể. {duty}: nên chọn việc làm trong chính công việc của mình"
# The vague hints say what is missing, then give an example from the writer's own field of
# work (pledges.sectors, recognised from their duties).
HINT_ACTION = "Nêu rõ việc làm cụ thể mà người khác kiểm tra được (làm gì, cho ai, đến khi nào)"
HINT_SLOGAN = (
    "Thay lời hứa chung chung (“nâng cao”, “tích cực”, “thực hiện tốt”) bằng việc làm cụ thể "
    "trong công việc của mình"
)
HINT_MEASURE_TIME = (
    "Thêm chỉ tiêu đo được hoặc thời hạn (số lượng, tỷ lệ %, “mỗi tháng một lần”, "
    "“trước ngày 30/6”)"
)

# How each content area of the registration (ContentArea.title) is treated for the duty link.
# Items of "trách nhiệm nêu gương" and of personal conduct (the Central Committee's Resolution
# 4 and Directive 05: lối sống, đạo đức, chống suy thoái) may rightly be about one's own life —
# giving blood, one's family, one's street — so they are never flagged "duty". Items of the
# political task ("nhiệm vụ chính trị", "chuyên môn") and of any other area are expected to be
# about the writer's own work.
_NOT_TIED_AREAS = ("nêu gương", "nghị quyết trung ương 4", "suy thoái", "đạo đức", "lối sống")


def duty_required_for(area_title: str) -> bool:
    """Must items of this content area be tied to the writer's duties?"""
    title = " ".join((area_title or "").lower().split())
    return not any(marker in title for marker in _NOT_TIED_AREAS)


@dataclass(frozen=True)
class Assessment:
    """The verdict on one item.

    ``missing`` lists, in the order of :data:`MISSING_KEYS`, every element
    that was not found: an item can be specific and still miss "measure" or
    "time", because one of measure, time or a specific object of work is
    enough. "duty" appears only when duties were given and the item neither
    shares a content word with them nor names a specific object of work.

    ``hint`` is one Vietnamese sentence: a rewrite pattern when the item is
    vague, a short positive sentence when it is specific (never empty).
    """

    specific: bool
    has_action: bool
    has_measure: bool
    has_time: bool
    has_object: bool
    missing: list[str]
    hint: str

    def to_dict(self) -> dict[str, object]:
        """The shape used by the ``check_pledges`` command and the form."""
        return {"specific": self.specific, "missing": list(self.missing), "hint": self.hint}


# ---------------------------------------------------------------------------
# Normalization
# ---------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    # One character in, one character out: the accent-stripped copy stays
    # aligned with the accented one, so a span found in one is valid in both.
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code) and base.isascii() and base.isalpha():
                table[code] = base
    return table


_FOLD = _build_fold_table()


def _fold(text: str) -> str:
    """Strip Vietnamese diacritics (đ→d), one character for one character."""
    return text.translate(_FOLD)


def _build_retone() -> tuple[re.Pattern[str], dict[str, str]]:
    # "hoà/hòa", "khoẻ/khỏe", "thuỷ/thủy" are both in use; pick the tone on
    # the first vowel so that either spelling matches the lexicon.
    marks = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    moves: dict[str, str] = {}
    for mark in marks:
        for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
            toned_second = unicodedata.normalize("NFC", second + mark)
            toned_first = unicodedata.normalize("NFC", first + mark)
            moves[first + toned_second] = toned_first + second
    # No look-behind for "qu" here: a pattern that starts with a literal lets
    # the regex engine skip ahead, which matters at thousands of items/second.
    pattern = re.compile("(?:" + "|".join(moves) + r")(?!\w)")
    return pattern, moves


_RETONE, _RETONE_MOVES = _build_retone()


def _retone(match: re.Match[str]) -> str:
    start = match.start()
    if start and match.string[start - 1] == "q":  # "quý" is already right
        return match.group()
    return _RETONE_MOVES[match.group()]


def _normalize(text: str) -> tuple[str, str]:
    """Return (cased, lowered): NFC, single spaces, new-style tone marks."""
    cased = " ".join(unicodedata.normalize("NFC", text).split())
    lowered = _RETONE.sub(_retone, cased.lower())
    if len(lowered) != len(cased):  # exotic case mappings: give up on case info
        cased = lowered
    return cased, lowered


def _canon(phrase: str) -> str:
    return _normalize(phrase)[1]


# ---------------------------------------------------------------------------
# Patterns: written once with diacritics, compiled for both spellings.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    accented: re.Pattern[str]
    plain: re.Pattern[str]

    def of(self, strict: bool) -> re.Pattern[str]:
        return self.accented if strict else self.plain


def _pat(source: str, plain_source: str | None = None) -> _Pattern:
    source = _canon(source)
    plain = _fold(_canon(plain_source) if plain_source is not None else source)
    return _Pattern(re.compile(source), re.compile(plain))


_BOUNDARY = r"\b"


def _any(*sources: str) -> _Pattern:
    """One pattern for a group of rules.

    A leading ``\\b`` is dropped from each rule and checked by :func:`_spans`
    instead: rules that start with a letter or a digit then let the regex
    engine jump straight to the candidate positions (about 3x faster).
    """
    return _pat("|".join(f"(?:{source.removeprefix(_BOUNDARY)})" for source in sources))


def _alt(words: str) -> str:
    """'a, b c, d' -> non-capturing alternation, longest first, spaces flexible."""
    items = sorted({w.strip() for w in words.split(",") if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in items) + ")"


# Counting words and units that can follow a number ("02 buổi", "hai hộ").
_COUNTERS = _alt(
    """buổi, lần, lượt, bài, bản, tin, tin bài, tác phẩm, phóng sự, video, clip, hộ,
    hộ gia đình, gia đình, người, người dân, em, cháu, học sinh, sinh viên, trẻ, bệnh nhân,
    người bệnh, ca, cuộc, đợt, chuyến, lớp, khóa, chương trình, mô hình, sáng kiến,
    đề tài, giải pháp, đảng viên, quần chúng, đoàn viên, hội viên, thanh niên, cử tri,
    chi bộ, tổ, đơn vị, cơ sở, xã, thôn, ấp, hồ sơ, văn bản, tài liệu, cuốn, quyển, trang,
    bộ, chiếc, cái, con, cây, kg, tấn, km, mét, lít, ha, ngày, tuần, tháng, năm, giờ,
    tiếng, phút, quý, kỳ, triệu, nghìn, ngàn, trăm, tỷ, đồng, suất, phần quà, xuất,
    công trình, tuyến, đoạn, điểm, mẩu chuyện, câu chuyện, chuyện, tiết, vụ,
    trường hợp, đơn, kiến nghị, ý kiến, sai sót, lỗi, cuộc họp, hội nghị, sổ, phiếu,
    thẻ, máy, ngày lương, ngày công, suất quà, phần trăm, doanh nghiệp, hợp tác xã,
    bao, thùng, túi, lượt người, buổi sáng, buổi chiều, tối, đêm, việc, việc tốt, việc làm"""
)
_NUM_FIRST = "một, hai, ba, bốn, năm, sáu, bảy, bẩy, tám, chín, mười, chục, trăm"
# "sau" (after) is far more common than an unaccented "sáu" (six).
_NUM_FIRST_PLAIN = _NUM_FIRST.replace(" sáu,", "")
_NUM_MORE = _NUM_FIRST + ", tư, lăm, nhăm, mươi, nghìn, ngàn, triệu, tỷ, tỉ, linh, lẻ, mốt, rưỡi"
_NUM_ANY = rf"(?:\d+(?:[.,]\d+)*|{_alt(_NUM_MORE)})"  # digits or words


def _number_words(first: str) -> str:
    return rf"\b{_alt(first)}(?:\s+{_alt(_NUM_MORE)})*\s+{_COUNTERS}\b"


# A quantity written in words: "hai buổi", "mười hộ", "một lần".
_NUMBER_WORDS = _pat(_number_words(_NUM_FIRST), _number_words(_NUM_FIRST_PLAIN))
_DIGITS = re.compile(r"(?<![\w.,/])\d+(?:[.,]\d{3})*(?:[.,]\d+)?")
# A number followed by a unit is a quantity even if it looks like a year.
_COUNTER_AFTER = _pat(rf"\s*(?:{_COUNTERS}\b|%)")
_PERCENT_WORDS = _pat(r"\bphần\s+trăm\b|%")
# Zero targets: "không để hồ sơ nào trễ hạn", "không để xảy ra sai sót".
_ZERO_TARGET = _pat(
    r"\bkhông\s+để\s+(?:xảy\s+ra|xẩy\s+ra|phát\s+sinh|tồn\s+đọng|sót|mất|thất\s+thoát)\b"
    r"|\bkhông\s+(?:để|có|còn|bị)\b[^.;!?]{0,80}?\bnào\b"
)

# Dates and calendar references: a time frame, and their digits are not a
# quantity ("trước tháng 12/2025" has no measure).
_MONTH_WORDS = "một, hai, ba, tư, bốn, năm, sáu, bảy, tám, chín, mười, mười một, mười hai"
_DATES = _any(
    r"\b\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\b(?!\s*số\b)",
    r"\b\d{1,2}\s*/\s*(?:19|20)\d{2}\b",
    r"\b\d{1,2}[-.]\d{1,2}[-.](?:19|20)\d{2}\b",
    r"\b(?:19|20)\d{2}\s*[-–—]\s*(?:(?:19|20)\d{2}|\d{2})\b",
    r"\bnăm(?:\s+học|\s+tài\s+chính)?\s+(?:19|20)\d{2}\b",
    (rf"\btháng\s+(?:\d{{1,2}}\b|giêng\b|chạp\b|{_alt(_MONTH_WORDS)}\b(?!\s+{_COUNTERS}\b))"),
    rf"\bquý\s+(?:iv\b|i{{1,3}}\b|[1-4]\b|{_alt('một, hai, ba, bốn, tư')}\b(?!\s+{_COUNTERS}\b))",
    r"\b(?:học\s+kỳ|hk)\s*(?:ii|i|[12]|một|hai)\b",
    r"\bngày\s+\d{1,2}\b",
    r"\b\d{1,2}\s+tháng\s+(?:đầu|cuối)(?:\s+(?:của\s+)?năm)?\b",
    r"(?<!lần\s)\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\b",
    r"\b(?:lúc|từ|đến|trước)\s+\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2}(?:\s*phút)?)?\b",
    r"\b\d{1,2}h\d{2}\b",
)

# Frequencies, periods and deadlines: a time frame whose numbers (if any)
# still count as a quantity ("trong vòng 05 ngày").
_PERIODS = _any(
    (
        r"\b(?:hằng|hàng|mỗi|mọi|từng)\s+(?:tuần|tháng|quý|năm|kỳ|học\s+kỳ|đợt|"
        r"buổi\s+sáng|buổi\s+chiều|buổi\s+tối|sáng|chiều|tối|đêm|ca|phiên|năm\s+học|dịp)\b"
        r"|\b(?:mỗi|từng)\s+ngày\b"
    ),
    r"\b(?:định\s+kỳ|thường\s+kỳ)\b",
    (
        r"\b(?:đầu|cuối|giữa|trong|cả|suốt|hết|nửa\s+đầu|nửa\s+cuối)\s+năm"
        r"(?:\s+(?:nay|học|tới|sau))?\b"
    ),
    r"\bnăm\s+(?:nay|tới)\b",
    r"\b(?:đầu|cuối|giữa)\s+(?:tháng|quý|tuần|kỳ|học\s+kỳ|giờ|mỗi)\b",
    r"\btrước\s+(?:ngày|tháng|quý|năm|tết|kỳ|dịp|mùa|thời\s+hạn|hạn|giờ|\d)",
    (
        r"\b(?:chậm\s+nhất|muộn\s+nhất|hạn\s+chót|hạn\s+cuối|đúng\s+hạn|trước\s+hạn|trễ\s+hạn|"
        r"quá\s+hạn|thời\s+hạn|đúng\s+giờ|kể\s+từ\s+ngày|kể\s+từ\s+khi|từ\s+ngày|đến\s+ngày|"
        r"tới\s+ngày|đến\s+hết\s+ngày|trong\s+vòng|trong\s+ngày|trong\s+tuần|trong\s+tháng|"
        r"trong\s+quý|mỗi\s+khi|ngay\s+khi|ngay\s+sau\s+khi|sau\s+mỗi|ban\s+đêm|ban\s+ngày|"
        r"cuối\s+tuần|ngày\s+nghỉ|ngày\s+lễ)\b"
    ),
    (
        rf"\btrong\s+(?:thời\s+gian\s+|thời\s+hạn\s+)?{_NUM_ANY}\s+"
        r"(?:ngày|giờ|tiếng|phút|tuần|tháng|năm)\b"
    ),
    r"\b(?:trong|ngoài|trước|đầu)\s+giờ\s+(?:làm\s+việc|hành\s+chính|học|lên\s+lớp)\b",
    r"\b(?:dịp|trước|sau|trong|mùa)\s+(?:tết|lễ|hè|mưa\s+bão|mưa\s+lũ|thi)\b",
    r"/\s*(?:ngày|tuần|tháng|quý|năm|buổi|ca|kỳ)\b",
    r"\btuần\s+(?:đầu|cuối)\b",
)

# "hằng ngày" after these nouns means "everyday (life/work)", not a frequency:
# "gương mẫu trong sinh hoạt hằng ngày".
_EVERYDAY = _pat(r"\b(?:hằng|hàng)\s+ngày\b")
_EVERYDAY_IDIOM = _pat(
    r"(?:sinh\s+hoạt|cuộc\s+sống|đời\s+sống|công\s+việc|công\s+tác|lao\s+động|học\s+tập|"
    r"giao\s+tiếp|ứng\s+xử|hoạt\s+động|việc\s+làm|nếp\s+sống|lối\s+sống|thiết\s+thực|"
    r"cụ\s+thể|hành\s+động|hành\s+vi)\s*,?\s*$"
)

# Numbers that name something rather than count it: document numbers,
# "lớp 9", "tổ 5", "Nghị quyết Trung ương 4", "27 biểu hiện", "Covid-19".
_IDENTIFIERS = _any(
    r"\b\d+[-–]?[a-zđ]+(?:/[a-zđ]+)+\b",
    (
        r"\b(?:chỉ\s+thị|nghị\s+quyết|quy\s+định|kết\s+luận|quyết\s+định|thông\s+tư|nghị\s+định|"
        r"luật|điều|khoản|mục|chương|công\s+văn|kế\s+hoạch|hướng\s+dẫn|thông\s+báo|văn\s+bản|"
        r"số|khóa|lớp|khối|phòng|tổ|tổ\s+dân\s+phố|khu\s+phố|khu|ấp|thôn|xóm|bản|đội|tầng|"
        r"nhà|đường|quốc\s+lộ|tỉnh\s+lộ|trung\s+ương|kỳ\s+họp|cấp\s+độ|hạng|bậc|bước|"
        r"giai\s+đoạn|lần\s+thứ|thứ|chi\s+bộ|ca|phường|quận|tiểu\s+khu|cụm|trường|tuyến)"
        r"\s+(?:số\s+)?\d+[a-z]?\b"
    ),
    (
        r"\b\d+\s+(?:biểu\s+hiện|điều\s+(?:đảng\s+viên\s+)?không\s+được\s+làm|chuẩn\s+mực|"
        r"điều\s+bác\s+hồ\s+dạy)\b"
    ),
    (r"\b(?:covid|cách\s+mạng\s+công\s+nghiệp|công\s+nghiệp|iso|industry)\s*-?\s*\d+(?:[.:]\d+)*"),
    r"\b\d+\.0\b|\b1\s+cửa\b|\b\d{7,}\b",
)

# Named events that contain calendar words: "Cách mạng Tháng Tám",
# "kỷ niệm 80 năm Ngày thành lập …" (an anniversary, not a quantity).
_NOT_TIME = _pat(
    r"\bcách\s+mạng\s+tháng\s+\w+|\bkỷ\s+niệm\s+\d+\s+năm\b|\b\d+\s+năm\s+ngày\b"
    r"|\b(?:mùa\s+xuân|tết)\s+mậu\s+thân\b"
)

_HAS_DIGIT = re.compile(r"\d").search
_CLAUSE_END = re.compile(r"[;!?\n]|\.(?=\s|$)")
_WORD = re.compile(r"\w+")
_QUOTED_NAME = re.compile(r"[\"“”«»'‘’]\s*\w")


# ---------------------------------------------------------------------------
# Lexicon: phrases of general Vietnamese, not of any particular item.
# ---------------------------------------------------------------------------

# Entry kinds. STRONG: an observable, discrete act ("viết", "khám", "tiếp
# công dân"). WEAK: an act too general to check on its own ("thực hiện",
# "tham gia"); it counts with a quantity, or with an object and a time.
# OBJECT: a concrete object of someone's work. PLACE: a unit that becomes
# an object when named ("khoa Nội", "lớp 9A", "thôn Đông"). NEUTRAL:
# nouns that look like verbs ("tổ chức đảng", "giáo viên", "khoa học").
STRONG, WEAK, OBJECT, PLACE, NEUTRAL, NONE = "strong", "weak", "object", "place", "neutral", ""


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    kind: str
    vague: bool = False  # a virtue, slogan or empty intensifier
    nominal: bool = False  # turns the verbs after it into nouns ("tăng cường kiểm tra")


_STRONG_VERBS = """
viết, viết bài, đọc, soạn, soạn thảo, biên soạn, biên tập, ghi chép, ghi, chép, lập, thành lập,
cập nhật, nhập liệu, số hóa, chụp, gửi, nộp, ký, ký kết, phát hành, ban hành, đăng, đăng tải,
đăng bài, rà soát, kiểm tra, giám sát, kiểm kê, kiểm đếm, đối chiếu, thanh tra, thẩm định,
xác minh, điều tra, tuần tra, trực, trực ban, tiếp công dân, tiếp dân, tiếp nhận, tiếp xúc,
trả lời, trả kết quả, trả bài, giải quyết, xử lý, phản hồi, hòa giải, khám, khám bệnh,
khám chữa bệnh, chữa bệnh, điều trị, tiêm, tiêm chủng, xét nghiệm, phẫu thuật, cấp cứu,
sơ cứu, tư vấn, thăm, thăm hỏi, thăm khám, dạy, giảng, giảng dạy, dạy học, phụ đạo, kèm cặp,
hướng dẫn, huấn luyện, tập huấn, chấm, chấm bài, chấm vân tay, dự giờ, dự họp, dự lớp,
thao giảng, trồng, chăm bón, dọn, dọn dẹp, dọn vệ sinh, quét, quét dọn, thu gom, phân loại,
sửa chữa, bảo dưỡng, tắt, ủng hộ, quyên góp, tặng, tặng quà, trao, trao tặng, hiến máu, hiến,
đỡ đầu, nhận đỡ đầu, tổ chức, chủ trì, họp, phát động, giới thiệu, kết nạp, phỏng vấn,
lắp đặt, mở lớp, mở chuyên mục, mở sổ, dành, tập thể dục, đi bộ, đạp xe, thu nộp, đóng,
thanh toán, quyết toán, chi trả, cấp giấy, cấp phép, cấp phát, cấp đổi, cấp lại, niêm yết,
lấy ý kiến, khảo sát, kê đơn, kiểm soát, xử phạt, bàn giao, nghiệm thu, bảo quản, sắp xếp,
chỉnh lý, đôn đốc, chấm điểm, xếp loại, bình xét, khen thưởng, biểu dương, báo cáo,
thống kê, gặp, gặp gỡ, đối thoại, nói chuyện, kể chuyện, thuyết trình, phát tờ rơi, dán,
treo, đo, vớt, đắp, uống, uống rượu, uống rượu bia, hút thuốc, hút thuốc lá, đánh bạc,
đi làm, đi muộn, về sớm, nhắn tin, gọi điện, phát hiện, đưa đón, quay phim,
chụp ảnh, dịch, in ấn, photo, lưu trữ, bấm giờ, tuyên dương, đi cơ sở, xuống cơ sở,
về cơ sở, đi thực tế, bảo vệ luận văn, bảo vệ luận án, thi, dự thi, sàng lọc, khám sàng lọc
"""

_WEAK_VERBS = """
thực hiện, tham gia, hoàn thành, xây dựng, học, học tập, làm việc, tuyên truyền, vận động,
phổ biến, giúp, giúp đỡ, hỗ trợ, phối hợp, chấp hành, đảm bảo, bảo đảm, duy trì, chăm sóc,
phục vụ, cải tiến, áp dụng, ứng dụng, sử dụng, đăng ký, nghiên cứu, theo dõi, quản lý,
triển khai, giáo dục, đánh giá, nhận xét, nhắc nhở, động viên, giảm, tăng, đạt, rút ngắn,
nâng, hạ, tiết kiệm, cắt giảm, lắng nghe, tiếp thu, lãnh đạo, chỉ đạo, điều hành, quán triệt,
tìm hiểu, bồi dưỡng, đào tạo, kiểm điểm, phê bình, tự phê bình, đóng góp, thu hút,
phát triển, nhân rộng, xóa, khắc phục, sửa đổi, cảm hóa, nắm bắt, tham mưu, đề xuất,
kiến nghị, phản bác, bảo vệ, hoàn thiện, cải thiện, sản xuất, vận hành, kết nối, cam kết,
không để, mua, bán, xây, sửa, thu, trả, giữ, tham dự
"""

_VAGUE_WORDS = """
tích cực, chủ động, thường xuyên, luôn, luôn luôn, không ngừng, kiên quyết, kiên trì,
nghiêm túc, tự giác, gương mẫu, nêu gương, tận tụy, tận tâm, tận lực, tận tình, hết lòng,
hết mình, ân cần, chu đáo, khiêm tốn, giản dị, trung thực, thẳng thắn, chân thành, liêm chính,
chí công vô tư, cần kiệm, đoàn kết, trong sạch, vững mạnh, lành mạnh, kịp thời, sâu sát,
gần dân, sát dân, trọng dân, hiểu dân, nói đi đôi với làm, tinh thần trách nhiệm,
ý thức trách nhiệm, có trách nhiệm, trách nhiệm cao, ý thức, tinh thần, bản lĩnh,
có hiệu quả, hiệu quả, thiết thực, sáng tạo, nhiệt tình, hăng hái, mọi lúc mọi nơi,
mọi lúc, mọi nơi, tiếp tục, đúng mực, mẫu mực, thân thiện, vui vẻ, hòa nhã, cởi mở,
đầy đủ và tích cực, hơn nữa, ngày càng, toàn diện, sâu sắc, vững vàng, kiên định
"""

# Verbs that are themselves slogans: a weak verb and a vague phrase at once.
_VAGUE_VERBS = """
thực hiện tốt, thực hiện nghiêm, thực hiện nghiêm túc, thực hiện có hiệu quả, thực hiện đúng,
chấp hành tốt, chấp hành nghiêm, chấp hành nghiêm túc, hoàn thành tốt, hoàn thành xuất sắc,
làm tốt, phấn đấu, phấn đấu hoàn thành, rèn luyện, tu dưỡng, trau dồi, giữ gìn, gìn giữ,
giữ vững, phát huy, học tập và làm theo, học tập, làm theo, đấu tranh, phòng chống,
chống, ngăn chặn, đẩy lùi, sống, gần gũi, chăm lo, thực hành, thực hành tiết kiệm,
chống lãng phí, chống, noi gương, học tập theo, cố gắng, quyết tâm, hưởng ứng, góp phần,
nắm vững, tuân thủ, trau dồi, tự rèn luyện, tự tu dưỡng, bám sát, hết lòng phục vụ,
lập thành tích, lập công, nắm chắc
"""

# Intensifiers that turn what follows into a noun: "tăng cường kiểm tra"
# is a wish about inspections, not an inspection.
_NOMINALIZERS_VAGUE = """
nâng cao, nêu cao, tăng cường, đẩy mạnh, chú trọng, coi trọng, quan tâm, đổi mới,
nâng cao chất lượng, tập trung
"""
_NOMINALIZERS = """
công tác, việc, chất lượng, phương pháp, hoạt động, phong trào, chế độ, thi đua
"""

_OBJECTS = """
sổ, sổ sách, sổ theo dõi, sổ tay, sổ điểm, sổ ghi chép, sổ nhật ký, sổ đầu bài, sổ chủ nhiệm,
sổ hộ tịch, sổ tay làm theo gương bác, nhật ký, hồ sơ, bệnh án, hồ sơ bệnh án, biên bản,
chứng từ, hóa đơn, phiếu, giấy phép, giấy tờ, giấy chứng nhận, giấy khai sinh, khai sinh,
khai tử, hộ tịch, hộ khẩu, căn cước, tờ khai, đơn thư, khiếu nại, tố cáo, tin báo, giáo án,
kế hoạch bài dạy, bài giảng, đề kiểm tra, đề thi, bài kiểm tra, học bạ, danh sách, dữ liệu,
cơ sở dữ liệu, phần mềm, bảng chấm công, vân tay, quy trình, thủ tục, thủ tục hành chính,
dịch vụ công, lớp bồi dưỡng, lớp học, lớp tập huấn, lớp chủ nhiệm, lớp trung cấp, lớp cao cấp,
lớp sơ cấp, lý luận chính trị, khóa học, khóa đào tạo, chuyên mục, bản tin, trang thông tin,
cổng thông tin, fanpage, website, nhóm zalo, hộp thư góp ý, đường dây nóng, kho bạc,
thư viện, tủ sách, xe công, ô tô, máy tính, tài sản công, công cụ dụng cụ, quỹ, ngân sách,
kinh phí, đảng phí, công đoàn phí, buổi sinh hoạt, buổi học, buổi giao ban, giao ban,
hộ nghèo, hộ cận nghèo, gia đình chính sách, người có công, thương binh, người cao tuổi,
trẻ em khuyết tật, người khuyết tật, học sinh yếu, học sinh giỏi, học sinh cá biệt,
học sinh nghèo, học sinh khó khăn, quần chúng ưu tú, đối tượng kết nạp, đảng viên mới,
bệnh nhân nội trú, lộ trình, tiết dạy, tiết học, giờ dạy, báo cáo thống kê, cây xanh,
rác thải, khoa khám bệnh, khoa, môn, bộ phận một cửa, một cửa, trụ sở, kho, sổ đỏ,
hồ sơ lưu trữ, văn bản đến, văn bản đi, công văn đến, công văn đi, ca trực, luận văn,
luận án, khóa luận, đề án, chứng chỉ, tiểu luận
"""

_PLACES = """
lớp, thôn, ấp, xóm, bản, tổ dân phố, khu phố, khu dân cư, trường, câu lạc bộ, trạm, bộ phận,
chi hội, chi đoàn, đội, tuyến, đường, khối, tổ, phòng, xã, phường, báo, đài, tạp chí,
quỹ, chợ, cụm, làng
"""

_NEUTRAL = """
tổ chức đảng, tổ chức cơ sở đảng, tổ chức cơ sở, các tổ chức, tổ chức chính trị,
tổ chức đoàn thể, tổ chức - hành chính, tổ chức hành chính, phòng tổ chức, ban tổ chức,
của tổ chức, cấp ủy, cấp trên, cấp dưới, các cấp, cấp xã, cấp huyện, cấp tỉnh, cấp cơ sở,
cấp phường, trực tiếp, trực thuộc, trực tuyến, lập trường, độc lập, tiếp cận, khoa học,
ủy ban kiểm tra, kiểm tra viên, thanh tra viên, điều tra viên, báo cáo viên,
tuyên truyền viên, hướng dẫn viên, giáo viên, phóng viên, chuyên viên, đảng viên,
học viên, kiểm toán viên, hòa giải viên, cuộc sống, lối sống, đời sống, nếp sống,
sinh sống, nhà nước, đất nước, nước ngoài, nhân dân, tổ quốc, người thân, đi đôi,
đi vào, làm việc, việc làm, việc riêng, công việc, đi công tác, tấm gương, gương điển hình,
gương người tốt, người tốt việc tốt, suy thoái, tự diễn biến, tự chuyển hóa,
chủ nghĩa cá nhân, bệnh thành tích, tham nhũng, tiêu cực, lãng phí, đạo đức, phẩm chất,
thời gian, chủ trương, chính sách, pháp luật, quy chế, nội quy, quy định, về việc,
nhiệm vụ được giao, chức trách, cán bộ, công chức, viên chức, người lao động, đầy đủ,
tham luận, thẩm quyền, tham khảo, hiến pháp, khó khăn
"""

_CAP_EXCLUDE_WORDS = [
    _canon(w).strip()
    for w in """đảng, nhà, nước, nhân, dân, bác, hồ, chí, minh, tổ, quốc, chính, phủ, quốc, hội,
    trung, ương, mặt, trận, chỉ, thị, nghị, quyết, quy, định, kết, luận, chi, bộ, ủy, ban,
    ubnd, hđnd, công, đoàn, đồng, chí, thủ, trưởng, giám, đốc""".split(",")
]
# Capitalized out of respect or by habit, not because a unit is named.
_CAP_EXCLUDE = frozenset(_CAP_EXCLUDE_WORDS) | frozenset(_fold(w) for w in _CAP_EXCLUDE_WORDS)


def _add(lex: dict[tuple[str, ...], _Entry], words: str, kind: str, **flags: bool) -> None:
    for phrase in words.split(","):
        tokens = tuple(_WORD.findall(_canon(phrase)))
        if tokens and tokens not in lex:  # first category listed wins
            lex[tokens] = _Entry(tokens, kind, **flags)


def _fold_entry(entry: _Entry) -> _Entry | None:
    """The entry as read in a text typed without diacritics.

    Without diacritics one syllable is too ambiguous to be sure of: "day" is
    dạy, dây, đầy, đây; "so" is sổ, số, sở; "don" is dọn, đơn. A lone
    syllable is therefore only a weak verb, and never an object.
    """
    words = tuple(_fold(w) for w in entry.words)
    kind = entry.kind
    if len(words) == 1 and kind == STRONG:
        kind = WEAK
    elif len(words) == 1 and kind in (OBJECT, PLACE):
        return None
    return _Entry(words, kind, entry.vague, entry.nominal)


def _build_lexicon() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    entries: dict[tuple[str, ...], _Entry] = {}
    # Order matters only for identical phrases: the first list wins.
    _add(entries, _NEUTRAL, NEUTRAL)
    _add(entries, _VAGUE_VERBS, WEAK, vague=True)
    _add(entries, _NOMINALIZERS_VAGUE, NONE, vague=True, nominal=True)
    _add(entries, _VAGUE_WORDS, NONE, vague=True)
    _add(entries, _NOMINALIZERS, NONE, nominal=True)
    _add(entries, _OBJECTS, OBJECT)
    _add(entries, _STRONG_VERBS, STRONG)
    _add(entries, _WEAK_VERBS, WEAK)
    _add(entries, _PLACES, PLACE)
    accented: dict[str, list[_Entry]] = {}
    plain: dict[str, list[_Entry]] = {}
    for entry in entries.values():
        accented.setdefault(entry.words[0], []).append(entry)
        folded = _fold_entry(entry)
        if folded is not None:
            plain.setdefault(folded.words[0], []).append(folded)
    for index in (accented, plain):
        for candidates in index.values():
            candidates.sort(key=lambda e: len(e.words), reverse=True)  # longest match first
    return accented, plain


_LEXICON_ACCENTED, _LEXICON_PLAIN = _build_lexicon()

# Words too common to tie an item to a job ("Chuyên viên phòng …").
_DUTY_STOPWORDS = frozenset(
    _fold(w.strip())
    for w in """cán, bộ, chuyên, viên, đảng, công, chức, nhân, phòng, ban, trưởng, phó, cơ, quan,
    đơn, vị, xã, phường, huyện, tỉnh, thành, phố, ủy, ubnd, hội, đồng, và, của, các, những,
    trong, với, cho, tại, về, có, là, được, thực, hiện, tốt, nhiệm, vụ, tổ, chi, đoàn, bí, thư,
    người, việc, làm, theo, sở, khu, ở, đến, từ, một, mỗi, năm, tháng, ngày, thôn, ấp, dân,
    thanh, niên, liên, hiệp, phụ, nữ, viên, hành, chính, quản, lý, trị, tổng, hợp, văn""".split(",")
    if w.strip()
)


# ---------------------------------------------------------------------------
# Reading one text
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    cased: str  # NFC, spaces collapsed (for capital letters)
    acc: str  # lower case, tone marks normalized
    plain: str  # acc without diacritics, same length
    strict: bool  # the author typed diacritics: match them exactly
    starts: tuple[int, ...]  # token start offsets
    words: tuple[str, ...]  # tokens in the matching spelling (acc or plain)
    clauses: tuple[int, ...]  # clause number of each token

    @property
    def s(self) -> str:
        """The string the patterns run on."""
        return self.acc if self.strict else self.plain


def _read(text: str) -> _Text:
    cased, acc = _normalize(text)
    plain = _fold(acc)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(plain)]
    accented = sum(1 for a, b in spans if acc[a:b] != plain[a:b])
    # A few stray accented letters in an otherwise unaccented text (a pasted
    # name) should not switch the whole text to exact matching.
    strict = bool(spans) and accented >= 0.2 * len(spans)
    source = acc if strict else plain
    ends = [m.start() for m in _CLAUSE_END.finditer(plain)]
    return _Text(
        cased=cased,
        acc=acc,
        plain=plain,
        strict=strict,
        starts=tuple(a for a, _ in spans),
        words=tuple(source[a:b] for a, b in spans),
        clauses=tuple(bisect_right(ends, a) for a, _ in spans),
    )


@dataclass(frozen=True)
class _Hit:
    entry: _Entry
    start: int  # token index
    end: int  # token index, exclusive


def _scan(text: _Text) -> list[_Hit]:
    """Greedy left-to-right, longest-first phrase matching over tokens."""
    index = _LEXICON_ACCENTED if text.strict else _LEXICON_PLAIN
    words, clauses = text.words, text.clauses
    hits: list[_Hit] = []
    i, n = 0, len(words)
    while i < n:
        for entry in index.get(words[i], ()):
            size = len(entry.words)
            if (
                i + size <= n
                and words[i : i + size] == entry.words
                and clauses[i] == clauses[i + size - 1]
            ):
                hits.append(_Hit(entry, i, i + size))
                i += size
                break
        else:
            i += 1
    return hits


def _spans(pattern: _Pattern, text: _Text) -> list[tuple[int, int]]:
    """Matches of a group made by :func:`_any`, starting at a word boundary."""
    s = text.s
    return [
        m.span()
        for m in pattern.of(text.strict).finditer(s)
        if not (m.start() and s[m.start()].isalnum() and _is_word(s[m.start() - 1]))
    ]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _time_spans(text: _Text) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(calendar spans whose digits are not quantities, all time spans)."""
    named = [m.span() for m in _NOT_TIME.of(text.strict).finditer(text.s)]
    dates = [span for span in _spans(_DATES, text) if not _inside(span[0], named)]
    periods = [span for span in _spans(_PERIODS, text) if not _inside(span[0], named)]
    idiom = _EVERYDAY_IDIOM.of(text.strict)
    for m in _EVERYDAY.of(text.strict).finditer(text.s):
        if not idiom.search(text.s, 0, m.start()) and not _inside(m.start(), periods):
            periods.append(m.span())
    return dates + named, dates + periods


def _is_year(s: str, start: int, end: int, counter: re.Pattern[str]) -> bool:
    value = s[start:end]
    return (
        len(value) == 4
        and 1900 <= int(value) <= 2099
        and not counter.match(s, end)
        and not s.startswith("%", end)
    )


def _measure_and_years(text: _Text, masked: list[tuple[int, int]]) -> tuple[bool, bool]:
    """(a quantity is present, a bare year such as '2025' is present)."""
    s, strict = text.s, text.strict
    year = False
    counter = _COUNTER_AFTER.of(strict)
    for m in _DIGITS.finditer(s):
        if _inside(m.start(), masked):
            continue
        if m.group().isdigit() and _is_year(s, m.start(), m.end(), counter):
            year = True
            continue
        return True, year
    for pattern in (_NUMBER_WORDS, _PERCENT_WORDS, _ZERO_TARGET):
        for m in pattern.of(strict).finditer(s):
            if not _inside(m.start(), masked):
                return True, year
    return False, year


def _named(text: _Text, hit: _Hit) -> bool:
    """A place noun followed by a proper name, a code or a quotation."""
    if hit.end >= len(text.words):
        return False
    nxt = text.words[hit.end]
    if nxt == "so" or nxt == "số":  # "tổ dân phố số 5"
        if hit.end + 1 >= len(text.words):
            return False
        nxt = text.words[hit.end + 1]
    if any(ch.isdigit() for ch in nxt):
        return True
    last = hit.end - 1
    start = text.starts[hit.end]
    between = text.cased[text.starts[last] + len(text.words[last]) : start + 1]
    if _QUOTED_NAME.search(between):
        return True
    return text.cased[start].isupper() and nxt not in _CAP_EXCLUDE


@dataclass(frozen=True)
class _Evidence:
    strong: int  # concrete action verbs
    weak: int  # general verbs (and concrete ones made into nouns)
    vague: int  # slogan / virtue phrases
    has_object: bool


def _weigh(text: _Text, hits: list[_Hit]) -> _Evidence:
    strong = weak = vague = 0
    has_object = False
    nominal_until = -1  # verbs starting before this token index are nouns
    nominal_clause = -1
    for hit in hits:
        entry = hit.entry
        vague += entry.vague
        in_nominal = hit.start <= nominal_until and text.clauses[hit.start] == nominal_clause
        if entry.nominal:
            nominal_until, nominal_clause = hit.end + 2, text.clauses[hit.start]
        if entry.kind == STRONG and not in_nominal:
            strong += 1
        elif entry.kind in (STRONG, WEAK):
            weak += 1
            if in_nominal:  # a list of nouns: "tăng cường kiểm tra, giám sát"
                nominal_until = hit.end
        elif entry.kind == OBJECT or (entry.kind == PLACE and _named(text, hit)):
            has_object = True
    if not has_object and _QUOTED_NAME.search(text.cased) and strong:
        has_object = True  # a named programme, fund or column: "Quỹ «Vì người nghèo»"
    return _Evidence(strong, weak, vague, has_object)


def _decide(evidence: _Evidence, has_measure: bool, has_time: bool) -> tuple[bool, bool, bool]:
    """(has_action, specific, slogan)."""
    if evidence.strong:
        action = True
    elif evidence.weak:
        # "Tham gia các phong trào" says nothing checkable; "tham gia 2 lần",
        # "hoàn thành lớp trung cấp trước tháng 12" does.
        action = has_measure or (evidence.has_object and has_time)
    else:
        # A verb the lexicon does not know, but "2 ngày mỗi tuần" is checkable.
        action = has_measure and has_time
    concrete = evidence.strong + has_time + evidence.has_object
    # Without a number, a string of virtues around one verb is still a slogan.
    slogan = not has_measure and evidence.vague >= 2 and evidence.vague > concrete
    action = action and not slogan
    specific = action and (has_measure or has_time or evidence.has_object)
    return action, specific, slogan


# ---------------------------------------------------------------------------
# The learned part: the rules' findings and the words of the item, weighed by a
# linear model trained on labelled items (lamtheo/pledges/train.py).
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What the rules found in one item (the input of the learned models)."""

    action: bool
    measure: bool
    time: bool
    object: bool
    slogan: bool
    specific: bool  # the rules' own verdict
    strong: int
    weak: int
    vague: int
    words: tuple[str, ...]  # lower case, no diacritics


def read_item(text: str) -> Reading:
    """Run the rules on one item."""
    read = _read(text or "")
    hits = _scan(read)
    dates, times = _time_spans(read)
    # Every identifier rule needs a digit; most items have none.
    masked = dates + (_spans(_IDENTIFIERS, read) if _HAS_DIGIT(read.plain) else [])
    has_measure, bare_year = _measure_and_years(read, masked)
    has_time = bool(times) or bare_year
    evidence = _weigh(read, hits)
    action, specific, slogan = _decide(evidence, has_measure, has_time)
    return Reading(
        action=action,
        measure=has_measure,
        time=has_time,
        object=evidence.has_object,
        slogan=slogan,
        specific=specific,
        strong=evidence.strong,
        weak=evidence.weak,
        vague=evidence.vague,
        words=tuple(_WORD.findall(read.plain)),
    )


def _rule_features(reading: Reading) -> list[str]:
    flags = {
        "action": reading.action,
        "measure": reading.measure,
        "time": reading.time,
        "object": reading.object,
        "slogan": reading.slogan,
        "specific": reading.specific,
        "strong": reading.strong > 0,
        "strong2": reading.strong > 1,
        "weak_only": reading.weak > 0 and not reading.strong,
        "vague": reading.vague > 0,
        "vague2": reading.vague > 1,
        "strong&measure": reading.strong > 0 and reading.measure,
        "strong&time": reading.strong > 0 and reading.time,
        "strong&object": reading.strong > 0 and reading.object,
        "action&measure&time": reading.action and reading.measure and reading.time,
    }
    return [f"r:{name}" for name, on in flags.items() if on]


def specific_features(reading: Reading) -> list[str]:
    """Features of the specific-vs-vague model: the rules' findings and the item's words.

    An item with no target and no time frame is specific only through an object of the
    writer's own work, so its words are also weighed apart ("b:"): "sổ", "ca trực" count
    there, "tham gia", "giúp đỡ", "ủng hộ" do not."""
    tokens = reading.words[:60]
    features = _rule_features(reading) + grams(tokens, "w:")
    if tokens:
        features.append(f"f:{tokens[0]}")
        features.append(f"f:{'_'.join(tokens[:2])}")
    if not reading.measure and not reading.time:
        features.append("r:bare")
        features += [f"b:{t}" for t in tokens]
    return features


# Words of one's own life and of good deeds outside work: an item full of them is usually
# not about the writer's duties (except for those whose duties are that life: residential
# cells, mass organizations — the model learns that from the field next to the cue).
_LIFE_WORDS = (
    "từ thiện", "nhân đạo", "hiến máu", "ủng hộ", "quyên góp", "đóng góp", "hộ nghèo",
    "cận nghèo", "hoàn cảnh khó khăn", "gia đình chính sách", "người có công", "liệt sĩ",
    "văn nghệ", "thể thao", "bóng đá", "bóng chuyền", "cầu lông", "hội diễn", "giải chạy",
    "tình nguyện", "dọn vệ sinh", "vệ sinh môi trường", "trồng cây", "rác thải",
    "phân loại rác", "nơi cư trú", "quê nhà", "ở quê", "xóm", "hàng xóm", "dòng họ",
    "đoàn thanh niên", "công đoàn", "hội phụ nữ", "chi hội", "câu lạc bộ", "clb", "miễn phí",
    "học sinh nghèo", "nhà văn hóa", "nghĩa trang", "thiên tai", "lũ lụt", "áo ấm",
    "người thân", "bạn bè", "con cháu", "vợ con", "chồng con", "cha mẹ", "bố mẹ", "phong trào",
)  # fmt: skip
# Matched on the words without diacritics, so no single syllable that folds into another word
# ("chồng" is the "chống" of "phòng chống", "vợ" the "vở" of "sách vở"): pairs only.
_PERSONAL_WORDS = (
    "gia đình", "người thân", "con cháu", "vợ chồng", "vợ con", "chồng con", "con cái",
    "cha mẹ", "bố mẹ", "bạn bè", "hàng xóm", "dòng họ", "họ hàng", "sức khỏe", "rượu bia",
    "thuốc lá",
)  # fmt: skip


def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    folded = sorted({" ".join(words(p)) for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, folded)) + r")\b")


_LIFE = _phrases(_LIFE_WORDS)
_PERSONAL = _phrases(_PERSONAL_WORDS)


def _life_features(reading: Reading, field_name: str) -> list[str]:
    text = " ".join(reading.words[:60])
    features = []
    cues = len(_LIFE.findall(text))
    if cues:
        features += ["life", f"life&{field_name}"] + (["life2"] if cues > 1 else [])
    if _PERSONAL.search(text):
        features += ["personal", f"personal&{field_name}"]
    return features


@lru_cache(maxsize=4096)
def _duty_terms(duties: str) -> frozenset[str]:
    return frozenset(words(duties)) - _DUTY_STOPWORDS


def item_fields(reading: Reading, model: Model) -> dict[str, float]:
    """How much the item's words sound like the work of each field (one score per field)."""
    features = grams(reading.words[:60], "i:")
    return {key: scorer.score(features) for key, scorer in model.items.items()}


def tied_features(
    reading: Reading, duties: str, sector: str | None, fields: dict[str, float]
) -> list[str]:
    """Features of the duty-link model: the item's words, alone and next to the writer's
    field of work, whether they sound like the work of that field or of another one, and
    the content words the item shares with the duties, and the words of one's own life."""
    tokens = reading.words[:60]
    item = grams(tokens)
    field_name = sector or "none"
    shared = _duty_terms(duties).intersection(tokens)
    features = [f"t:{g}" for g in item] + [f"{field_name}:{g}" for g in item]
    features.append(f"field:{field_name}")
    own = fields.get(sector, 0.0) if sector else 0.0
    other = max((v for k, v in fields.items() if k != sector), default=0.0)
    if sector:
        features.append("fit:own" if own > other else "fit:other")
        features += [f"own>{t}" for t in (-2, -1, 0, 1, 2) if own > t]
    features += [f"other>{t}" for t in (-2, -1, 0, 1, 2) if other > t]
    if shared:
        features.append("shared")
        if len(shared) > 1:
            features.append("shared2")
    if reading.object:
        features.append("r:object")
    return features + _life_features(reading, field_name)


def duty_sentence(duties: str) -> str:
    """ "Việc này chưa gắn với nhiệm vụ “…” của đồng chí" with the duties as the writer gave them."""
    shown = " ".join(duties.split())
    if not shown or len(shown) > 80:
        return HINT_DUTY_GENERIC
    return HINT_DUTY.format(duties=shown)


def _hint(specific: bool, action: bool, slogan: bool, duty_missing: bool, duties: str) -> str:
    if specific and not duty_missing:
        return HINT_SPECIFIC
    if specific:
        return f"{HINT_SPECIFIC_DUTY.format(duty=duty_sentence(duties))}, ví dụ: “{example_for(duties)}”."
    missing = HINT_SLOGAN if slogan else HINT_ACTION if not action else HINT_MEASURE_TIME
    if duty_missing:
        missing = f"{missing}. {duty_sentence(duties)}"
    return f"{missing}, ví dụ: “{example_for(duties)}”."


def assess(text: str, duties: str = "", *, duty_required: bool = True) -> Assessment:
    """Judge one registration item; ``duties`` is the author's position/job.

    ``duty_required`` is False for content areas whose items need not be tied to the
    writer's work (see :func:`duty_required_for`): "duty" is then never in ``missing``.
    """
    reading = read_item(text)
    model = load_model()
    specific = bool(reading.words) and model.specific.score(specific_features(reading)) >= 0
    # When the model overrules the rules, the rules' "checkable act" goes with it: a number
    # or a quotation around a general verb is not an act someone can check.
    action = True if specific else reading.action and not reading.specific
    slogan = reading.slogan and not specific

    duty_given = bool(duties and duties.strip())
    duty_missing = (
        duty_given
        and duty_required
        and bool(reading.words)
        and model.tied.score(
            tied_features(reading, duties, sector_key(duties), item_fields(reading, model))
        )
        < 0
    )
    flags = {
        "action": not action,
        "measure": not reading.measure,
        "time": not reading.time,
        "duty": duty_missing,
    }
    return Assessment(
        specific=specific,
        has_action=action,
        has_measure=reading.measure,
        has_time=reading.time,
        has_object=reading.object,
        missing=[key for key in MISSING_KEYS if flags[key]],
        hint=_hint(specific, action, slogan, duty_missing, duties),
    )
