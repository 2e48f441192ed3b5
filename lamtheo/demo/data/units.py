"""Organizations: templates of grassroots organizations and their departments, the
trades of their people, and the posts of a cell's secretary."""

from __future__ import annotations

from dataclasses import dataclass

from lamtheo.orgs.models import UnitKind

# The demo's root. A generated province with groups gives this name to its first group,
# the bloc of the provincial agencies.
DEMO_ROOT_CODE = "DBK"
DEMO_ROOT_NAME = "Đảng bộ Khối các cơ quan tỉnh"
DB, CB = UnitKind.GRASSROOTS, UnitKind.GRASSROOTS_CELL


@dataclass(frozen=True)
class OrgTemplate:
    name: str  # "{place}" and "{n}" are filled in for communes
    kind: str
    profile: str
    weight: float = 1.0  # share of the cells among the đảng bộ cơ sở
    partial: tuple[str, tuple[str, ...]] | None = None  # đảng bộ bộ phận and its departments


@dataclass(frozen=True)
class Profile:
    departments: tuple[str, ...]  # cells of a đảng bộ cơ sở of this kind
    duties: tuple[tuple[str, str, int], ...]  # (title, trade, weight) in professional cells
    at_place: bool = True  # "Bác sĩ Khoa Nội"; residents have no workplace


# fmt: off
# Ordered so that even a tiny demo has a hospital (with a đảng bộ bộ phận) and the
# bloc committee's own office, where the demo log-ins work.
BLOC_ORGS = [
    OrgTemplate("Đảng bộ Bệnh viện Đa khoa tỉnh", DB, "hospital", 3.0, (
        "Đảng bộ bộ phận Khối Nội",
        ("Khoa Nội", "Khoa Nhi", "Khoa Truyền nhiễm", "Khoa Tim mạch", "Khoa Y học cổ truyền"))),
    OrgTemplate("Chi bộ Cơ quan Đảng ủy Khối", CB, "party"),
    OrgTemplate("Đảng bộ Sở Y tế", DB, "health"),
    OrgTemplate("Chi bộ Sở Tư pháp", CB, "justice"),
    OrgTemplate("Đảng bộ Sở Giáo dục và Đào tạo", DB, "education"),
    OrgTemplate("Đảng bộ Báo và Phát thanh, Truyền hình tỉnh", DB, "press", 1.5),
    OrgTemplate("Đảng bộ Sở Nông nghiệp và Môi trường", DB, "agriculture", 1.5, (
        "Đảng bộ bộ phận Chi cục Kiểm lâm",
        ("Hạt Kiểm lâm số 1", "Hạt Kiểm lâm số 2",
         "Đội Kiểm lâm cơ động và phòng cháy, chữa cháy rừng", "Văn phòng Chi cục Kiểm lâm"))),
    OrgTemplate("Đảng bộ Sở Tài chính", DB, "finance"),
    OrgTemplate("Chi bộ Thanh tra tỉnh", CB, "inspection"),
    OrgTemplate("Đảng bộ Trường Chính trị tỉnh", DB, "political_school"),
    OrgTemplate("Chi bộ Ban Tổ chức Tỉnh ủy", CB, "party"),
    OrgTemplate("Đảng bộ Sở Xây dựng", DB, "office"),
    OrgTemplate("Chi bộ Ủy ban Kiểm tra Tỉnh ủy", CB, "inspection"),
    OrgTemplate("Đảng bộ Sở Nội vụ", DB, "office"),
    OrgTemplate("Đảng bộ Trung tâm Kiểm soát bệnh tật tỉnh", DB, "prevention"),
    OrgTemplate("Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy", CB, "party"),
    OrgTemplate("Đảng bộ Sở Công Thương", DB, "office"),
    OrgTemplate("Đảng bộ Bệnh viện Y học cổ truyền tỉnh", DB, "hospital", 1.5),
    OrgTemplate("Chi bộ Văn phòng Tỉnh ủy", CB, "party"),
    OrgTemplate("Đảng bộ Sở Khoa học và Công nghệ", DB, "office"),
    OrgTemplate("Chi bộ Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", CB, "mass"),
    OrgTemplate("Đảng bộ Sở Văn hóa, Thể thao và Du lịch", DB, "culture"),
    OrgTemplate("Chi bộ Ban Nội chính Tỉnh ủy", CB, "party"),
    OrgTemplate("Đảng bộ Văn phòng Ủy ban nhân dân tỉnh", DB, "office"),
    OrgTemplate("Chi bộ Hội Liên hiệp Phụ nữ tỉnh", CB, "mass"),
    OrgTemplate("Đảng bộ Bệnh viện Sản - Nhi tỉnh", DB, "hospital", 2.0),
    OrgTemplate("Chi bộ Tỉnh Đoàn", CB, "mass"),
    OrgTemplate("Đảng bộ Trường Cao đẳng Y tế", DB, "college"),
    OrgTemplate("Chi bộ Sở Ngoại vụ", CB, "office"),
    OrgTemplate("Đảng bộ Trường Trung học phổ thông chuyên Lê Quý Đôn", DB, "school"),
    OrgTemplate("Chi bộ Hội Nông dân tỉnh", CB, "mass"),
    OrgTemplate("Đảng bộ Bệnh viện Lao và Bệnh phổi tỉnh", DB, "hospital"),
    OrgTemplate("Chi bộ Liên đoàn Lao động tỉnh", CB, "mass"),
    OrgTemplate("Đảng bộ Trường Cao đẳng Kỹ thuật công nghệ", DB, "college"),
    OrgTemplate("Chi bộ Hội Cựu chiến binh tỉnh", CB, "mass"),
    OrgTemplate("Đảng bộ Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công "
                "nghiệp tỉnh", DB, "office"),
    OrgTemplate("Chi bộ Hội Chữ thập đỏ tỉnh", CB, "mass"),
    OrgTemplate("Đảng bộ Bệnh viện Tâm thần tỉnh", DB, "hospital"),
    OrgTemplate("Chi bộ Sở Dân tộc và Tôn giáo", CB, "office"),
    OrgTemplate("Đảng bộ Ban Quản lý Khu kinh tế tỉnh", DB, "office"),
    OrgTemplate("Chi bộ Quỹ Đầu tư phát triển tỉnh", CB, "finance"),
    OrgTemplate("Đảng bộ Trường Trung học phổ thông Dân tộc nội trú tỉnh", DB, "school"),
    OrgTemplate("Chi bộ Thư viện tỉnh", CB, "culture"),
    OrgTemplate("Đảng bộ Trung tâm Phục vụ hành chính công tỉnh", DB, "office"),
    OrgTemplate("Chi bộ Bảo tàng tỉnh", CB, "culture"),
    OrgTemplate("Đảng bộ Trường Cao đẳng Sư phạm tỉnh", DB, "college"),
    OrgTemplate("Chi bộ Liên minh Hợp tác xã tỉnh", CB, "office"),
    OrgTemplate("Đảng bộ Bệnh viện Mắt tỉnh", DB, "hospital"),
    OrgTemplate("Chi bộ Hội Văn học nghệ thuật tỉnh", CB, "culture"),
    OrgTemplate("Đảng bộ Trung tâm Khuyến nông tỉnh", DB, "agriculture"),
    OrgTemplate("Chi bộ Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", CB, "office"),
    OrgTemplate("Đảng bộ Ban Quản lý rừng phòng hộ", DB, "agriculture"),
    OrgTemplate("Chi bộ Trung tâm Pháp y tỉnh", CB, "prevention"),
    OrgTemplate("Đảng bộ Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh", DB, "office"),
    OrgTemplate("Chi bộ Hội Luật gia tỉnh", CB, "justice"),
    OrgTemplate("Đảng bộ Trung tâm Văn hóa - Điện ảnh tỉnh", DB, "culture"),
    OrgTemplate("Chi bộ Trung tâm Giám định y khoa tỉnh", CB, "prevention"),
    OrgTemplate("Đảng bộ Trường Trung học phổ thông Chu Văn An", DB, "school"),
    OrgTemplate("Chi bộ Nhà Thiếu nhi tỉnh", CB, "school"),
    OrgTemplate("Đảng bộ Ban Quản lý dự án phát triển nông thôn tỉnh", DB, "office"),
]

# A commune or ward (since 7/2025 directly under the province): its offices, then
# residential organizations, numbered.
COMMUNE_ORGS = [
    OrgTemplate("Chi bộ Cơ quan Đảng - Mặt trận - đoàn thể {place}", CB, "party"),
    OrgTemplate("Đảng bộ Cơ quan Ủy ban nhân dân {place}", DB, "office"),
    OrgTemplate("Đảng bộ Công an {place}", DB, "police"),
    OrgTemplate("Chi bộ Quân sự {place}", CB, "police"),
    OrgTemplate("Chi bộ Trạm Y tế {place}", CB, "prevention"),
    OrgTemplate("Đảng bộ Trường Trung học cơ sở {place}", DB, "school"),
    OrgTemplate("Chi bộ Trường Tiểu học {place}", CB, "school"),
    OrgTemplate("Chi bộ Trường Mầm non {place}", CB, "school"),
]
COMMUNE_RESIDENTIAL = [
    OrgTemplate("Chi bộ Khu dân cư số {n}", CB, "residential"),
    OrgTemplate("Đảng bộ Khu dân cư số {n}", DB, "residential", 2.0),
]
PLACES = [
    "Tân Lập", "Phước Hải", "Vĩnh Hòa", "Xuân Phong", "Hòa Thắng", "Bình Minh", "Tân Phú",
    "Long Hưng", "An Phước", "Thạnh Mỹ", "Đông Hải", "Phú Lộc", "Hưng Thịnh", "Mỹ Hòa",
    "Quang Trung", "Trần Phú", "Lê Lợi", "Thắng Lợi", "Hòa Bình", "Tân Thành", "Phước Long",
    "Vĩnh Phúc", "Ninh Xuân", "Cam Phúc", "Diên Thạnh", "Suối Tiên", "Sơn Thái", "Khánh Bình",
    "Đại Lãnh", "Vạn Thắng", "Hòa Hiệp", "Phú Thọ", "Bắc Sơn", "Nam Hải", "Tây Hòa",
    "Đông Hòa", "An Bình", "Thuận An", "Gia Lộc", "Phong Phú", "Hiệp Thành", "Tân Hòa",
    "Long Phước", "Bình Thạnh", "Mỹ Thạnh", "Phước Thắng", "Thạnh Phú", "Hòa Xuân",
    "Xuân Lộc", "Phú Hữu",
]

OFFICE_DUTIES = (("Chuyên viên", "office", 45), ("Chuyên viên chính", "office", 12),
                 ("Phó Trưởng phòng", "office", 8), ("Kế toán", "accountant", 8),
                 ("Văn thư", "office", 5), ("Nhân viên hành chính", "office", 5))
PROFILES = {
    "hospital": Profile(
        ("Khoa Nội", "Khoa Nhi", "Khoa Truyền nhiễm", "Khoa Tim mạch", "Khoa Y học cổ truyền",
         "Khoa Ngoại tổng hợp", "Khoa Sản", "Khoa Hồi sức tích cực - Chống độc", "Khoa Cấp cứu",
         "Khoa Khám bệnh", "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh", "Khoa Dược",
         "Khoa Gây mê hồi sức", "Khoa Ung bướu", "Khoa Răng Hàm Mặt", "Khoa Tai Mũi Họng",
         "Khoa Mắt", "Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng", "Phòng Tổ chức cán bộ",
         "Phòng Tài chính kế toán"),
        (("Bác sĩ", "doctor", 30), ("Điều dưỡng", "clinical", 35),
         ("Kỹ thuật viên", "clinical", 8), ("Dược sĩ", "clinical", 5),
         ("Bác sĩ chuyên khoa II", "doctor", 4))),
    "health": Profile(
        ("Văn phòng Sở", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược",
         "Phòng Kế hoạch - Tài chính", "Thanh tra Sở", "Chi cục Dân số",
         "Chi cục An toàn vệ sinh thực phẩm", "Trung tâm Kiểm nghiệm"),
        (("Chuyên viên", "office", 40), ("Bác sĩ", "doctor", 10), ("Dược sĩ", "clinical", 10),
         ("Thanh tra viên", "inspector", 6), ("Kế toán", "accountant", 6))),
    "prevention": Profile(
        ("Khoa Phòng, chống bệnh truyền nhiễm", "Khoa Dinh dưỡng", "Khoa Sức khỏe sinh sản",
         "Khoa Xét nghiệm - Chẩn đoán hình ảnh", "Khoa Truyền thông giáo dục sức khỏe",
         "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Nghiệp vụ"),
        (("Bác sĩ", "doctor", 25), ("Y sĩ", "clinical", 15), ("Điều dưỡng", "clinical", 15),
         ("Kỹ thuật viên", "clinical", 10), ("Dược sĩ", "clinical", 5))),
    "education": Profile(
        ("Văn phòng Sở", "Phòng Giáo dục phổ thông", "Phòng Giáo dục mầm non và thường xuyên",
         "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ", "Thanh tra Sở",
         "Phòng Khảo thí và Kiểm định chất lượng"),
        (("Chuyên viên", "office", 40), ("Thanh tra viên", "inspector", 6),
         ("Kế toán", "accountant", 5))),
    "school": Profile(
        ("Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Ngoại ngữ", "Tổ Vật lý - Công nghệ", "Tổ Hóa - Sinh",
         "Tổ Lịch sử - Địa lý - Giáo dục công dân", "Tổ Thể dục - Quốc phòng", "Tổ Văn phòng"),
        (("Giáo viên", "teacher", 60), ("Tổ phó chuyên môn", "teacher", 6),
         ("Nhân viên thư viện", "office", 2))),
    "political_school": Profile(
        ("Khoa Xây dựng Đảng", "Khoa Lý luận cơ sở", "Khoa Nhà nước và pháp luật", "Khoa Dân vận",
         "Phòng Quản lý đào tạo", "Phòng Tổ chức - Hành chính"),
        (("Giảng viên", "teacher", 45), ("Giảng viên chính", "teacher", 12))),
    "college": Profile(
        ("Khoa Khoa học cơ bản", "Khoa Lý luận chính trị", "Khoa Ngoại ngữ - Tin học",
         "Khoa Giáo dục thể chất - Quốc phòng", "Phòng Đào tạo",
         "Phòng Công tác học sinh, sinh viên", "Phòng Tổ chức - Hành chính"),
        (("Giảng viên", "teacher", 45), ("Giảng viên chính", "teacher", 12))),
    "press": Profile(
        ("Ban Thời sự", "Ban Kinh tế", "Ban Văn hóa - Xã hội", "Ban Chuyên đề", "Ban Báo in",
         "Ban Nội dung số", "Ban Kỹ thuật - Công nghệ", "Ban Thư ký tòa soạn",
         "Phòng Tổ chức - Hành chính"),
        (("Phóng viên", "journalist", 35), ("Biên tập viên", "journalist", 25),
         ("Quay phim", "journalist", 6), ("Phát thanh viên", "journalist", 5),
         ("Kỹ thuật viên", "office", 8))),
    "agriculture": Profile(
        ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Chi cục Thủy lợi",
         "Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi và Thú y",
         "Phòng Quản lý đất đai", "Phòng Môi trường",
         "Trung tâm Quan trắc tài nguyên và môi trường"),
        (("Chuyên viên", "office", 25), ("Kiểm lâm viên", "ranger", 15),
         ("Kỹ sư nông nghiệp", "ranger", 12), ("Khuyến nông viên", "ranger", 8),
         ("Kế toán", "accountant", 4))),
    "finance": Profile(
        ("Văn phòng Sở", "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư",
         "Phòng Quản lý giá và công sản", "Phòng Kế hoạch tổng hợp", "Phòng Doanh nghiệp",
         "Thanh tra Sở"),
        (("Chuyên viên", "office", 35), ("Kế toán", "accountant", 15),
         ("Thanh tra viên", "inspector", 5))),
    "justice": Profile(
        ("Văn phòng Sở", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp",
         "Phòng Xây dựng và kiểm tra văn bản", "Trung tâm Trợ giúp pháp lý"),
        (("Chuyên viên", "office", 35), ("Trợ giúp viên pháp lý", "office", 10),
         ("Kế toán", "accountant", 4))),
    "inspection": Profile(
        ("Văn phòng", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Tiếp công dân"),
        (("Thanh tra viên", "inspector", 30), ("Thanh tra viên chính", "inspector", 10),
         ("Chuyên viên", "office", 10))),
    "culture": Profile(
        ("Văn phòng", "Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao",
         "Phòng Quản lý du lịch", "Phòng Nghiệp vụ", "Đội Thông tin lưu động"),
        (("Chuyên viên", "office", 30), ("Viên chức", "office", 15), ("Diễn viên", "office", 3),
         ("Hướng dẫn viên", "office", 4))),
    "party": Profile(
        ("Văn phòng", "Phòng Tổng hợp", "Phòng Nghiệp vụ", "Phòng Kiểm tra, giám sát"),
        (("Chuyên viên", "office", 40), ("Chuyên viên chính", "office", 12),
         ("Kế toán", "accountant", 4))),
    "mass": Profile(
        ("Văn phòng", "Ban Tổ chức - Kiểm tra", "Ban Tuyên giáo", "Ban Phong trào"),
        (("Chuyên viên", "office", 35), ("Cán bộ phong trào", "office", 15),
         ("Kế toán", "accountant", 4))),
    "office": Profile(
        ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ", "Thanh tra Sở",
         "Phòng Quản lý chuyên ngành", "Phòng Pháp chế", "Trung tâm Dịch vụ công",
         "Phòng Chuyển đổi số"),
        OFFICE_DUTIES),
    "police": Profile(
        ("Tổ Cảnh sát khu vực", "Tổ An ninh", "Tổ Tổng hợp", "Tổ Cảnh sát trật tự"),
        (("Cán bộ công an", "security", 40), ("Cảnh sát khu vực", "security", 15),
         ("Chiến sĩ dân quân", "security", 8))),
    "residential": Profile(
        ("Tổ dân phố số 1", "Tổ dân phố số 2", "Tổ dân phố số 3", "Tổ dân phố số 4",
         "Tổ dân phố số 5", "Tổ dân phố số 6", "Tổ dân phố số 7", "Tổ dân phố số 8"),
        (("Hưu trí", "resident", 40), ("Kinh doanh tự do", "resident", 15),
         ("Cựu chiến binh", "resident", 12), ("Công nhân", "resident", 10),
         ("Tổ trưởng tổ dân phố", "resident", 4)),
        at_place=False),
}
# Cells whose members do office work whatever the organization does.
OFFICE_PREFIXES = ("Phòng", "Văn phòng", "Thanh tra", "Trung tâm Dịch vụ", "Chi cục")
# The usual post of a cell's secretary, the head of the workplace ({w}: the workplace,
# {rest}: what follows the prefix). First match wins; otherwise a deputy director.
HEAD_TITLES = [
    ("Khoa ", "Trưởng khoa {rest}"), ("Phòng ", "Trưởng phòng {rest}"),
    ("Ban ", "Trưởng ban {rest}"), ("Tổ ", "Tổ trưởng tổ {rest}"), ("Văn phòng", "Chánh {w}"),
    ("Thanh tra", "Chánh {w}"), ("Hạt ", "Hạt trưởng {w}"), ("Chi cục ", "Chi cục trưởng {w}"),
    ("Đội ", "Đội trưởng {w}"), ("Trạm ", "Trạm trưởng {w}"), ("Trường ", "Phó Hiệu trưởng {w}"),
    ("Ủy ban Kiểm tra", "Phó Chủ nhiệm {w}"), ("Ủy ban", "Phó Chủ tịch {w}"),
    ("Hội ", "Phó Chủ tịch {w}"), ("Liên ", "Phó Chủ tịch {w}"), ("Tỉnh Đoàn", "Phó Bí thư {w}"),
    ("Công an", "Phó Trưởng {w}"), ("Quân sự", "Chỉ huy trưởng {w}"),
    ("Đảng ủy", "Phó Chánh Văn phòng {w}"),
]
# fmt: on
