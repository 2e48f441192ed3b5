"""The registration printed for signing on paper."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from docx import Document

from lamtheo.orgs.services import unit_settings_save
from lamtheo.pledges import services
from lamtheo.pledges.registration_docx import registration_docx


def _text(data: bytes) -> str:
    doc = Document(BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def _pledge(tree):
    year = timezone.localdate().year
    p = services.pledge_start(actor=tree.member_user, person=tree.member, year=year)
    services.pledge_save_items(
        actor=tree.member_user,
        pledge=p,
        version=p.version,
        items=[
            services.ItemInput(area=tree.areas[0], text="Giải quyết hồ sơ đúng hạn",
                               target="100% hồ sơ", timeframe="Hằng tháng"),
            services.ItemInput(area=tree.areas[2], text="Dự đủ các buổi sinh hoạt chi bộ",
                               target="12 buổi", timeframe="Cả năm"),
        ],
    )  # fmt: skip
    p.refresh_from_db()
    services.pledge_submit(actor=tree.member_user, pledge=p, version=p.version)
    p.refresh_from_db()
    return p


def test_the_printed_registration_has_the_form_the_items_and_the_signatures(tree):
    pledge = _pledge(tree)
    unit_settings_save(actor=tree.admin_user, unit=tree.bloc, document_place="Nha Trang")
    text = _text(registration_docx(pledge))
    submitted = timezone.localtime(pledge.submitted_at).date()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CHI BỘ PHÒNG 1" in text
    assert f"Nha Trang, ngày {submitted.day:02d} tháng" in text
    assert "BẢN ĐĂNG KÝ" in text and f"năm {pledge.year}" in text
    assert f"Họ và tên: {tree.member.full_name}" in text
    assert "1 | Giải quyết hồ sơ đúng hạn | 100% hồ sơ | Hằng tháng" in text
    assert f"I. {tree.areas[0].title}" in text and f"II. {tree.areas[2].title}" in text
    assert "XÁC NHẬN CỦA CHI BỘ" in text and "NGƯỜI ĐĂNG KÝ" in text
    assert text.count("(Ký, ghi rõ họ tên)") == 2


def test_the_person_and_her_secretary_download_it_from_the_registration_page(tree, login):
    pledge = _pledge(tree)
    url = reverse("pledges:print", args=[pledge.pk])
    mine = login(tree.member_user).get(reverse("pledges:mine", args=[pledge.year]))
    assert url in mine.content.decode()
    review = login(tree.secretary_user).get(reverse("pledges:review", args=[pledge.pk]))
    assert url in review.content.decode()
    for user in (tree.member_user, tree.secretary_user):
        response = login(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert f"ban-dang-ky-{pledge.year}-" in response["Content-Disposition"]
        assert tree.member.full_name in _text(response.content)
    for user in (tree.other_secretary_user, tree.propaganda_user, tree.outsider.user):
        assert login(user).get(url).status_code == 404
