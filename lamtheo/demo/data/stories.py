"""The demo's story library: short anecdotes widely told about Hồ Chí Minh's simple life,
written for Lamtheo in our own words (not copied from any book or website)."""

from __future__ import annotations

SOURCE = "Biên soạn cho Lamtheo, phỏng theo các mẩu chuyện được kể rộng rãi"

# (title, tags, text)
STORIES: list[tuple[str, str, str]] = [
    (
        "Đôi dép đã mòn quai",
        "giản dị, tiết kiệm",
        "Người ta kể rằng đôi dép cao su Bác đi được làm từ lốp xe cũ và theo Bác qua nhiều "
        "năm kháng chiến. Khi quai dép tuột, anh em phục vụ đề nghị đổi đôi mới, Bác chỉ "
        "bảo đóng thêm chiếc đinh để đi tiếp.\n"
        "Với Bác, cái gì còn dùng được thì không bỏ; tiết kiệm của mình cũng là tiết kiệm "
        "cho dân, cho nước.",
    ),
    (
        "Bữa cơm không để thừa",
        "giản dị, tiết kiệm, tôn trọng người phục vụ",
        "Bữa ăn của Bác thường chỉ vài món đạm bạc. Các đồng chí phục vụ kể lại: món nào Bác "
        "ăn không hết thì Bác xếp gọn gàng, để phần còn lại người khác còn dùng được, không ai "
        "phải dọn mâm cơm thừa.\n"
        "Một việc nhỏ trong bữa ăn cũng cho thấy sự quý trọng công sức người làm ra hạt gạo "
        "và người nấu bữa cơm.",
    ),
    (
        "Giờ hẹn là lời hứa",
        "đúng giờ, tác phong, tôn trọng nhân dân",
        "Những người từng làm việc bên Bác đều nhắc đến thói quen đúng giờ. Có lần trời mưa to, "
        "mọi người nghĩ Bác sẽ đến muộn, nhưng Bác vẫn có mặt đúng giờ đã hẹn với đồng bào.\n"
        "Bác cho rằng đến muộn là làm mất thời gian của nhiều người; giữ đúng giờ là tôn trọng "
        "người khác và tôn trọng chính lời mình đã hứa.",
    ),
    (
        "Ngôi nhà sàn nhỏ",
        "giản dị, lối sống",
        "Khi về Hà Nội, Bác không ở trong tòa nhà lớn mà chọn một ngôi nhà nhỏ, sau này là ngôi "
        "nhà sàn gỗ bên ao cá. Tầng trên là chỗ nghỉ và làm việc, tầng dưới là nơi họp và tiếp "
        "khách, đồ đạc chỉ có những thứ cần dùng.\n"
        "Nơi ở giản dị giúp Bác gần gũi với cuộc sống của người lao động bình thường.",
    ),
    (
        "Ra khỏi phòng thì tắt đèn",
        "tiết kiệm, của công",
        "Các đồng chí giúp việc kể rằng Bác thường tự tay tắt đèn, tắt quạt khi ra khỏi phòng, "
        "và nhắc mọi người làm như vậy.\n"
        "Điện, nước, giấy bút trong cơ quan đều là của công, do đồng bào đóng góp mà có. Giữ gìn "
        "từng thứ nhỏ là cách thiết thực để thực hành cần, kiệm, liêm, chính.",
    ),
    (
        "Không muốn được ưu tiên",
        "khiêm tốn, tôn trọng nhân dân",
        "Mỗi lần đi công tác, Bác dặn không được làm phiền dân: không dẹp đường, không đón rước "
        "linh đình. Người ta kể có lần xe dừng trước tín hiệu giao thông, Bác bảo lái xe cứ chờ "
        "như mọi người.\n"
        "Người cán bộ càng ở vị trí cao càng phải giữ mình như một người dân, không đòi hỏi "
        "điều gì riêng cho bản thân.",
    ),
    (
        "Mở nồi cơm nhà dân",
        "gần dân, quan tâm đời sống",
        "Trong những chuyến về địa phương, Bác hay vào thẳng nhà dân, xuống bếp, mở nồi cơm xem "
        "bà con ăn gì, hỏi chuyện mùa màng, chuyện học hành của các cháu.\n"
        "Muốn biết đời sống thật của nhân dân thì phải tự mình đến tận nơi, nhìn tận mắt, chứ "
        "không chỉ nghe báo cáo.",
    ),
    (
        "Bộ quần áo bạc màu",
        "giản dị, tiết kiệm",
        "Bộ quần áo kaki Bác mặc khi tiếp khách hay đi thăm đồng bào thường đã bạc màu, có chỗ "
        "được vá lại. Khi có người đề nghị may bộ mới, Bác bảo bộ này vẫn còn mặc được.\n"
        "Giản dị trong ăn mặc không làm giảm uy tín người cán bộ; trái lại, nó khiến nhân dân "
        "thêm tin yêu.",
    ),
    (
        "Chia quà cho mọi người",
        "quan tâm, nhân ái",
        "Quà bánh, hoa quả các đoàn biếu Bác, Bác thường chia cho các cháu thiếu nhi, cho anh em "
        "bảo vệ, phục vụ, phần mình giữ rất ít.\n"
        "Niềm vui được chia đều thì thành niềm vui của nhiều người; sự quan tâm bắt đầu từ những "
        "người ở gần mình nhất.",
    ),
    (
        "Lời cảm ơn với người phục vụ",
        "tôn trọng con người, khiêm tốn",
        "Những người từng phục vụ Bác nhớ mãi cách Bác cảm ơn sau mỗi việc nhỏ, hỏi thăm sức "
        "khỏe, gia đình của từng người, nhớ cả tên các cháu nhỏ.\n"
        "Tôn trọng con người không phân biệt công việc to hay nhỏ là nét đạo đức người đảng "
        "viên cần học mỗi ngày trong cơ quan, đơn vị.",
    ),
    (
        "Trồng cây cho mai sau",
        "trồng cây, trách nhiệm, thế hệ trẻ",
        "Mỗi dịp xuân về, Bác thường cùng nhân dân trồng cây và khuyên mọi người giữ gìn cây đã "
        "trồng. Quanh nơi Bác ở có nhiều cây do chính tay Bác chăm sóc.\n"
        "Việc trồng một cây hôm nay là nghĩ đến bóng mát cho người đến sau; làm việc gì cũng cần "
        "nghĩ đến lợi ích lâu dài.",
    ),
]
