"""The number and symbol of a Party document (số, ký hiệu): "101B-KH/ĐU", "12-CV/ĐUK".

Hướng dẫn 36-HD/VPTW: the number (restarting each year, possibly with a letter suffix),
a hyphen, the type code, a slash, then the issuing body's abbreviation (which may itself
hold hyphens, e.g. "05-HD/BTG-ĐUK").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lamtheo.core.vietnamese import nfc

_SYMBOL = re.compile(
    r"(?P<number>(?P<digits>[0-9]{1,5})[A-Z]?)-(?P<code>[A-ZĐ]{2})"
    r"/(?P<authority>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)"
)
EXAMPLE = "101-KH/ĐU hoặc 12-CV/ĐUK"


@dataclass(frozen=True)
class Symbol:
    number: str
    number_value: int
    code: str
    authority: str

    @property
    def text(self) -> str:
        return f"{self.number}-{self.code}/{self.authority}"


class SymbolError(ValueError):
    pass


def parse_symbol(text: str, *, expected_code: str | None = None) -> Symbol:
    """The parsed symbol, or SymbolError with a Vietnamese message."""
    cleaned = nfc(text or "").replace(" ", "").upper()
    if not cleaned:
        raise SymbolError("Nhập số và ký hiệu văn bản.")
    m = _SYMBOL.fullmatch(cleaned)
    if m is None:
        raise SymbolError(
            f"Số, ký hiệu “{cleaned}” không đúng thể thức: cần có số, gạch ngang, "
            f"chữ viết tắt loại văn bản, gạch chéo và chữ viết tắt cơ quan ban hành, "
            f"ví dụ {EXAMPLE}."
        )
    value = int(m["digits"])
    if value == 0:
        raise SymbolError("Số văn bản phải lớn hơn 0.")
    if expected_code and m["code"] != expected_code:
        raise SymbolError(
            f"Ký hiệu “{m['code']}” không khớp với loại văn bản đã chọn "
            f"(loại này có ký hiệu “{expected_code}”)."
        )
    return Symbol(m["number"], value, m["code"], m["authority"])
