"""Phone numbers compared as numbers: the digits of the national number, whatever is written
in front (0, +84, 84, 0084) or between (blanks, dots, dashes, brackets). The log-in by phone
(signin) and the profile's refusal of a number someone else holds use the same key."""

from __future__ import annotations

import re

from django.db.models import F, Value
from django.db.models.functions import Replace

# What a phone number may be written with besides digits.
PHONE_CHARS = re.compile(r"^[\d\s+().\-]+$")
MIN_PHONE_DIGITS = 8


def phone_key(text: str) -> str:
    """The national number without its 0 or +84 / 0084 in front ("" if it is not one)."""
    digits = re.sub(r"\D", "", text or "")
    if digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    digits = digits.lstrip("0")
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def phone_digits_expr():
    """Person.phone without the characters a number is written with besides digits (SQL)."""
    expr = F("phone")
    for ch in [" ", ".", "-", "(", ")", "+"]:
        expr = Replace(expr, Value(ch), Value(""))
    return expr
