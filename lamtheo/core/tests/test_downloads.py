from __future__ import annotations

from urllib.parse import unquote

from lamtheo.core.downloads import attachment_response, content_disposition


def test_an_ascii_name_is_sent_as_it_is():
    assert content_disposition("van-ban-12.xlsx") == 'attachment; filename="van-ban-12.xlsx"'


def test_a_vietnamese_name_is_sent_in_utf8_with_an_ascii_fallback():
    header = content_disposition("Biên bản sinh hoạt Đảng.docx")
    plain, encoded = header.split("; filename*=UTF-8''")
    assert plain == 'attachment; filename="Bien ban sinh hoat Dang.docx"'
    assert unquote(encoded) == "Biên bản sinh hoạt Đảng.docx"
    assert header.isascii()


def test_a_decomposed_name_is_sent_composed():
    header = content_disposition("Bie\u0302n ba\u0309n.pdf")
    assert header.endswith("''Bi%C3%AAn%20b%E1%BA%A3n.pdf")


def test_quotes_and_line_breaks_cannot_break_the_header():
    header = content_disposition('a"b\\c\r\nd.pdf')
    assert header.startswith("attachment; filename=\"a_b_c__d.pdf\"; filename*=UTF-8''")
    assert "\n" not in header and "\r" not in header


def test_inline_asks_the_browser_to_show_the_file():
    assert content_disposition("anh.png", inline=True) == 'inline; filename="anh.png"'


def test_the_response_carries_the_content_and_its_type():
    response = attachment_response(b"%PDF-1.4", "Kế hoạch.pdf", "application/pdf")
    assert response.content == b"%PDF-1.4"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Ke hoach.pdf"')
