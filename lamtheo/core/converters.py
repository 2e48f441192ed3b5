"""Path converters: what an id or a year in a URL may look like.

Django's ``<int:…>`` takes any number of digits, and an id beyond the database's integer
range then fails in the query (OverflowError on SQLite, DataError on PostgreSQL): a server
error instead of "not found". ``<id:…>`` takes only what a primary key can be
(DEFAULT_AUTO_FIELD is BigAutoField: 1 … 2**63-1), ``<year:…>`` only four digits; anything
else matches no URL and answers 404. CoreConfig.ready() registers both, before any urls.py
is read.
"""

from __future__ import annotations

__all__ = ["IdConverter", "YearConverter"]

# BigAutoField's upper bound (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is beyond the range of an id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"
