"""What people write: registration items tied to their trade, written for the project,
concrete ones and vague ones; handbook texts and comments."""

from __future__ import annotations

from lamtheo.handbook.models import Progress, Rating

# fmt: off
# Area 0 (the committee's resolution), by trade: (text, target, timeframe).
TRADE_ITEMS: dict[str, list[tuple[str, str, str]]] = {
    "doctor": [
        ("Khám, điều trị người bệnh đúng phác đồ; hoàn thiện hồ sơ bệnh án trong ngày",
         "100% hồ sơ bệnh án hoàn thiện trước khi người bệnh ra viện; không để xảy ra sai sót "
         "chuyên môn", "Hằng ngày"),
        ("Tham gia hội chẩn và sinh hoạt chuyên môn của khoa",
         "Trình bày ít nhất 2 ca bệnh khó trong năm", "Hằng tuần"),
        ("Triển khai một kỹ thuật mới phục vụ người bệnh tại khoa",
         "01 kỹ thuật mới được Hội đồng khoa học bệnh viện nghiệm thu", "Quý III"),
        ("Kê đơn thuốc điện tử và ghi bệnh án điện tử đầy đủ",
         "100% đơn thuốc ngoại trú kê trên hệ thống", "Từ tháng 3"),
    ],
    "clinical": [
        ("Thực hiện đúng quy trình chăm sóc, theo dõi người bệnh và ghi phiếu chăm sóc",
         "Không để sót y lệnh; phiếu chăm sóc ghi đầy đủ trong ca trực", "Mỗi ca trực"),
        ("Hướng dẫn người bệnh và người nhà về chế độ ăn uống, nội quy khoa phòng",
         "Không có phản ánh về thái độ phục vụ", "Hằng ngày"),
        ("Kiểm soát nhiễm khuẩn, phân loại chất thải y tế đúng quy định",
         "Đạt yêu cầu trong các đợt kiểm tra của đơn vị", "Hằng tháng"),
        ("Tham gia đào tạo liên tục cập nhật kiến thức chuyên môn",
         "Đủ 24 tiết đào tạo liên tục trong năm", "Trước 30/11"),
    ],
    "teacher": [
        ("Soạn giảng theo chương trình mới, ứng dụng công nghệ thông tin trong bài giảng",
         "Ít nhất 2 tiết dạy được tổ chuyên môn xếp loại giỏi mỗi học kỳ", "Mỗi học kỳ"),
        ("Bồi dưỡng người học khá, giỏi và phụ đạo người học yếu của lớp phụ trách",
         "Không còn người học xếp loại chưa đạt cuối năm học", "Hằng tuần"),
        ("Viết sáng kiến kinh nghiệm về đổi mới phương pháp dạy học",
         "01 sáng kiến được công nhận cấp cơ sở", "Trước tháng 4"),
        ("Phối hợp với gia đình theo dõi người học có hoàn cảnh khó khăn",
         "Liên hệ với gia đình ít nhất 1 lần mỗi tháng", "Hằng tháng"),
    ],
    "journalist": [
        ("Viết tin, bài tuyên truyền nghị quyết của Tỉnh ủy và gương điển hình học tập, làm "
         "theo Bác", "Ít nhất 4 tin, bài mỗi tháng; 1 bài về gương điển hình mỗi quý",
         "Hằng tháng"),
        ("Kiểm tra, xác minh nguồn tin trước khi đăng, phát",
         "Không có thông tin sai phải đính chính", "Thường xuyên"),
        ("Viết bài đấu tranh phản bác quan điểm sai trái, thù địch trên không gian mạng",
         "Ít nhất 2 bài mỗi quý", "Hằng quý"),
        ("Thực hiện sản phẩm báo chí đa phương tiện trên nền tảng số",
         "Ít nhất 1 sản phẩm đa phương tiện mỗi tháng", "Hằng tháng"),
    ],
    "office": [
        ("Tham mưu, soạn thảo văn bản thuộc lĩnh vực được phân công đúng thể thức và thời hạn",
         "100% văn bản được giao hoàn thành đúng hạn", "Hằng tháng"),
        ("Giải quyết hồ sơ thủ tục hành chính trên hệ thống dịch vụ công trực tuyến",
         "Không có hồ sơ trễ hạn; trả lời kiến nghị của người dân trong 5 ngày làm việc",
         "Thường xuyên"),
        ("Xử lý văn bản đi, đến trên hệ thống quản lý văn bản và ký số",
         "100% văn bản xử lý trên môi trường mạng", "Cả năm"),
        ("Rà soát, đề xuất đơn giản hóa thủ tục hành chính thuộc lĩnh vực phụ trách",
         "Đề xuất ít nhất 1 thủ tục được cắt giảm hoặc đơn giản hóa", "Quý II"),
    ],
    "accountant": [
        ("Lập dự toán, quyết toán và báo cáo tài chính đúng thời hạn",
         "Báo cáo quyết toán năm nộp trước 31/3; không có khoản chi sai chế độ",
         "Theo kỳ báo cáo"),
        ("Công khai tài chính, thực hiện đúng quy chế chi tiêu nội bộ",
         "Công khai dự toán, quyết toán tại hội nghị cán bộ, công chức", "Hằng quý"),
        ("Theo dõi, đề xuất tiết kiệm chi phí điện, nước, văn phòng phẩm của cơ quan",
         "Giảm 5% chi phí điện, nước so với năm trước", "Cả năm"),
    ],
    "inspector": [
        ("Thực hiện các cuộc thanh tra, kiểm tra theo kế hoạch được phân công",
         "Báo cáo kết quả đúng thời hạn ghi trong quyết định", "Theo kế hoạch"),
        ("Tiếp công dân, xử lý đơn thư khiếu nại, tố cáo đúng quy định",
         "100% đơn thư được phân loại, xử lý trong thời hạn luật định", "Hằng tuần"),
        ("Theo dõi, đôn đốc việc thực hiện kết luận thanh tra, kiểm tra",
         "Báo cáo tình hình thực hiện kết luận 6 tháng một lần", "6 tháng một lần"),
    ],
    "security": [
        ("Tuần tra, bảo đảm an ninh trật tự trên địa bàn được phân công",
         "Không để xảy ra điểm nóng về an ninh trật tự", "Hằng tuần"),
        ("Giải quyết thủ tục cư trú, định danh điện tử cho người dân đúng hạn",
         "100% hồ sơ giải quyết đúng hoặc trước hạn", "Thường xuyên"),
        ("Tuyên truyền phòng, chống lừa đảo trên không gian mạng tại khu dân cư",
         "Ít nhất 1 buổi tuyên truyền mỗi quý", "Hằng quý"),
    ],
    "ranger": [
        ("Tuần tra, kiểm tra bảo vệ rừng trên lâm phần được giao",
         "Không để xảy ra phá rừng, cháy rừng trên địa bàn phụ trách", "Hằng tuần"),
        ("Hướng dẫn nông dân áp dụng quy trình sản xuất an toàn, tiết kiệm nước",
         "Tổ chức ít nhất 2 lớp tập huấn trong năm", "Theo mùa vụ"),
        ("Cập nhật số liệu tài nguyên, môi trường trên phần mềm quản lý",
         "Số liệu cập nhật trước ngày 25 hằng tháng", "Hằng tháng"),
    ],
    "resident": [
        ("Tham gia giữ gìn vệ sinh môi trường, chăm sóc cây xanh ở khu dân cư",
         "Tham gia đầy đủ các ngày Chủ nhật xanh", "Hằng tháng"),
        ("Vận động gia đình và bà con chấp hành pháp luật, đóng góp Quỹ Vì người nghèo",
         "Gia đình đạt danh hiệu Gia đình văn hóa", "Cả năm"),
        ("Tham gia hòa giải mâu thuẫn ở cơ sở khi tổ hòa giải mời",
         "Tham dự đầy đủ các buổi hòa giải được mời", "Khi có vụ việc"),
    ],
}
# Areas 1 (Nghị quyết Trung ương 4 with Chỉ thị 05) and 2 (nêu gương), for everyone.
AREA_ITEMS: dict[int, list[tuple[str, str, str]]] = {
    1: [
        ("Tự soi, tự sửa theo 27 biểu hiện suy thoái; khắc phục hạn chế đã được chỉ ra khi "
         "kiểm điểm cuối năm", "Khắc phục xong hạn chế về tác phong làm việc trước tháng 6",
         "6 tháng đầu năm"),
        ("Học tập chuyên đề năm và viết bài thu hoạch liên hệ với nhiệm vụ của bản thân",
         "Nộp bài thu hoạch cho chi bộ đúng hạn", "Quý II"),
        ("Kể một mẩu chuyện về Bác tại buổi sinh hoạt chi bộ và nêu việc bản thân làm theo",
         "Ít nhất 1 lần trong năm", "Theo lịch sinh hoạt chi bộ"),
        ("Không sử dụng rượu, bia trong giờ làm việc và giờ nghỉ trưa",
         "Không vi phạm trong năm", "Hằng ngày"),
        ("Thực hành tiết kiệm: tắt thiết bị điện khi ra khỏi phòng, dùng văn bản điện tử thay "
         "bản giấy", "Giảm 20% giấy in so với năm trước", "Hằng ngày"),
        ("Chia sẻ thông tin chính thống, phản bác thông tin sai trái trên mạng xã hội",
         "Ít nhất 2 bài chia sẻ mỗi tháng", "Hằng tháng"),
    ],
    2: [
        ("Đi làm đúng giờ, không làm việc riêng trong giờ làm việc",
         "Không đi muộn, về sớm trong năm", "Hằng ngày"),
        ("Tôn trọng, lắng nghe khi tiếp xúc với người dân và đồng nghiệp",
         "Không có phản ánh về thái độ, tác phong", "Hằng ngày"),
        ("Gương mẫu chấp hành pháp luật về giao thông và quy định nơi cư trú",
         "Không bị xử phạt vi phạm hành chính", "Cả năm"),
        ("Giữ mối liên hệ với chi ủy, chi bộ nơi cư trú",
         "Có nhận xét của chi ủy nơi cư trú cuối năm", "Cả năm"),
        ("Ủng hộ Quỹ Vì người nghèo và chương trình xóa nhà tạm, nhà dột nát",
         "Đóng góp ít nhất 1 ngày lương", "Quý III"),
        ("Tự học nâng cao kỹ năng số phục vụ chuyển đổi số",
         "Hoàn thành một khóa học trực tuyến về kỹ năng số", "Trước 30/9"),
    ],
}
# What people write when they do not think it through: no action, no measure, no date.
VAGUE_ITEMS: dict[int, list[str]] = {
    0: ["Hoàn thành tốt nhiệm vụ chuyên môn được giao", "Thực hiện tốt nghị quyết của cấp ủy",
        "Nâng cao chất lượng, hiệu quả công việc", "Phấn đấu hoàn thành xuất sắc nhiệm vụ"],
    1: ["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Không suy thoái về tư tưởng chính trị, đạo đức, lối sống",
        "Thực hiện tốt Nghị quyết Trung ương 4"],
    2: ["Giữ gìn phẩm chất đạo đức, lối sống trong sạch", "Nêu gương trong mọi việc",
        "Gương mẫu trong công tác và sinh hoạt"],
}
PLEDGE_RETURN_COMMENTS = [
    "Nội dung còn chung chung, đề nghị đồng chí ghi rõ việc làm cụ thể, chỉ tiêu và thời hạn "
    "gắn với nhiệm vụ chuyên môn.",
    "Đề nghị bổ sung việc làm cụ thể về trách nhiệm nêu gương và ghi rõ kết quả cần đạt.",
]
PLEDGE_ACCEPT_COMMENTS = ["", "", "", "Nội dung cụ thể, sát với nhiệm vụ được giao.",
                          "Đồng ý. Đề nghị đồng chí bám sát các việc đã đăng ký."]
SELF_ASSESSMENTS = {
    Rating.EXCELLENT: ["Hoàn thành đầy đủ và vượt yêu cầu các việc đã đăng ký trong tháng.",
                       "Thực hiện tốt tất cả các việc đã đăng ký, có việc hoàn thành trước hạn."],
    Rating.GOOD: ["Thực hiện đầy đủ các việc đã đăng ký trong tháng.",
                  "Hoàn thành các việc đã đăng ký; một số việc còn chậm so với kế hoạch.",
                  "Thực hiện nghiêm túc các nội dung đã đăng ký, giữ đúng giờ giấc, tác phong."],
    Rating.DONE: ["Cơ bản hoàn thành các việc đã đăng ký, còn một việc đang làm dở.",
                  "Hoàn thành phần lớn các việc đã đăng ký; tháng sau cần bố trí thời gian "
                  "hợp lý hơn."],
    Rating.NOT_DONE: ["Chưa hoàn thành một số việc đã đăng ký do nghỉ ốm trong tháng.",
                      "Chưa thực hiện được việc đã đăng ký vì tập trung nhiệm vụ đột xuất."],
}
REVIEW_COMMENTS = [
    "Thực hiện tốt các nội dung đã đăng ký, tích cực trong công việc chung.",
    "Chi bộ ghi nhận kết quả trong tháng; đề nghị tiếp tục phát huy.",
    "Có tinh thần trách nhiệm, tác phong chuẩn mực.",
    "Hoàn thành nhiệm vụ; cần chủ động hơn trong phối hợp với đồng nghiệp.",
]
LOWER_REVIEW_COMMENTS = [
    "Chi bộ đánh giá thấp hơn mức tự xếp loại vì còn việc đã đăng ký chưa có kết quả cụ thể.",
    "Trong tháng còn đi muộn một số buổi; chi bộ đề nghị khắc phục.",
]
HIGHER_REVIEW_COMMENTS = [
    "Đồng chí tự đánh giá khiêm tốn; chi bộ ghi nhận kết quả vượt yêu cầu.",
]
ENTRY_RETURN_COMMENTS = [
    "Đề nghị đồng chí ghi rõ kết quả cụ thể của từng việc trong tháng.",
    "Phần tự đánh giá còn sơ sài, đề nghị bổ sung.",
]
NOTES = {
    Progress.DONE: ["", "", "Đã hoàn thành theo kế hoạch.", "Hoàn thành đúng hạn."],
    Progress.IN_PROGRESS: ["", "Đang thực hiện, dự kiến xong trong tháng sau."],
    Progress.NOT_DONE: ["Chưa thực hiện do tập trung nhiệm vụ đột xuất.",
                        "Chưa đến thời hạn thực hiện."],
}
RATING_ORDER = [Rating.NOT_DONE, Rating.DONE, Rating.GOOD, Rating.EXCELLENT]
# fmt: on
