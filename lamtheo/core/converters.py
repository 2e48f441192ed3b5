"""Path converters: what an id or a year in a URL may look like.

Django's ``<int:…>`` takes any number of digits, and an id beyond the database's integer
range then fails in the query (OverflowError on SQLite, DataError on PostgreSQL): a server
error instead of "not found". ``<id:…>`` takes only what a primary key can be
(DEFAULT_AUTO_FIELD is BigAutoField: 1 … 2**63-1), ``<year:…>`` only four digits, and
``<code:…>`` (a unit's code) no control character (PostgreSQL refuses a NUL in a query, a
server error again); anything else matches no URL and answers 404. CoreConfig.ready() registers them, before any urls.py
is read.
"""

from __future__ import annotations

__all__ = ["CodeConverter", "IdConverter", "YearConverter"]

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


class CodeConverter:
    """A unit's code: any text without a slash or a control character."""

    regex = "[^/\\x00-\\x1f\\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
