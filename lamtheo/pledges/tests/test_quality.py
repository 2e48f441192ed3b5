"""Tests for the pledge item quality checker (lamtheo.pledges.quality)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from lamtheo.pledges.quality import HINT_SPECIFIC, MISSING_KEYS, Assessment, assess

REPO = Path(__file__).resolve().parents[3]
DEV_FILE = REPO / ".." / "shared" / "data" / "pledges-dev.jsonl"


# --- the rules -------------------------------------------------------------


def test_a_slogan_without_anything_checkable_is_vague():
    result = assess("Nâng cao ý thức tu dưỡng, rèn luyện đạo đức, lối sống.")
    assert not result.specific
    assert not result.has_action
    assert result.missing == ["action", "measure", "time"]


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện tốt chức trách, nhiệm vụ được giao.",
        "Tích cực tham gia các phong trào thi đua của cơ quan.",
        "Giữ gìn sự đoàn kết nội bộ.",
        "Phấn đấu hoàn thành xuất sắc nhiệm vụ được giao.",
        "Thường xuyên trau dồi phẩm chất chính trị.",
    ],
)
def test_the_vague_phrases_of_the_spec_are_vague(text):
    assert not assess(text).specific


def test_a_concrete_action_with_a_quantity_is_specific():
    result = assess("Viết 04 bài về gương người tốt, việc tốt.")
    assert result.specific
    assert result.has_action and result.has_measure


def test_a_concrete_action_with_a_time_frame_is_specific():
    result = assess("Tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở Đảng ủy xã.")
    assert result.specific
    assert result.has_time and not result.has_measure


def test_a_concrete_action_on_a_specific_object_of_work_is_specific():
    result = assess("Lập sổ theo dõi lộ trình từng chuyến đi công tác.")
    assert result.specific
    assert result.has_object
    assert not result.has_measure and not result.has_time


def test_a_general_verb_with_only_a_time_frame_is_still_vague():
    result = assess("Phấn đấu hoàn thành tốt nhiệm vụ năm 2025.")
    assert result.has_time
    assert not result.specific


def test_a_general_verb_with_a_named_object_and_a_deadline_is_specific():
    assert assess(
        "Hoàn thành lớp bồi dưỡng lý luận chính trị trung cấp trước tháng 12/2025."
    ).specific


def test_an_intensifier_turns_the_verbs_after_it_into_a_wish():
    assert not assess("Tăng cường công tác kiểm tra, giám sát đảng viên trong chi bộ.").specific


def test_a_string_of_virtues_around_one_verb_is_a_slogan():
    result = assess("Thường xuyên tu dưỡng, rèn luyện, đọc sách báo hằng ngày.")
    assert not result.specific
    assert "action" in result.missing


@pytest.mark.parametrize(
    "text",
    [
        "Không để hồ sơ nào trễ hạn.",
        "Không để xảy ra sai sót trong thanh toán chứng từ.",
        "Giải quyết 100% hồ sơ được giao.",
        "Đạt tỷ lệ 80 phần trăm hồ sơ nộp trực tuyến.",
    ],
)
def test_zero_targets_and_percentages_are_measures(text):
    assert assess(text).has_measure


def test_a_duration_is_a_measure_but_not_a_time_frame():
    result = assess("Rút ngắn thời gian cấp giấy phép từ 15 ngày xuống còn 10 ngày làm việc.")
    assert result.has_measure
    assert not result.has_time


def test_a_deadline_within_n_days_is_both_a_measure_and_a_time_frame():
    result = assess("Trả lời đơn thư của công dân trong vòng 05 ngày làm việc.")
    assert result.has_measure and result.has_time


@pytest.mark.parametrize(
    "text",
    [
        "Học tập Chỉ thị 05-CT/TW của Bộ Chính trị.",
        "Quán triệt Nghị quyết Trung ương 4 khóa XII.",
        "Dạy học sinh lớp 9.",
        "Nói không với 27 biểu hiện suy thoái.",
        "Tham gia sinh hoạt ở tổ dân phố số 5.",
        "Phòng chống dịch Covid-19.",
    ],
)
def test_numbers_that_name_something_are_not_quantities(text):
    assert not assess(text).has_measure


@pytest.mark.parametrize(
    "text",
    [
        "Nộp báo cáo trước 30/6.",
        "Nộp báo cáo trước 30/6/2025.",
        "Nộp báo cáo trong tháng 6.",
        "Nộp báo cáo trong quý III.",
        "Nộp báo cáo vào cuối năm.",
        "Rà soát hồ sơ trong 6 tháng đầu năm.",
        "Rà soát hồ sơ hằng tuần.",
        "Rà soát hồ sơ định kỳ.",
        "Nộp báo cáo trước ngày 15.",
        "Trả lời đơn thư trong vòng 05 ngày.",
        "Họp giao ban mỗi tháng.",
        "Tiếp dân vào sáng thứ Hai.",
    ],
)
def test_vietnamese_date_forms_are_time_frames(text):
    result = assess(text)
    assert result.has_time
    assert result.specific


@pytest.mark.parametrize(
    "text",
    [
        "Nộp báo cáo trước tháng 12/2025.",
        "Nộp báo cáo trước 30/6/2025.",
        "Rà soát hồ sơ trong 6 tháng đầu năm.",
        "Tiếp dân vào sáng thứ Năm.",
    ],
)
def test_the_digits_of_a_date_are_not_a_quantity(text):
    assert not assess(text).has_measure


def test_everyday_life_is_not_a_frequency():
    result = assess("Luôn gương mẫu trong công tác cũng như trong sinh hoạt hằng ngày.")
    assert not result.has_time
    assert not result.specific


def test_a_named_event_is_neither_a_date_nor_a_quantity():
    result = assess("Tổ chức thi đua chào mừng kỷ niệm 80 năm Cách mạng Tháng Tám.")
    assert not result.has_measure and not result.has_time


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức hai buổi phụ đạo cho học sinh yếu.",
        "Khám sức khỏe cho người cao tuổi mỗi quý một lần.",
        "Viết mười bài về gương người tốt.",
        "Kèm cặp ba quần chúng ưu tú.",
    ],
)
def test_numbers_written_as_words_are_quantities(text):
    result = assess(text)
    assert result.has_measure
    assert result.specific


def test_after_the_meeting_is_not_six_meetings():
    assert not assess("Sau buổi họp, tổng hợp ý kiến của đảng viên.").has_measure


# --- spelling and encoding ---------------------------------------------------


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("Nâng cao ý thức trách nhiệm", "nang cao y thuc trach nhiem"),
        (
            "Tổ chức 02 buổi sinh hoạt chuyên đề mỗi quý",
            "to chuc 02 buoi sinh hoat chuyen de moi quy",
        ),
        ("Thu nộp đảng phí trước ngày 10 hằng tháng", "thu nop dang phi truoc ngay 10 hang thang"),
        ("Giữ gìn đoàn kết nội bộ", "giu gin doan ket noi bo"),
        ("Viết 3 bài đăng báo tỉnh trong quý III", "Viet 3 bai dang bao tinh trong quy III"),
    ],
)
def test_text_without_diacritics_reads_like_text_with_them(accented, plain):
    assert assess(plain) == assess(accented)


def test_nfd_input_reads_like_nfc():
    text = "Hoàn thành số hóa 500 hồ sơ lưu trữ trước ngày 30/9/2025."
    assert assess(unicodedata.normalize("NFD", text)) == assess(unicodedata.normalize("NFC", text))


def test_old_style_tone_marks_read_like_new_style():
    new = assess("Hoàn thành khóa đào tạo kế toán trong năm 2025.")
    old = assess("Hoàn thành khoá đào tạo kế toán trong năm 2025.")
    assert new == old
    assert old.specific


def test_extra_spaces_and_capitals_do_not_matter():
    tidy = assess("Tổ chức 02 buổi phụ đạo mỗi tuần.")
    assert assess("  TỔ   CHỨC\t02  buổi\n phụ đạo   mỗi tuần.  ") == tidy


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_not_specific_and_misses_an_action(text):
    result = assess(text)
    assert not result.specific
    assert result.missing[0] == "action"


def test_a_5000_character_text_is_assessed_quickly():
    sentence = "Tổ chức 02 buổi sinh hoạt chuyên đề mỗi quý, nâng cao ý thức hằng ngày. "
    text = (sentence * 100)[:5000]
    started = time.perf_counter()
    result = assess(text)
    assert time.perf_counter() - started < 1.0
    assert result.specific


def test_emoji_are_ignored():
    assert assess("🎉 Tổ chức 02 buổi phụ đạo mỗi tuần 👍") == assess(
        "Tổ chức 02 buổi phụ đạo mỗi tuần"
    )
    assert not assess("💪💪💪").specific


def test_html_is_read_as_text():
    result = assess("<p>Tổ chức <b>02</b> buổi ngoại khóa cho học sinh khối 8</p>")
    assert result.specific and result.has_measure
    assert not assess("<h1>Nâng cao ý thức</h1>").has_measure


# --- the result ------------------------------------------------------------


def test_missing_lists_what_is_absent_in_order():
    result = assess("Tập thể dục vào sáng thứ Năm hằng tuần.", duties="Kế toán")
    assert result.missing == ["measure", "duty"]
    assert all(key in MISSING_KEYS for key in result.missing)


def test_duty_is_reported_only_when_duties_are_given():
    assert "duty" not in assess("Tích cực tham gia phong trào.").missing
    assert "duty" not in assess("Tích cực tham gia phong trào.", duties="  ").missing
    assert "duty" in assess("Tích cực tham gia phong trào.", duties="Kế toán").missing


def test_an_item_sharing_a_word_with_the_duties_is_tied_to_them():
    result = assess("Dạy 2 tiết môn toán mỗi tuần.", duties="Giáo viên Toán")
    assert "duty" not in result.missing
    result = assess("Lái xe an toàn, không vi phạm tốc độ.", duties="Lái xe cơ quan")
    assert "duty" not in result.missing


def test_a_specific_object_of_work_ties_the_item_to_the_duties():
    result = assess("Cập nhật sổ điểm điện tử trước thứ Sáu hằng tuần.", duties="Giáo viên")
    assert result.has_object
    assert "duty" not in result.missing


def test_the_hint_for_a_vague_item_is_a_rewrite_pattern_in_vietnamese():
    hint = assess("Thực hiện tốt quy chế dân chủ ở cơ sở.").hint
    assert "ví dụ" in hint
    assert hint == unicodedata.normalize("NFC", hint)
    assert any(ch in hint for ch in "ảạấầẩẫậđệếềểễịọốồổỗộớờởỡợụứừửữự")


def test_the_hint_for_an_action_without_a_target_asks_for_a_measure_or_a_time():
    result = assess("Giải quyết các kiến nghị của người dân.")
    assert result.has_action and not result.specific
    assert "chỉ tiêu" in result.hint


def test_the_hint_for_a_specific_item_is_a_positive_sentence():
    assert assess("Viết 04 bài mỗi tháng về gương người tốt.").hint == HINT_SPECIFIC


def test_to_dict_has_the_command_shape():
    result = assess("Nâng cao ý thức")
    assert result.to_dict() == {"specific": False, "missing": result.missing, "hint": result.hint}
    json.dumps(result.to_dict(), ensure_ascii=False)


def test_the_assessment_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        assess("Nâng cao ý thức").specific = True  # type: ignore[misc]
    assert isinstance(assess(""), Assessment)


def test_the_module_imports_without_django():
    code = (
        "import sys; import lamtheo.pledges.quality as q; "
        "assert q.assess('Viết 4 bài mỗi tháng').specific; "
        "assert not [m for m in sys.modules if m.startswith('django')]"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


# --- accuracy ---------------------------------------------------------------


def test_dev_file_accuracy_on_specific_is_at_least_95_percent():
    if not DEV_FILE.exists():
        pytest.skip(f"labelled dev file not found at {DEV_FILE.resolve()}")
    rows = [json.loads(line) for line in DEV_FILE.read_text(encoding="utf-8").splitlines() if line]
    wrong = [
        r["text"] for r in rows if assess(r["text"], r.get("duties", "")).specific != r["specific"]
    ]
    assert 1 - len(wrong) / len(rows) >= 0.95, wrong


# Items written for these tests, labelled before the rules were tuned, to
# check that the rules generalize beyond the dev file: (text, duties, specific).
HELD_OUT: list[tuple[str, str, bool]] = [
    # --- specific ---
    (
        "Soạn giáo án điện tử cho 100% tiết dạy môn Ngữ văn lớp 8 trong học kỳ II.",
        "Giáo viên Ngữ văn trường THCS",
        True,
    ),
    (
        "Chấm, trả bài kiểm tra cho học sinh trong vòng 7 ngày sau mỗi bài kiểm tra.",
        "Giáo viên tiểu học",
        True,
    ),
    (
        "Thăm hỏi, tặng quà 12 gia đình chính sách trên địa bàn thôn dịp Tết Nguyên đán.",
        "Trưởng thôn",
        True,
    ),
    (
        "Cập nhật sổ điểm điện tử của lớp chủ nhiệm trước thứ Sáu hằng tuần.",
        "Giáo viên chủ nhiệm lớp 4A",
        True,
    ),
    ("Tuần tra, kiểm soát địa bàn vào ban đêm ít nhất 3 lần mỗi tháng.", "Công an xã", True),
    (
        "Viết 2 bài tham luận về cải cách hành chính đăng trên bản tin của Sở trong năm 2025.",
        "Chuyên viên Sở Nội vụ",
        True,
    ),
    (
        "Tổ chức hòa giải thành các vụ tranh chấp đất đai ở cơ sở, phấn đấu tỷ lệ hòa giải thành đạt trên 85%.",
        "Cán bộ Tư pháp - Hộ tịch xã",
        True,
    ),
    (
        "Tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi của xã, đạt tỷ lệ 98% vào cuối năm.",
        "Y sĩ trạm y tế xã",
        True,
    ),
    ("Đọc và ghi chép ít nhất một cuốn sách về Bác Hồ mỗi quý.", "Đảng viên", True),
    (
        "Trả kết quả hồ sơ đăng ký khai sinh cho công dân ngay trong ngày.",
        "Công chức Tư pháp - Hộ tịch",
        True,
    ),
    (
        "Lập danh sách và theo dõi sức khỏe người cao tuổi trong tổ dân phố số 5.",
        "Tổ trưởng tổ dân phố",
        True,
    ),
    (
        "Đi làm đúng giờ, không đi muộn, về sớm; chấm vân tay đủ 100% ngày công.",
        "Nhân viên kế toán",
        True,
    ),
    (
        "Hướng dẫn hai sinh viên thực tập hoàn thành báo cáo tốt nghiệp trước tháng 5.",
        "Giảng viên",
        True,
    ),
    (
        "Tiếp nhận và xử lý 100% tin báo tố giác tội phạm theo đúng thời hạn luật định.",
        "Điều tra viên",
        True,
    ),
    ("Giảm tỷ lệ nhiễm khuẩn vết mổ tại khoa Ngoại xuống dưới 2%.", "Điều dưỡng khoa Ngoại", True),
    (
        "Mỗi tháng dành một buổi sáng thứ Bảy dọn vệ sinh khu phố cùng đoàn viên.",
        "Bí thư Chi đoàn",
        True,
    ),
    (
        "Sản xuất 6 phóng sự truyền hình về gương điển hình làm theo Bác trong năm.",
        "Phóng viên Đài Phát thanh - Truyền hình tỉnh",
        True,
    ),
    (
        "Rà soát, cập nhật cơ sở dữ liệu hộ nghèo, hộ cận nghèo của xã trước ngày 15/11.",
        "Công chức Lao động - Thương binh và Xã hội",
        True,
    ),
    (
        "Phối hợp với nhà trường tổ chức 04 buổi tuyên truyền phòng chống ma túy cho học sinh.",
        "Cán bộ Công an phường",
        True,
    ),
    ("Không uống rượu bia trong giờ làm việc và giờ nghỉ trưa.", "Lái xe", True),
    ("Thu nộp đảng phí đầy đủ, đúng hạn trước ngày 10 hằng tháng.", "Chi ủy viên", True),
    ("Kiểm kê tài sản, công cụ dụng cụ của cơ quan 2 lần trong năm.", "Kế toán", True),
    (
        "Trực đường dây nóng 24/7 để tiếp nhận phản ánh về an toàn thực phẩm.",
        "Cán bộ Chi cục An toàn vệ sinh thực phẩm",
        True,
    ),
    (
        "Mở chuyên mục 'Làm theo gương Bác' trên trang thông tin điện tử của xã, đăng ít nhất 2 tin/tháng.",
        "Công chức Văn hóa - Xã hội",
        True,
    ),
    (
        "Vận động 100% hộ gia đình trong thôn ký cam kết không sử dụng pháo nổ dịp Tết.",
        "Trưởng thôn",
        True,
    ),
    ("Kèm cặp, bồi dưỡng 3 học sinh giỏi cấp huyện môn Tiếng Anh.", "Giáo viên Tiếng Anh", True),
    ("khám sức khỏe định kỳ cho công nhân công ty 2 lần mỗi năm", "Bác sĩ y tế doanh nghiệp", True),
    ("to chuc 02 buoi sinh hoat chuyen de moi quy", "Bi thu chi bo", True),
    ("Giai quyet 100% don thu khieu nai dung thoi han quy dinh", "Thanh tra vien", True),
    (
        "Nộp báo cáo thống kê tháng cho phòng Tài chính trước ngày 25 hằng tháng.",
        "Kế toán xã",
        True,
    ),
    ("Tham gia đầy đủ các buổi sinh hoạt chi bộ định kỳ hằng tháng.", "Đảng viên", True),
    (
        "Đăng ký và hoàn thành lớp cao cấp lý luận chính trị trong năm 2025.",
        "Phó trưởng phòng",
        True,
    ),
    (
        "Hỗ trợ 5 triệu đồng và 10 ngày công giúp gia đình bà Nguyễn Thị Lan sửa nhà.",
        "Hội viên Hội Cựu chiến binh",
        True,
    ),
    (
        "Trồng 200 cây xanh dọc tuyến đường liên thôn trong tháng 3 (Tháng Thanh niên).",
        "Bí thư Đoàn xã",
        True,
    ),
    ("Ghi chép sổ tay 'Làm theo gương Bác' vào cuối mỗi tháng và nộp chi bộ.", "Đảng viên", True),
    ("Đọc báo Nhân Dân điện tử mỗi sáng trước giờ làm việc.", "Đảng viên", True),
    ("Phấn đấu 100% học sinh lớp chủ nhiệm được lên lớp.", "Giáo viên chủ nhiệm", True),
    (
        "Không để xảy ra trường hợp học sinh bỏ học trong lớp chủ nhiệm.",
        "Giáo viên chủ nhiệm",
        True,
    ),
    (
        "Đôn đốc đảng viên nộp sổ tay làm theo gương Bác vào ngày 25 hằng tháng.",
        "Bí thư chi bộ",
        True,
    ),
    (
        "<p>Tổ chức <b>02</b> buổi ngoại khóa về lịch sử địa phương cho học sinh khối 8</p>",
        "Giáo viên Lịch sử",
        True,
    ),
    (
        "Hằng tuần kiểm tra việc ghi chép hồ sơ bệnh án của điều dưỡng trong khoa.",
        "Điều dưỡng trưởng khoa",
        True,
    ),
    # --- vague ---
    ("Luôn tận tụy, hết lòng vì người bệnh.", "Điều dưỡng", False),
    ("Nâng cao chất lượng giảng dạy, đổi mới phương pháp dạy học.", "Giáo viên", False),
    ("Thường xuyên học tập, trau dồi kiến thức chuyên môn, nghiệp vụ.", "Chuyên viên", False),
    ("Giữ vững phẩm chất đạo đức, lối sống trong sạch, lành mạnh.", "Công an phường", False),
    ("Thực hiện nghiêm các quy định về những điều đảng viên không được làm.", "Đảng viên", False),
    ("Tích cực tham gia các hoạt động tại nơi cư trú.", "Đảng viên", False),
    ("Chấp hành tốt sự phân công của tổ chức.", "Cán bộ", False),
    ("Phát huy tinh thần đoàn kết, giúp đỡ đồng nghiệp cùng tiến bộ.", "Giáo viên", False),
    ("Tận tình hướng dẫn người dân khi đến giao dịch.", "Công chức một cửa", False),
    ("Nâng cao tinh thần trách nhiệm trong thực thi công vụ.", "Công chức", False),
    (
        "Kiên quyết đấu tranh phản bác các quan điểm sai trái, thù địch trên mạng xã hội.",
        "Phóng viên",
        False,
    ),
    ("Thực hành tiết kiệm điện, nước, văn phòng phẩm.", "Chuyên viên", False),
    ("Phấn đấu hoàn thành tốt nhiệm vụ năm 2025.", "Trưởng phòng", False),
    ("Không ngừng tu dưỡng, rèn luyện đạo đức cách mạng.", "Đảng viên", False),
    ("Gương mẫu, nêu gương trong công tác và cuộc sống hằng ngày.", "Bí thư chi bộ", False),
    ("Chủ động nắm bắt tình hình, tham mưu kịp thời cho lãnh đạo.", "Chuyên viên Văn phòng", False),
    ("Xây dựng tập thể lớp đoàn kết, thân thiện.", "Giáo viên chủ nhiệm", False),
    ("nang cao y thuc trach nhiem, tan tuy phuc vu nhan dan", "Can bo xa", False),
    ("thuc hien tot noi quy, quy che cua co quan", "Chuyen vien", False),
    (
        "Tuyên truyền, vận động nhân dân chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
        "Trưởng ấp",
        False,
    ),
    (
        "Quan tâm, chăm lo đời sống vật chất, tinh thần của cán bộ, nhân viên.",
        "Thủ trưởng đơn vị",
        False,
    ),
    ("Tăng cường công tác kiểm tra, giám sát đảng viên trong chi bộ.", "Bí thư chi bộ", False),
    ("Đổi mới phong cách, lề lối làm việc theo hướng gần dân, sát dân.", "Chủ tịch UBND xã", False),
    ("Sống trung thực, thẳng thắn, chân thành với đồng chí, đồng nghiệp.", "Chuyên viên", False),
    (
        "Học tập và làm theo Bác bằng những việc làm cụ thể, thiết thực hằng ngày.",
        "Đảng viên",
        False,
    ),
    ("Thường xuyên đọc sách, báo để nâng cao hiểu biết.", "Đảng viên", False),
    ("Chăm sóc bệnh nhân chu đáo, tận tình như người thân.", "Điều dưỡng", False),
    ("Giải quyết kịp thời các kiến nghị chính đáng của người dân.", "Công chức", False),
    ("Phòng, chống tham nhũng, tiêu cực, lãng phí trong cơ quan, đơn vị.", "Kế toán", False),
    ("Tham gia tích cực công tác xã hội, từ thiện tại địa phương.", "Đảng viên", False),
    ("Giữ gìn vệ sinh chung, xây dựng cơ quan xanh, sạch, đẹp.", "Nhân viên tạp vụ", False),
    ("Nâng cao ý thức tự học 📚 mỗi ngày", "Đảng viên", False),
    (
        "Trong năm 2025, tiếp tục phát huy tinh thần trách nhiệm, hoàn thành tốt nhiệm vụ được giao.",
        "Chuyên viên",
        False,
    ),
]


def test_held_out_items_are_classified_with_at_least_90_percent_accuracy():
    wrong = [text for text, duties, label in HELD_OUT if assess(text, duties).specific != label]
    assert 1 - len(wrong) / len(HELD_OUT) >= 0.90, wrong


def test_the_held_out_table_is_balanced_and_varied():
    labels = [label for _, _, label in HELD_OUT]
    assert len(HELD_OUT) >= 60
    assert 0.35 <= sum(labels) / len(labels) <= 0.65
    assert sum(1 for text, _, _ in HELD_OUT if text.isascii()) >= 4  # typed without diacritics


@pytest.mark.parametrize(
    ("duties", "example_word"),
    [
        ("Điều dưỡng trưởng Khoa Ngoại", "người bệnh"),
        ("Giáo viên chủ nhiệm lớp 9A", "học sinh"),
        ("Cán bộ tiếp nhận hồ sơ bộ phận một cửa", "một cửa"),
        ("Phóng viên Báo tỉnh", "bài"),
        ("Xã viên hợp tác xã nông nghiệp", "hợp tác xã"),
        ("Công nhân phân xưởng cơ khí", "dây chuyền"),
        ("Cán bộ hưu trí, sinh hoạt tại tổ dân phố 5", "tổ dân phố"),
        ("Cán sự trinh sát Công an huyện", "tạm trú"),
        ("Chính trị viên đại đội 2", "trung đội"),
        ("Công chức địa chính UBND xã", "đơn thư"),
    ],
)
def test_the_hint_gives_an_example_from_the_writers_own_field(duties, example_word):
    hint = assess("Nâng cao tinh thần trách nhiệm trong công việc.", duties).hint
    assert "ví dụ" in hint and example_word in hint


def test_a_nurse_is_not_given_a_school_example_and_an_unknown_field_a_neutral_one():
    nurse = assess("Thực hiện tốt y đức.", "Điều dưỡng Khoa Nội").hint
    assert "học sinh" not in nurse and "người bệnh" in nurse
    other = assess("Thực hiện tốt nhiệm vụ.", "Chuyên viên").hint
    assert "công việc được giao" in other


def test_the_hint_still_names_what_is_missing():
    assert "chỉ tiêu" in assess("Giải quyết các kiến nghị của người dân.", "Giáo viên").hint
    assert "chung chung" in assess("Nâng cao ý thức trách nhiệm.", "Giáo viên").hint
