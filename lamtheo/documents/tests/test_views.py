from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lamtheo.core.models import Notice
from lamtheo.demo.documents import docx_bytes
from lamtheo.documents.models import DocStatus, Document, ReceiptState
from lamtheo.documents.tests.helpers import draft, issued
from lamtheo.tests.helpers import sign_in


def _form(**overrides) -> dict:
    today = timezone.localdate()
    return {
        "doc_type": "KH",
        "symbol": "101b-kh/đu",
        "issued_on": f"{today:%d/%m/%Y}",
        "summary": "Kế hoạch học tập chuyên đề",
        "signer": "Bí thư Nguyễn Văn Hùng",
        "deadline": "",
        "recipient_mode": "children",
        "file": SimpleUploadedFile("kh.docx", docx_bytes("KẾ HOẠCH", "Nội dung")),
        **overrides,
    }


def test_a_committee_member_enters_checks_and_sends_a_document(tree, login):
    client = login(tree.committee_user)
    response = client.post(reverse("documents:new", args=[tree.org.code]), _form())
    d = Document.objects.get()
    assert response.url == reverse("documents:check", args=[d.pk])
    assert (d.symbol, d.status) == ("101B-KH/ĐU", DocStatus.DRAFT)
    assert {r.unit_id for r in d.receipts.all()} == {tree.cell.pk, tree.cell2.pk}
    page = client.get(response.url)
    assert "Kiểm tra trước khi gửi" in page.text and "Chi bộ Phòng 2" in page.text
    # Nothing reaches the cell before sending.
    assert not Notice.objects.exists()
    sent = client.post(response.url, {"version": d.version})
    assert sent.url == reverse("documents:sent", args=[d.pk])
    assert "Việc tiếp theo" in client.get(sent.url).text
    d.refresh_from_db()
    assert d.status == DocStatus.SENT
    assert Notice.objects.filter(user=tree.secretary_user).exists()


def test_the_form_shows_an_error_summary_linking_to_each_field(tree, login):
    client = login(tree.committee_user)
    response = client.post(
        reverse("documents:new", args=[tree.org.code]),
        _form(symbol="12-CV/ĐU", issued_on="31/02/2026", recipient_mode="picked"),
    )
    assert response.status_code == 200
    text = response.text
    assert "error-summary" in text and 'href="#id_symbol"' in text
    assert (
        "không khớp" in text
        and "Vui lòng nhập ngày theo dạng ngày/tháng/năm" in text
        and 'href="#id_picked"' in text
    )
    assert not Document.objects.exists()


def test_a_renamed_file_that_is_not_a_document_is_refused(tree, login):
    client = login(tree.committee_user)
    response = client.post(
        reverse("documents:new", args=[tree.org.code]),
        _form(file=SimpleUploadedFile("kh.docx", b"MZ\x90\x00 not a docx")),
    )
    assert 'href="#id_file"' in response.text
    assert not Document.objects.exists()


def test_picked_recipients_must_be_in_the_issuers_subtree(tree, login):
    client = login(tree.committee_user)
    response = client.post(
        reverse("documents:new", args=[tree.org.code]),
        _form(recipient_mode="picked", picked=[str(tree.cell_b.pk)]),
    )
    assert response.status_code == 200 and not Document.objects.exists()
    client.post(
        reverse("documents:new", args=[tree.org.code]),
        _form(recipient_mode="picked", picked=[str(tree.cell2.pk)]),
    )
    assert [r.unit_id for r in Document.objects.get().receipts.all()] == [tree.cell2.pk]


def test_the_file_is_served_only_within_scope(tree, client):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    url = reverse("documents:file", args=[d.pk])
    for user, status in [
        (tree.secretary_user, 200),
        (tree.committee_user, 200),
        (tree.propaganda_user, 200),
        (tree.outsider.user, 404),
        (tree.member_user, 404),
        (tree.other_secretary_user, 404),
        (tree.admin_user, 404),
    ]:
        sign_in(client, user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert b"".join(response.streaming_content).startswith(b"PK")


def test_a_draft_and_its_file_are_hidden_from_recipients(tree, client):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    sign_in(client, tree.secretary_user)
    assert client.get(reverse("documents:detail", args=[d.pk])).status_code == 404
    assert client.get(reverse("documents:file", args=[d.pk])).status_code == 404
    assert client.get(reverse("documents:inbox")).text.count(d.symbol) == 0


def test_the_home_page_shows_the_unread_count_and_the_inbox_acknowledges(tree, login):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    client = login(tree.secretary_user)
    assert "1 chưa nhận" in client.get(reverse("home:home")).text
    r = d.receipts.get()
    page = client.get(reverse("documents:receipt", args=[r.pk]))
    assert "Xác nhận đã nhận văn bản" in page.text
    client.post(
        reverse("documents:receipt", args=[r.pk]), {"action": "acknowledge", "version": r.version}
    )
    r.refresh_from_db()
    assert r.state == ReceiptState.RECEIVED
    assert "chưa nhận" not in client.get(reverse("home:home")).text
    client.post(
        reverse("documents:receipt", args=[r.pk]),
        {
            "action": "report",
            "version": r.version,
            "implementation": "Đã quán triệt",
            "implemented_on": f"{timezone.localdate():%d/%m/%Y}",
        },
    )
    r.refresh_from_db()
    assert r.state == ReceiptState.REPORTED


def test_the_committee_above_sees_but_cannot_acknowledge_for_a_cell(tree, login):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    r = d.receipts.get()
    client = login(tree.committee_user)
    page = client.get(reverse("documents:receipt", args=[r.pk]))
    assert page.status_code == 200 and "Xác nhận đã nhận văn bản" not in page.text
    response = client.post(
        reverse("documents:receipt", args=[r.pk]), {"action": "acknowledge", "version": r.version}
    )
    assert response.status_code == 404
    r.refresh_from_db()
    assert r.received_at is None


def test_the_register_searches_without_diacritics(tree, login):
    issued(tree.committee_user, tree.org, [tree.cell], "1-KH/ĐU", summary="Kế hoạch sơ kết")
    issued(tree.committee_user, tree.org, [tree.cell], "2-KH/ĐU", summary="Kế hoạch học tập")
    client = login(tree.committee_user)
    url = reverse("documents:register", args=[tree.org.code])
    text = client.get(url, {"q": "so ket"}).text
    assert "1-KH/ĐU" in text and "2-KH/ĐU" not in text
    text = client.get(url, {"q": "2-kh/du"}).text
    assert "2-KH/ĐU" in text and "1-KH/ĐU" not in text
    assert "1-KH/ĐU" not in client.get(url, {"loai": "CV"}).text


def test_the_register_does_not_grow_in_queries(tree, login, django_assert_max_num_queries):
    for i in range(12):
        issued(tree.committee_user, tree.org, [tree.cell, tree.cell2], f"{i + 1}-KH/ĐU")
    client = login(tree.committee_user)
    with django_assert_max_num_queries(12):
        client.get(reverse("documents:register", args=[tree.org.code]))


def test_the_detail_marks_overdue_and_the_export_lists_every_unit(tree, login):
    d = issued(
        tree.committee_user,
        tree.org,
        [tree.cell, tree.cell2],
        days_ago=20,
        deadline=timezone.localdate() - timezone.timedelta(days=1),
    )
    client = login(tree.committee_user)
    text = client.get(reverse("documents:detail", args=[d.pk])).text
    assert "Quá hạn" in text and "2 chưa báo cáo" in text
    response = client.get(reverse("documents:receipts_export", args=[d.pk]))
    ws = load_workbook(BytesIO(response.content)).active
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True)]
    assert [r[1] for r in rows] == ["Chi bộ Phòng 1", "Chi bộ Phòng 2"]
    assert all(r[2] == "Chưa nhận" and r[8] == "Quá hạn" for r in rows)


def test_withdrawing_through_the_page(tree, login):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    client = login(tree.committee_user)
    url = reverse("documents:withdraw", args=[d.pk])
    assert "Ghi rõ lý do" in client.post(url, {"reason": "", "version": d.version}).text
    client.post(url, {"reason": "Ban hành nhầm", "version": d.version})
    d.refresh_from_db()
    assert d.status == DocStatus.WITHDRAWN
    sign_in(client, tree.secretary_user)
    assert "Đã thu hồi" in client.get(reverse("documents:inbox")).text


def test_the_counts_page_and_export(tree, login):
    issued(tree.committee_user, tree.org, [tree.cell], "1-KH/ĐU")
    client = login(tree.propaganda_user)
    year = timezone.localdate().year
    text = client.get(reverse("documents:counts", args=[tree.bloc.code]), {"nam": year}).text
    assert "ban hành 1 kế hoạch" in text
    response = client.get(
        reverse("documents:counts_export", args=[tree.bloc.code]), {"nam": year, "ky": "nam"}
    )
    ws = load_workbook(BytesIO(response.content)).active
    assert ws.cell(5, 1).value == f"Năm {year}" and ws.cell(5, 2).value == 1
    units = load_workbook(BytesIO(response.content))["Theo đơn vị"]
    assert [(r[0], r[-1]) for r in units.iter_rows(min_row=5, values_only=True)] == [
        ("Đảng bộ Khối các cơ quan tỉnh (văn bản của chính đơn vị)", 0),
        ("Chi bộ cơ sở B", 0),
        ("Đảng bộ Sở A", 1),
    ]


@pytest.mark.parametrize("user_attr", ["member_user", "outsider", "admin_user"])
def test_people_without_a_role_have_no_inbox_or_register(tree, client, user_attr):
    user = getattr(tree, user_attr)
    sign_in(client, getattr(user, "user", user))
    assert client.get(reverse("documents:inbox")).status_code == 404
    assert client.get(reverse("documents:start")).status_code == 404
    assert client.get(reverse("documents:register", args=[tree.org.code])).status_code == 404


def test_the_detail_lists_only_the_units_that_have_not_acknowledged(tree, login):
    d = issued(tree.committee_user, tree.org, [tree.cell, tree.cell2])
    r = d.receipts.get(unit=tree.cell)
    from lamtheo.documents import services

    services.receipt_acknowledge(actor=tree.secretary_user, receipt=r, version=r.version)
    client = login(tree.committee_user)
    text = client.get(reverse("documents:detail", args=[d.pk]), {"loc": "chua-nhan"}).text
    table = text[text.index("<tbody>") :]
    assert "Chi bộ Phòng 2" in table and "Chi bộ Phòng 1" not in table


def test_a_second_acknowledgement_from_an_old_page_says_why(tree, login):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    r = d.receipts.get()
    client = login(tree.secretary_user)
    url = reverse("documents:receipt", args=[r.pk])
    client.post(url, {"action": "acknowledge", "version": r.version})
    response = client.post(url, {"action": "acknowledge", "version": r.version}, follow=True)
    assert response.status_code == 200 and "đã xác nhận nhận văn bản này rồi" in response.text


def test_a_report_with_a_bad_date_shows_the_error_summary(tree, login):
    d = issued(tree.committee_user, tree.org, [tree.cell])
    r = d.receipts.get()
    client = login(tree.secretary_user)
    response = client.post(
        reverse("documents:receipt", args=[r.pk]),
        {
            "action": "report",
            "version": r.version,
            "implementation": "x",
            "implemented_on": "01/01/2000",
        },
    )
    assert 'href="#id_implemented_on"' in response.text
    r.refresh_from_db()
    assert r.reported_at is None


MALFORMED_VERSIONS = [None, "", "abc", "1.5", "-1", "99999999999999999999", "0"]


@pytest.mark.parametrize("version", MALFORMED_VERSIONS)
def test_sending_refuses_a_missing_malformed_or_stale_version(tree, login, version):
    d = draft(tree.committee_user, tree.org, [tree.cell])
    data = {} if version is None else {"version": version}
    response = login(tree.committee_user).post(reverse("documents:check", args=[d.pk]), data)
    assert response.status_code == 200 and "tải lại trang" in response.text
    d.refresh_from_db()
    assert d.is_draft and d.version == 1


@pytest.mark.parametrize("version", MALFORMED_VERSIONS)
def test_acknowledging_refuses_a_missing_malformed_or_stale_version(tree, login, version):
    r = issued(tree.committee_user, tree.org, [tree.cell]).receipts.get()
    data = {"action": "acknowledge"} | ({} if version is None else {"version": version})
    client = login(tree.secretary_user)
    response = client.post(reverse("documents:receipt", args=[r.pk]), data, follow=True)
    assert response.status_code == 200 and "tải lại trang" in response.text
    r.refresh_from_db()
    assert r.received_at is None


def test_the_same_draft_form_posted_ten_times_enters_one_document(tree, login):
    import re

    client = login(tree.committee_user)
    url = reverse("documents:new", args=[tree.org.code])
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', client.get(url).text)[1]
    answers = [client.post(url, _form(form_token=token)) for _ in range(10)]
    d = Document.objects.get()
    assert all(a.url == reverse("documents:check", args=[d.pk]) for a in answers)
    assert "Đã ghi nhận từ lần gửi trước" in client.get(answers[-1].url).text
