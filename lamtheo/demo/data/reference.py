"""Reference data: the campaign, the Party's topics and the root's, the default content
areas of a registration (titles are data, not code)."""

from __future__ import annotations

from lamtheo.campaign.models import TopicKind

CAMPAIGN_NAME = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
CAMPAIGN_DIRECTIVE = "Chỉ thị 05-CT/TW ngày 15/5/2016; Kết luận 01-KL/TW ngày 18/5/2021"

# fmt: off
# (year, kind, last year of a whole-term topic, title, summary); verbatim titles from FACTS.md.
PARTY_TOPICS = [
    (2016, TopicKind.ANNUAL, None,
     "Những nội dung cơ bản của tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2016 (Kế hoạch 03-KH/TW)."),
    (2017, TopicKind.ANNUAL, None,
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phòng, chống suy thoái "
     "tư tưởng chính trị, đạo đức, lối sống, \"tự diễn biến\", \"tự chuyển hóa\" trong nội bộ",
     "Chuyên đề năm 2017 (Kế hoạch 03-KH/TW)."),
    (2018, TopicKind.ANNUAL, None,
     "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên trong "
     "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2018 (Kế hoạch 03-KH/TW)."),
    (2019, TopicKind.ANNUAL, None,
     "Xây dựng ý thức tôn trọng nhân dân, phát huy dân chủ, chăm lo đời sống nhân dân theo tư "
     "tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2019 (Kế hoạch 03-KH/TW)."),
    (2020, TopicKind.ANNUAL, None,
     "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong "
     "sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2020 (Kế hoạch 03-KH/TW)."),
    (2021, TopicKind.TERM, 2025,
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường "
     "và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
     "Chuyên đề toàn khóa 2021–2025 (Kết luận 01-KL/TW), cũng là chuyên đề năm 2021."),
    (2022, TopicKind.ANNUAL, None,
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ, "
     "đảng viên thật sự tiên phong, gương mẫu, có đạo đức cách mạng trong sáng, bản lĩnh chính "
     "trị vững vàng, đủ năng lực đáp ứng yêu cầu, nhiệm vụ hiện nay",
     "Chuyên đề năm 2022 (được nhiều tỉnh lựa chọn)."),
]
# The root's own choices for recent years: plausible titles written for the demo.
ROOT_TOPICS = [
    (2025, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng bộ máy "
           "tinh gọn, hoạt động hiệu lực, hiệu quả; cán bộ, công chức, viên chức tận tụy phục "
           "vụ Nhân dân",
     "Chuyên đề năm 2025 do Ban Thường vụ Đảng ủy lựa chọn (dữ liệu mẫu)."),
    (2026, "Thực hành tư tưởng, đạo đức, phong cách Hồ Chí Minh về đổi mới sáng tạo, chuyển "
           "đổi số và khát vọng cống hiến trong kỷ nguyên phát triển mới của dân tộc",
     "Chuyên đề năm 2026 do Ban Thường vụ Đảng ủy lựa chọn (dữ liệu mẫu)."),
]
DEFAULT_AREAS = [
    "Việc thực hiện nhiệm vụ chính trị theo nghị quyết cấp ủy",
    "Việc thực hiện Nghị quyết Trung ương 4 gắn với Chỉ thị 05",
    "Việc thực hiện trách nhiệm nêu gương",
]
# fmt: on
