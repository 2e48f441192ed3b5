"""What each signal counts, why it may mean formalism and when it may not (one line each,
shown next to every count: counts, not accusations)."""

from __future__ import annotations

from dataclasses import dataclass

from lamtheo.inspections.signals.models import SignalKind


@dataclass(frozen=True)
class Explanation:
    counts: str  # what is counted
    why: str  # why it may mean formalism
    unless: str  # when it may not


EXPLANATIONS: dict[str, Explanation] = {
    SignalKind.NOTES_COPIED: Explanation(
        "Sổ tay tháng có phần tự đánh giá và ghi chú giống hệt sổ tay của đồng chí khác trong "
        "chi bộ cùng tháng, hoặc của chính mình tháng trước.",
        "Có thể sổ tay được chép cho đủ, không ghi việc đã làm thật trong tháng.",
        "Có thể không phải hình thức khi cả tổ cùng làm một việc chung và ghi đúng việc đó, "
        "hoặc khi việc của tháng này đúng là tiếp nối tháng trước.",
    ),
    SignalKind.PLEDGES_COPIED: Explanation(
        "Bản đăng ký có từ hai việc trở lên giống hệt bản đăng ký của đồng chí khác trong chi bộ.",
        "Có thể bản đăng ký được chép theo mẫu, không gắn với nhiệm vụ của từng người.",
        "Có thể không phải hình thức khi nhiều đồng chí cùng một vị trí, cùng một nhiệm vụ "
        "được giao (ví dụ cùng tổ trực một cửa).",
    ),
    SignalKind.REVIEW_BURST: Explanation(
        "Từ 5 sổ tay trở lên được nhận xét cùng một lời nhận xét, cách nhau không quá 10 giây.",
        "Có thể sổ tay được thông qua hàng loạt mà không đọc từng bản.",
        "Có thể không phải hình thức khi chi bộ đã xem xét tại buổi sinh hoạt và bí thư chỉ "
        "ghi lại kết quả đã thống nhất.",
    ),
    SignalKind.BACKFILL: Explanation(
        "Một đồng chí nộp muộn từ 3 tháng sổ tay trở lên trong cùng một ngày.",
        "Có thể sổ tay được viết bù một lần cho đủ, không ghi theo từng tháng.",
        "Có thể không phải hình thức khi đồng chí đi công tác, ốm đau dài ngày hoặc mới có "
        "tài khoản; sổ tay giấy do bí thư nhập thay không tính ở đây.",
    ),
    SignalKind.ALL_TOP: Explanation(
        "Mọi đảng viên của chi bộ (từ 5 người trở lên) cùng tự xếp loại, hoặc cùng được chi bộ "
        "xếp loại, \u201cHoàn thành xuất sắc\u201d trong tháng.",
        "Có thể việc xếp loại làm cho có, không phân biệt mức độ thực hiện của từng người.",
        "Có thể không phải hình thức khi chi bộ thật sự hoàn thành xuất sắc một nhiệm vụ chung "
        "trong tháng đó.",
    ),
    SignalKind.MINUTES_SAME: Explanation(
        "Biên bản sinh hoạt (diễn biến và kết luận) giống hệt hoặc gần như giống hệt biên bản "
        "buổi trước của chi bộ.",
        "Có thể biên bản được sao lại, buổi sinh hoạt không được ghi đúng nội dung.",
        "Có thể không phải hình thức khi chi bộ dùng mẫu biên bản chung và nội dung các buổi "
        "thật sự giống nhau.",
    ),
    SignalKind.VAGUE_SHARE: Explanation(
        "Phần lớn việc làm trong các bản đăng ký của chi bộ (từ 75% trở lên) được bộ kiểm tra "
        "câu chữ đánh giá là chung chung.",
        "Có thể bản đăng ký viết cho có, không đo được việc làm theo.",
        "Có thể không phải hình thức khi bộ kiểm tra câu chữ đánh giá chưa đúng cách diễn đạt "
        "của một ngành; cần đọc lại bản đăng ký.",
    ),
}
