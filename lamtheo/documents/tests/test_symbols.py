from __future__ import annotations

import pytest

from lamtheo.documents.symbols import SymbolError, parse_symbol


@pytest.mark.parametrize(
    ("text", "number", "value", "code", "authority"),
    [
        ("101B-KH/ĐU", "101B", 101, "KH", "ĐU"),
        ("12-CV/ĐUK", "12", 12, "CV", "ĐUK"),
        ("05-HD/BTG-ĐUK", "05", 5, "HD", "BTG-ĐUK"),
        ("  7 - qđ / đu ", "7", 7, "QĐ", "ĐU"),
        ("3-TB/ĐU", "3", 3, "TB", "ĐU"),
    ],
)
def test_it_reads_the_party_form_of_number_and_symbol(text, number, value, code, authority):
    s = parse_symbol(text)
    assert (s.number, s.number_value, s.code, s.authority) == (number, value, code, authority)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "KH/ĐU",
        "101-KH",
        "101/KH-ĐU",
        "101BB-KH/ĐU",
        "101-K/ĐU",
        "101-KH/",
        "-KH/ĐU",
        "101-KH/ĐU/X",
        "123456-KH/ĐU",
    ],
)
def test_it_refuses_a_symbol_not_in_the_party_form(text):
    with pytest.raises(SymbolError):
        parse_symbol(text)


def test_it_refuses_number_zero():
    with pytest.raises(SymbolError, match="lớn hơn 0"):
        parse_symbol("0-KH/ĐU")


def test_it_refuses_a_type_code_that_does_not_match_the_type():
    with pytest.raises(SymbolError, match="không khớp"):
        parse_symbol("12-CV/ĐU", expected_code="KH")
    assert parse_symbol("12-CV/ĐU", expected_code="CV").code == "CV"
