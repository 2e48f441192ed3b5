"""Reading what an issuing answer carries: the slips (.docx inside a data: link)."""

from __future__ import annotations

import base64
import re
from io import BytesIO

from docx import Document

DATA_LINK = re.compile(r'href="data:[^;"]+;base64,([A-Za-z0-9+/=]+)"')


def slips_text(response) -> str:
    """Every paragraph of the slips in the page, table cells included, one per line."""
    found = DATA_LINK.search(response.content.decode())
    assert found, "no slips link in the page"
    doc = Document(BytesIO(base64.b64decode(found.group(1))))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def code_of(text: str, username: str) -> str:
    """The one-time code on the slip of `username`."""
    block = text[text.index(f"Tên đăng nhập: {username}") :]
    return re.search(r"Mã dùng một lần: (\w+)", block).group(1)
