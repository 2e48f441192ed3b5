"""Files sent to the browser: the one place that names a download (Content-Disposition).

File names are often Vietnamese ("Biên bản sinh hoạt.docx"). RFC 6266 carries them in
`filename*` as UTF-8 (RFC 8187), which every current browser reads; `filename` keeps an
ASCII spelling of the same name (diacritics dropped, đ → d) for the few clients that
read only that.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

__all__ = ["attachment_response", "content_disposition"]

# What may stand inside the quoted ASCII name: no quote, backslash or control character
# (a line break in a header would be refused, and a quote would end the name early).
_UNSAFE_IN_QUOTES = re.compile(r'[^\x20-\x7e]|["\\]')


def attachment_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """`content` as a download named `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The header value: `attachment; filename="…"`, plus `filename*=UTF-8''…` when the
    name is not plain ASCII. `inline` asks the browser to show the file in place."""
    kind = "inline" if inline else "attachment"
    filename = unicodedata.normalize("NFC", filename)
    fallback = _ascii_name(filename)
    if fallback == filename:
        return f'{kind}; filename="{filename}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _ascii_name(filename: str) -> str:
    # "Biên bản" → "Bien ban": NFD puts every mark on its own, dropping them leaves the
    # Latin letter; đ has no decomposition, so it is mapped by hand.
    decomposed = unicodedata.normalize("NFD", filename.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _UNSAFE_IN_QUOTES.sub("_", bare)
