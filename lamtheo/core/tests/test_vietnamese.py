from __future__ import annotations

import sqlite3
import string
import unicodedata
from itertools import pairwise

import pytest

from lamtheo.core.vietnamese import (
    SORT_KEY_MAX_LENGTH,
    fold,
    name_sort_key,
    nfc,
    search_text,
    vietnamese_sorted,
)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _by_key(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


def _assert_strictly_increasing(names: list[str]) -> None:
    for a, b in pairwise(names):
        assert name_sort_key(a) < name_sort_key(b), f"{a!r} should sort before {b!r}"


# --- nfc -------------------------------------------------------------------


def test_nfc_composes_decomposed_text():
    assert nfc(_nfd("Nguyễn Văn Ân")) == "Nguyễn Văn Ân"
    assert len(nfc(_nfd("ễ"))) == 1


def test_nfc_collapses_whitespace_and_strips():
    assert nfc("  Nguyễn \t Văn\n\nÂn  ") == "Nguyễn Văn Ân"


def test_nfc_treats_non_breaking_space_as_whitespace():
    assert nfc("Lê\u00a0Văn\u00a0\u00a0Tám") == "Lê Văn Tám"


def test_nfc_of_empty_text_is_empty():
    assert nfc("   ") == ""


# --- fold ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Văn Ân", "nguyen van an"),
        ("ĐẶNG", "dang"),
        ("đường Hồ Chí Minh", "duong ho chi minh"),
        ("Ưng Hoàng Phúc", "ung hoang phuc"),
        ("Ơn Ăn Ấn Ẫn Ậm Ệ Ộ Ợ Ự", "on an an an am e o o u"),
        ("  Trần   Thị\tBích  ", "tran thi bich"),
        ("", ""),
    ],
)
def test_fold_removes_case_tones_and_vowel_marks(text, expected):
    assert fold(text) == expected


def test_fold_gives_the_same_result_for_nfd_input():
    assert fold(_nfd("Đặng Thị Ngọc Ánh")) == fold("Đặng Thị Ngọc Ánh") == "dang thi ngoc anh"


def test_fold_is_idempotent():
    once = fold("Phạm Đức Anh")
    assert fold(once) == once


# --- name_sort_key: the Vietnamese ordering ---------------------------------


def test_names_sort_by_given_name_first():
    names = [
        "Trần Văn Bình",
        "Nguyễn Thị An",
        "Lê Văn An",
        "Phạm Đức Anh",
        "Đỗ Thị Ánh",
        "Hoàng Văn Ăn",
    ]
    assert _by_key(names) == [
        "Nguyễn Thị An",  # An; middle Thị < Văn
        "Lê Văn An",
        "Phạm Đức Anh",  # An < Anh (shorter first); Đức < Thị decides before tones
        "Đỗ Thị Ánh",
        "Hoàng Văn Ăn",  # ă is a letter after a
        "Trần Văn Bình",
    ]


def test_realistic_list_sorts_in_vietnamese_dictionary_order():
    expected = [
        "Trần Thị An",
        "Nguyễn Văn An",
        "Phạm Thị Ánh",
        "Lê Văn Anh",
        "Hoàng Văn Ăn",
        "Vũ Thị Ân",
        "Bùi Thị Bích",
        "Đỗ Văn Bình",
        "Ngô Văn Dũng",
        "Đặng Văn Đức",
        "Dương Thị Hà",
        "Lý Văn Hải",
        "Nguyễn Thị Hoa",
        "Trương Văn Hùng",
        "Võ Minh Khôi",
        "Nguyễn Thị Ngọc Oanh",
        "Tôn Nữ Ơn",
        "Hồ Thị Ưng",
    ]
    shuffled = expected[7:] + expected[::-2] + expected[:7]
    shuffled = list(dict.fromkeys(shuffled))
    assert sorted(shuffled) != expected  # code-point order would be wrong
    assert _by_key(shuffled) == expected
    assert vietnamese_sorted(shuffled) == expected


def test_middle_names_are_compared_in_order_before_the_family_name():
    _assert_strictly_increasing(
        [
            "Trần Anh Minh",
            "Nguyễn Bảo Minh",  # middle name Bảo > Anh outweighs family Nguyễn < Trần
            "Phạm Văn Minh",
            "Trần Văn Minh",  # same given and middle: family name decides
        ]
    )


def test_letters_follow_the_vietnamese_alphabet_with_foreign_letters_in_latin_position():
    alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
    _assert_strictly_increasing(list(alphabet))


def test_digits_sort_before_letters():
    _assert_strictly_increasing(["0", "9", "a"])


def test_d_sorts_before_d_with_stroke_as_a_base_letter():
    _assert_strictly_increasing(["Ngô Văn Dũng", "Đặng Văn Đức"])
    # Primary letter difference beats everything after it.
    _assert_strictly_increasing(["Dư", "Đa"])


def test_a_breve_and_a_circumflex_are_separate_letters():
    # "Ân" is not a tone variant of "An": â is its own letter, after ă.
    _assert_strictly_increasing(["An", "Anh", "Ăn", "Ân", "Ba"])


def test_shorter_word_sorts_before_its_extensions():
    _assert_strictly_increasing(["Lê Thị Hà", "Lê Thị Hải", "Lê Thị Hạnh"])


def test_tones_are_only_a_secondary_difference():
    _assert_strictly_increasing(["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"])
    _assert_strictly_increasing(
        ["Nguyễn Văn Ba", "Nguyễn Văn Bà", "Nguyễn Văn Bá", "Nguyễn Văn Bạ"]
    )


def test_tones_never_override_a_letter_difference_in_a_later_word():
    # Ánh carries a tone and Anh does not, but middle name Thị < Văn wins.
    _assert_strictly_increasing(["Phạm Thị Ánh", "Lê Văn Anh"])
    # With every letter equal, the tones decide.
    _assert_strictly_increasing(["Lê Văn Anh", "Lê Văn Ánh"])
    # Given-name tone is compared before the family-name tone.
    _assert_strictly_increasing(["Lò Văn An", "Lo Văn Án"])


def test_fewer_words_sort_first_when_otherwise_equal():
    _assert_strictly_increasing(["Văn An", "Lê Văn An"])


def test_tone_placement_does_not_change_the_key():
    # Old ("Hoà") and new ("Hòa") tone placement spell the same name.
    assert name_sort_key("Nguyễn Thị Hoà") == name_sort_key("Nguyễn Thị Hòa")
    assert name_sort_key("Thuý") == name_sort_key("Thúy")


def test_sort_key_is_case_insensitive():
    assert name_sort_key("NGUYỄN VĂN ĐỨC") == name_sort_key("nguyễn văn đức")
    assert name_sort_key("Nguyễn Văn Đức") == name_sort_key("nguyễn văn đức")


def test_nfd_input_gives_the_same_key_as_nfc():
    for name in ["Nguyễn Văn Ân", "Đặng Thị Ngọc Ánh", "Trương Ưng Ơn", "Hoàng Văn Ăn"]:
        assert name_sort_key(_nfd(name)) == name_sort_key(name)


def test_extra_whitespace_does_not_change_the_key():
    assert name_sort_key("  Lê   Văn\u00a0Tám ") == name_sort_key("Lê Văn Tám")


def test_punctuation_inside_names_is_ignored():
    assert name_sort_key("Nguyễn Thị Minh-Khai") == name_sort_key("Nguyễn Thị MinhKhai")
    assert name_sort_key("Lê - An") == name_sort_key("Lê An")


def test_sort_key_uses_only_lowercase_ascii_letters_and_digits():
    allowed = set(string.ascii_lowercase + string.digits)
    for name in ["Nguyễn Văn Ân", "Øystein Ødegård", "Иван Петров", "O'Brien 2", ""]:
        key = name_sort_key(name)
        assert key
        assert set(key) <= allowed


def test_sort_key_is_deterministic():
    assert name_sort_key("Phạm Đức Anh") == name_sort_key("Phạm Đức Anh")


def test_typical_keys_are_short():
    assert len(name_sort_key("Công Tôn Nữ Thị Hoàng Phương Nguyệt")) < SORT_KEY_MAX_LENGTH


def test_absurdly_long_names_are_truncated_to_the_maximum_length():
    key = name_sort_key("Nguyễn " * 500 + "An")
    assert len(key) == SORT_KEY_MAX_LENGTH


def test_unknown_characters_sort_after_z_without_crashing():
    _assert_strictly_increasing(["Zoe", "Øystein", "Иван"])


def test_empty_name_sorts_first():
    assert name_sort_key("") == name_sort_key("   ")
    assert name_sort_key("") < name_sort_key("A")


def test_vietnamese_sorted_breaks_key_ties_deterministically():
    names = ["nguyễn văn an", "Nguyễn Văn An", "NGUYỄN VĂN AN"]
    assert vietnamese_sorted(names) == vietnamese_sorted(list(reversed(names)))


def test_database_order_by_on_the_key_matches_python_order():
    names = [
        "Trần Văn Bình",
        "Nguyễn Thị An",
        "Lê Văn An",
        "Phạm Đức Anh",
        "Đỗ Thị Ánh",
        "Hoàng Văn Ăn",
        "Ngô Văn Dũng",
        "Đặng Văn Đức",
        "Nguyễn Văn Bạ",
        "Nguyễn Văn Ba",
        "Zoe Smith",
    ]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE person (name TEXT, sort_key TEXT)")
    db.executemany("INSERT INTO person VALUES (?, ?)", [(n, name_sort_key(n)) for n in names])
    rows = [r[0] for r in db.execute("SELECT name FROM person ORDER BY sort_key")]
    db.close()
    assert rows == _by_key(names)


def test_search_text_drops_control_characters_a_database_would_refuse():
    assert search_text("  Nguyễn\x00 Văn\tAn\x7f ") == "Nguyễn Văn An"
    assert search_text(None) == ""
    assert len(search_text("a" * 500)) == 100


def test_names_read_left_to_right_sort_word_by_word_in_vietnamese_order():
    from lamtheo.core.vietnamese import text_sorted

    names = ["Đảng bộ Khối", "Khoa Chẩn đoán", "Khoa Cấp cứu", "Chi bộ Ung bướu", "Khoa Dược",
             "Khoa Ăn uống", "khoa An toàn", "Khoa Ân"]  # fmt: skip
    assert text_sorted(names) == ["Chi bộ Ung bướu", "Đảng bộ Khối", "khoa An toàn",
                                  "Khoa Ăn uống", "Khoa Ân", "Khoa Cấp cứu", "Khoa Chẩn đoán",
                                  "Khoa Dược"]  # fmt: skip
    units = [{"name": n} for n in names[:3]]
    assert [u["name"] for u in text_sorted(units, lambda u: u["name"])] == [
        "Đảng bộ Khối", "Khoa Cấp cứu", "Khoa Chẩn đoán"]  # fmt: skip
