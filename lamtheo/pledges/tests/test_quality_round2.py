"""Issue 12: the checker across ten fields of work, the duty link, hints in the writer's field,
the learned model and how each content area is treated."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest
from django.urls import reverse

from lamtheo.pledges import train
from lamtheo.pledges.linear import MODEL_FILE, load_model
from lamtheo.pledges.quality import assess, duty_required_for
from lamtheo.pledges.sectors import NEUTRAL_EXAMPLE, SECTORS, sector_key, sector_of
from lamtheo.tests.helpers import DEFAULT_AREAS

# --- edge cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t", ".,;!?"])
def test_an_empty_item_is_vague_and_misses_an_act(text):
    result = assess(text, "Giáo viên")
    assert not result.specific
    assert "action" in result.missing
    assert "duty" not in result.missing  # nothing to tie


def test_a_2000_character_item_is_assessed_fast_and_stays_vague_when_it_is_noise():
    text = ("Nâng cao ý thức trách nhiệm, tích cực tham gia phong trào. " * 40)[:2000]
    started = time.perf_counter()
    result = assess(text, "Giáo viên chủ nhiệm lớp 6A")
    assert time.perf_counter() - started < 0.1
    assert not result.specific


def test_text_without_diacritics_gets_the_verdict_of_the_accented_text():
    accented = assess("Viết 03 bài về gương người tốt việc tốt của xã trong quý II", "Phóng viên")
    plain = assess("Viet 03 bai ve guong nguoi tot viec tot cua xa trong quy II", "Phong vien")
    assert accented.specific and plain.specific
    assert accented.missing == plain.missing == []


def test_mixed_and_upper_case_do_not_change_the_verdict():
    assert assess("VIẾT 03 BÀI VỀ GƯƠNG NGƯỜI TỐT VIỆC TỐT CỦA XÃ TRONG QUÝ II").specific
    assert not assess("NÂNG CAO Ý THỨC TRÁCH NHIỆM, TÍCH CỰC THAM GIA CÁC PHONG TRÀO").specific


@pytest.mark.parametrize(
    ("text", "duties"),
    [
        ("Phụ đạo cho HS yếu lớp 8A vào chiều thứ Tư hằng tuần.", "GV Trường THCS"),
        ("Hướng dẫn BN tập vận động sau mổ trước khi ra viện.", "Điều dưỡng khoa Ngoại"),
    ],
)
def test_abbreviations_of_pupils_and_patients_are_read(text, duties):
    result = assess(text, duties)
    assert result.specific
    assert "duty" not in result.missing


def test_abbreviated_slogans_stay_vague():
    assert not assess("CB, ĐV gương mẫu, tích cực.", "Chuyên viên").specific


def test_two_commitments_one_checkable_make_a_specific_item():
    # The checkable part can be checked; the slogan beside it does not undo it.
    result = assess("Không uống rượu bia trong giờ làm việc; nâng cao ý thức trách nhiệm.")
    assert result.specific


def test_two_slogans_in_one_item_stay_vague():
    assert not assess("Tu dưỡng đạo đức; nâng cao ý thức tổ chức kỷ luật.").specific


def test_english_words_in_an_item():
    assert assess("Đăng 02 video clip lên TikTok của đoàn trường mỗi tháng.").specific
    assert not assess(
        "Làm việc với tinh thần teamwork, professional, luôn update kiến thức."
    ).specific


# --- the hard cases the issue names --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện tốt các điều y đức của ngành.",
        "100% cán bộ của cơ quan chấp hành nghiêm nội quy.",
        "Thực hiện tốt lời Bác dạy “cần, kiệm, liêm, chính” như lời Bác dạy.",
    ],
)
def test_a_number_a_percentage_or_a_quotation_is_not_a_checkable_act(text):
    result = assess(text)
    assert not result.specific
    assert "action" in result.missing


def test_a_number_that_is_not_an_act_is_hinted_as_a_missing_act():
    hint = assess("100% cán bộ của cơ quan chấp hành nghiêm nội quy.").hint
    assert "việc làm cụ thể" in hint


@pytest.mark.parametrize(
    "text",
    [
        "Không dùng xe cơ quan đưa đón gia đình.",
        "Phát tờ hướng dẫn chăm sóc vết mổ cho người bệnh trước khi ra viện.",
        "Chuyển ruộng của gia đình sang canh tác hữu cơ theo quy trình của hợp tác xã trong vụ mùa.",
    ],
)
def test_a_checkable_act_on_a_named_object_of_work_is_specific_without_a_number(text):
    assert assess(text).specific


# --- the duty link -----------------------------------------------------------------------


def test_giving_blood_is_a_fine_item_but_not_a_tax_officers_work():
    result = assess("Đi hiến máu hai lần trong năm.", "Công chức Chi cục Thuế")
    assert result.specific
    assert "duty" in result.missing
    assert "Việc này chưa gắn với nhiệm vụ “Công chức Chi cục Thuế” của đồng chí" in result.hint


def test_tidying_the_files_on_ones_desk_is_an_office_clerks_work():
    result = assess("Sắp xếp hồ sơ trên bàn làm việc cuối mỗi ngày.", "Văn thư cơ quan")
    assert "duty" not in result.missing


@pytest.mark.parametrize(
    ("text", "duties"),
    [
        ("Đưa ông nội đi tái khám ở bệnh viện huyện mỗi tháng.", "Giáo viên Ngữ văn"),
        ("Đi hiến máu hai lần trong năm.", "Cán bộ thuế"),
    ],
)
def test_items_about_ones_own_life_are_not_tied_to_the_work(text, duties):
    assert "duty" in assess(text, duties).missing


@pytest.mark.parametrize(
    ("text", "duties"),
    [
        ("Ghi sổ theo dõi từng ca đẻ của khoa trong ngày.", "Hộ sinh khoa Sản"),
        ("Chấm bài kiểm tra 15 phút của lớp 10A2 trong vòng 3 ngày.", "Giáo viên Hóa"),
        ("Phụ đạo cho HS yếu lớp 8A vào chiều thứ Tư hằng tuần.", "GV Trường THCS"),
    ],
)
def test_items_about_ones_pupils_patients_and_records_are_tied(text, duties):
    assert "duty" not in assess(text, duties).missing


def test_a_vague_item_not_tied_names_both_what_is_missing_and_the_duty():
    result = assess("Tích cực tham gia các hoạt động từ thiện.", "Điều dưỡng khoa Nội")
    assert not result.specific
    if "duty" in result.missing:  # the sentence goes with the flag, never without it
        assert "chưa gắn với nhiệm vụ" in result.hint
    else:
        assert "chưa gắn với nhiệm vụ" not in result.hint


def test_the_duty_sentence_falls_back_to_plain_words_for_long_duties():
    duties = "Công chức " + "rất " * 40 + "thuế"
    result = assess("Đi hiến máu hai lần trong năm.", duties)
    if "duty" in result.missing:
        assert "chưa gắn với nhiệm vụ chuyên môn của đồng chí" in result.hint


def test_no_duty_flag_where_the_area_does_not_require_it():
    result = assess("Đi hiến máu hai lần trong năm.", "Cán bộ thuế", duty_required=False)
    assert "duty" not in result.missing
    assert "chưa gắn" not in result.hint


@pytest.mark.parametrize(
    ("title", "required"),
    [
        (DEFAULT_AREAS[0], True),  # nhiệm vụ chính trị
        (DEFAULT_AREAS[1], False),  # Nghị quyết Trung ương 4 gắn với Chỉ thị 05
        (DEFAULT_AREAS[2], False),  # trách nhiệm nêu gương
        ("Rèn luyện đạo đức, lối sống", False),
        ("Việc thực hiện nhiệm vụ chuyên môn", True),
        ("", True),
    ],
)
def test_each_content_area_is_treated_as_the_readme_says(title, required):
    assert duty_required_for(title) is required


# --- hints in the writer's field ---------------------------------------------------------

# Duties written for this test (not in the training data), one per field.
UNSEEN_DUTIES = {
    "one_stop": "Cán bộ tiếp nhận hồ sơ ở một cửa huyện",
    "health": "Y tá khoa Sản",
    "education": "Cô giáo trường mầm non Hoa Sen",
    "police": "Chiến sĩ cảnh sát cơ động",
    "army": "Trung úy, trợ lý hậu cần trung đoàn",
    "press": "Biên tập viên đài phát thanh huyện",
    "farming": "Xã viên HTX chăn nuôi bò",
    "factory": "Công nhân dệt, xí nghiệp may",
    "commune": "Công chức địa chính phường",
    "residential": "Đảng viên về hưu ở tổ dân phố",
}


@pytest.mark.parametrize("sector", SECTORS, ids=lambda s: s.key)
def test_each_field_is_recognised_from_unseen_duties_and_gets_its_own_example(sector):
    duties = UNSEEN_DUTIES[sector.key]
    assert sector_key(duties) == sector.key
    result = assess("Nâng cao tinh thần trách nhiệm trong công việc.", duties)
    assert sector.example in result.hint
    others = [s.example for s in SECTORS if s is not sector]
    assert not any(example in result.hint for example in others)


def test_other_work_gets_the_neutral_example():
    assert sector_of("Kế toán doanh nghiệp tư nhân") is None
    assert NEUTRAL_EXAMPLE in assess("Thực hiện tốt nhiệm vụ.", "Kế toán doanh nghiệp").hint


def test_ten_fields_are_covered():
    assert len(SECTORS) >= 10
    assert set(UNSEEN_DUTIES) == {s.key for s in SECTORS}


# --- the learned model -------------------------------------------------------------------


# Measured once on the blind set of round 3 before it was opened (README): specific 0.986,
# duty link 0.975, field 0.976. The floors sit a little below, so that a retrained model that
# loses ground on it fails here.
HELD_OUT_FLOOR = {"specific": 0.97, "tied": 0.95, "field": 0.95}


def test_the_labelled_data_covers_the_ten_fields_with_both_labels():
    rows = train.load_all()
    for sector in SECTORS:
        own = [r for r in rows if r.sector == sector.key]
        assert len(own) >= 150, sector.key
        assert {r.specific for r in own} == {True, False}
        assert {r.tied for r in own} == {True, False, None}


def test_the_writers_spellings_of_a_field_are_read_as_ours():
    rows = train.load(train.DATA / "pledges-writer-a.jsonl")
    assert {r.sector for r in rows} == {s.key for s in SECTORS} | {None}


def test_the_blind_held_out_set_is_never_trained_on_and_is_judged_well():
    held = train.load_held_out()
    assert len(held) >= 500
    assert train.HELD_OUT_FILE not in train.TRAINING_FILES + train.SHARED_FILES
    # A few well-known slogans ("Bám địa bàn, gần dân, hiểu dân, giúp dân") were written by
    # several writers; nothing else of the set is in the training files.
    assert len({r.text for r in held} & {r.text for r in train.load_all()}) <= 6
    right = sum(assess(r.text, r.duties).specific == r.specific for r in held)
    assert right / len(held) >= HELD_OUT_FLOOR["specific"]
    tied = [r for r in held if r.tied is not None]
    right = sum(("duty" not in assess(r.text, r.duties).missing) == r.tied for r in tied)
    assert right / len(tied) >= HELD_OUT_FLOOR["tied"]
    right = sum(sector_key(r.duties) == r.sector for r in held)
    assert right / len(held) >= HELD_OUT_FLOOR["field"]


def test_the_stored_model_is_what_the_training_script_builds():
    rows = train.load_all()
    readings = {r.text: train.read_item(r.text) for r in rows}
    model = train.fit(rows, readings)
    stored = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(model.to_json())) == stored


def test_the_model_loads_once():
    assert load_model() is load_model()


# --- the live hint -----------------------------------------------------------------------


def test_the_live_hint_says_in_plain_words_that_an_item_is_not_tied(tree, login):
    client = login(tree.member_user)  # "Chuyên viên phòng Kế hoạch"
    data = {"prefix": "items-0", "items-0-text": "Đi hiến máu hai lần trong năm."}
    body = client.post(
        reverse("pledges:quality"), data | {"items-0-area": str(tree.areas[0].pk)}
    ).content.decode()
    assert "Việc này chưa gắn với nhiệm vụ" in body
    assert "của đồng chí" in body


def test_the_live_hint_does_not_ask_a_tie_in_the_area_of_setting_an_example(tree, login):
    client = login(tree.member_user)
    data = {"prefix": "items-0", "items-0-text": "Đi hiến máu hai lần trong năm."}
    body = client.post(
        reverse("pledges:quality"), data | {"items-0-area": str(tree.areas[2].pk)}
    ).content.decode()
    assert "chưa gắn" not in body
    assert "Cụ thể" in body


def test_the_live_hint_answers_within_100_ms_of_server_time(tree, login):
    client = login(tree.member_user)
    data = {
        "prefix": "items-0",
        "items-0-text": "Nâng cao ý thức trách nhiệm. " * 60,
        "items-0-area": str(tree.areas[0].pk),
    }
    client.post(reverse("pledges:quality"), data)  # warm: the model loads once per process
    started = time.perf_counter()
    response = client.post(reverse("pledges:quality"), data)
    assert response.status_code == 200
    assert time.perf_counter() - started < 0.1


def test_the_live_hint_block_posts_the_items_area(tree, login):
    # The area decides whether the tie is asked, so it is inside the block htmx posts.
    client = login(tree.member_user)
    html = client.get(reverse("pledges:edit", args=[date.today().year])).content.decode()
    block = html.index("hx-post=")
    assert block < html.index('name="items-0-area"') < html.index('name="items-0-text"')
    assert "change from:find select" in html


@pytest.mark.parametrize("area", ["²", "9" * 5000, "-1", "1e3", "99999999999999999999"])
def test_an_odd_area_id_on_the_live_hint_is_read_as_no_area(tree, login, area):
    client = login(tree.member_user)
    r = client.post(
        reverse("pledges:quality"),
        {"prefix": "i", "i-text": "Tích cực học tập", "i-area": area},
    )
    assert r.status_code == 200 and "chung chung" in r.content.decode()
