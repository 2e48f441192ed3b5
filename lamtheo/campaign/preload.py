"""Reference data preloaded by the data migrations: the central topics (verbatim titles,
see FACTS.md) and the 27 manifestations of decline (short labels in our own words; an
administrator may replace them with the official text of Nghị quyết 04-NQ/TW)."""

from __future__ import annotations

CAMPAIGN_NAME = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
CAMPAIGN_DIRECTIVE = "Chỉ thị 05-CT/TW ngày 15/5/2016; Kết luận 01-KL/TW ngày 18/5/2021"

# fmt: off
# (year, kind, last year of a whole-term topic, title, summary)
CENTRAL_TOPICS = [
    (2016, "annual", None,
     "Những nội dung cơ bản của tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2016 (Kế hoạch 03-KH/TW)."),
    (2017, "annual", None,
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phòng, chống suy thoái "
     "tư tưởng chính trị, đạo đức, lối sống, \"tự diễn biến\", \"tự chuyển hóa\" trong nội bộ",
     "Chuyên đề năm 2017 (Kế hoạch 03-KH/TW)."),
    (2018, "annual", None,
     "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên trong "
     "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2018 (Kế hoạch 03-KH/TW)."),
    (2019, "annual", None,
     "Xây dựng ý thức tôn trọng nhân dân, phát huy dân chủ, chăm lo đời sống nhân dân theo tư "
     "tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2019 (Kế hoạch 03-KH/TW)."),
    (2020, "annual", None,
     "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong "
     "sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Chuyên đề năm 2020 (Kế hoạch 03-KH/TW)."),
    (2021, "term", 2025,
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường "
     "và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
     "Chuyên đề toàn khóa 2021–2025 (Kết luận 01-KL/TW), cũng là chuyên đề năm 2021."),
    (2021, "annual", None,
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường "
     "và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
     "Chuyên đề năm 2021: chính là chuyên đề toàn khóa (Kết luận 01-KL/TW)."),
    (2022, "annual", None,
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ, "
     "đảng viên thật sự tiên phong, gương mẫu, có đạo đức cách mạng trong sáng, bản lĩnh chính "
     "trị vững vàng, đủ năng lực đáp ứng yêu cầu, nhiệm vụ hiện nay",
     "Chuyên đề năm 2022 (được nhiều tỉnh lựa chọn). Từ năm 2022, cấp ủy tỉnh, khối lựa chọn "
     "chuyên đề hằng năm của mình dưới chuyên đề toàn khóa."),
]

# Short labels written for this product (not the official wording), nine per group.
MANIFESTATIONS = {
    "a": [
        "Lý tưởng cách mạng phai nhạt; lung lay niềm tin vào mục tiêu độc lập dân tộc và "
        "chủ nghĩa xã hội",
        "Ngại học tập, nghiên cứu lý luận chính trị và nghị quyết của Đảng; học qua loa, đối phó",
        "Xem nhẹ tự phê bình và phê bình; né tránh, ngại đấu tranh với việc làm sai",
        "Không nghiêm túc chấp hành nguyên tắc tổ chức, sinh hoạt đảng; coi nhẹ tập trung dân chủ",
        "Giảm ý chí phấn đấu, ngại rèn luyện; làm việc cầm chừng, né tránh việc khó",
        "Nói, viết, làm không đúng quan điểm, đường lối của Đảng và pháp luật của Nhà nước",
        "Ba phải, theo chiều gió; thấy đúng không bảo vệ, thấy sai không lên tiếng",
        "Nói một đằng, làm một nẻo; báo cáo, tự đánh giá thiếu trung thực",
        "Thờ ơ trước thông tin sai trái, không góp phần bảo vệ nền tảng tư tưởng của Đảng",
    ],
    "b": [
        "Sống ích kỷ, thực dụng, cơ hội; đặt lợi ích riêng lên trên lợi ích chung",
        "Làm việc hời hợt, đùn đẩy trách nhiệm; quan liêu, xa dân, vô cảm trước khó khăn của dân",
        "Gây mất đoàn kết nội bộ; ganh ghét, kèn cựa, không muốn người khác hơn mình",
        "Độc đoán, gia trưởng; thiếu dân chủ trong lãnh đạo, điều hành",
        "Lợi dụng chức vụ, quyền hạn để vụ lợi; tham ô, nhận hối lộ",
        "Chạy chức, chạy quyền, chạy khen thưởng; tranh giành địa vị",
        "Gây lãng phí tiền của, tài sản, thời gian của Nhà nước và tập thể",
        "Sống xa hoa, hưởng lạc, phô trương; sa vào tệ nạn xã hội",
        "Nâng đỡ, bao che người thân, người quen; để người thân lợi dụng danh nghĩa của mình",
    ],
    "c": [
        "Đồng tình với đòi hỏi đa nguyên, đa đảng; phủ nhận chủ nghĩa Mác – Lênin, tư tưởng "
        "Hồ Chí Minh",
        "Hạ thấp, phủ nhận vai trò lãnh đạo của Đảng; tán thành “phi chính trị hóa” lực lượng "
        "vũ trang",
        "Xuyên tạc lịch sử, bôi nhọ lãnh tụ và truyền thống của Đảng, của dân tộc",
        "Phủ nhận con đường xã hội chủ nghĩa và nền kinh tế thị trường định hướng xã hội chủ nghĩa",
        "Tung, chia sẻ thông tin sai sự thật, xấu độc về Đảng, Nhà nước trên mạng xã hội",
        "Lợi dụng dân chủ, nhân quyền, dân tộc, tôn giáo để gây chia rẽ, kích động",
        "Móc nối, cấu kết với thế lực thù địch; nhận tài trợ để hoạt động chống đối",
        "Làm lộ, cung cấp bí mật của Đảng, Nhà nước, cơ quan, đơn vị",
        "Cổ súy lối sống, văn hóa ngoại lai trái thuần phong mỹ tục; coi thường giá trị truyền thống",
    ],
}
# fmt: on
