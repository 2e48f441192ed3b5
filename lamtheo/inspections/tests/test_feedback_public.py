"""The public pages: the unit search, the form with its challenge, its check page and the
limit per client on sending, the confirmation with the reference and the secret, the look-up;
no-store on every feedback page. (The check page itself: test_feedback_check.py.)"""

from __future__ import annotations

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone

from lamtheo.demo.documents import docx_upload
from lamtheo.inspections.feedback.models import FeedbackReport
from lamtheo.inspections.tests.helpers import (
    a_report,
    accepted,
    feedback_values,
    send_from_check,
    signed_draft,
)
from lamtheo.tests.helpers import sign_in


def _send(client, unit, **overrides):
    """The form, then "Gửi phản ánh" on its check page (the form's answer when it has errors)."""
    return send_from_check(client, unit, feedback_values(**overrides))


def test_the_search_finds_units_by_name_without_diacritics_and_lists_no_people(tree, client):
    page = client.get(reverse("feedback:start"), {"q": "chi bo phong"}).text
    assert "Chi bộ Phòng 1" in page and "Chi bộ Phòng 2" in page
    assert "Đảng bộ Khối" not in page.split("Các đơn vị")[1].split("</ul>")[0].replace(
        "thuộc Đảng bộ Sở A", ""
    )
    assert tree.member.full_name not in page and tree.secretary.full_name not in page


def test_the_public_form_shows_unit_names_only_and_a_challenge(tree, client):
    page = client.get(reverse("feedback:send", args=[tree.cell.code])).text
    assert "Chi bộ Phòng 1" in page
    assert tree.member.full_name not in page
    assert 'class="challenge-image"' in page and "/phan-anh/ma-xac-nhan/" in page
    assert "<script" not in page.split("</head>")[1]


def test_the_challenge_image_is_served(tree, client):
    key = CaptchaStore.generate_key()
    response = client.get(reverse("captcha-image", args=[key]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_an_anonymous_visitor_sends_a_report_and_sees_the_code_and_secret_once(tree, client):
    response = _send(client, tree.cell)
    assert response.status_code == 302 and response.url == reverse("feedback:sent")
    report = FeedbackReport.objects.get()
    assert report.contact_name == "Trần Văn Dân" and report.sender is None
    first = client.get(reverse("feedback:sent")).text
    assert report.reference in first and "Mã bí mật" in first
    second = client.get(reverse("feedback:sent")).text
    assert report.reference in second and "không hiện lại" in second


def test_a_wrong_answer_to_the_challenge_sends_nothing(tree, client):
    key = CaptchaStore.generate_key()
    response = _send(client, tree.cell, challenge_0=key, challenge_1="12345")
    assert response.status_code == 200
    assert "Kết quả phép tính chưa đúng" in response.text
    assert not FeedbackReport.objects.exists()


def test_the_right_answer_to_the_challenge_is_accepted(tree, client):
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    assert _send(client, tree.cell, challenge_0=key, challenge_1=answer).status_code == 302
    assert FeedbackReport.objects.count() == 1


def test_no_challenge_answer_is_refused(tree, client):
    response = _send(client, tree.cell, challenge_1="")
    assert response.status_code == 200 and not FeedbackReport.objects.exists()


def test_one_address_sends_at_most_the_limit_per_hour(tree, client, limits):
    assert _send(client, tree.cell).status_code == 302
    assert _send(client, tree.cell).status_code == 302
    refused = _send(client, tree.cell)
    assert refused.status_code == 429 and "quá nhiều lần" in refused.text
    assert FeedbackReport.objects.count() == 2


def test_another_address_has_its_own_limit(tree, client, limits):
    for _ in range(2):
        _send(client, tree.cell)
    check = client.post(
        reverse("feedback:send", args=[tree.cell.code]), feedback_values(), REMOTE_ADDR="10.0.0.9"
    )
    response = client.post(
        reverse("feedback:confirm", args=[tree.cell.code]),
        {"draft": signed_draft(check), "action": "send"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302 and FeedbackReport.objects.count() == 3


def test_the_limit_counts_reports_sent_not_forms_checked(tree, client, limits):
    for _ in range(4):
        check = client.post(reverse("feedback:send", args=[tree.cell.code]), feedback_values())
        assert check.status_code == 200 and signed_draft(check)
    assert _send(client, tree.cell).status_code == 302
    assert _send(client, tree.cell).status_code == 302
    refused = _send(client, tree.cell)
    assert refused.status_code == 429 and "quá nhiều lần" in refused.text
    assert "Kiểm tra lại trước khi gửi" in refused.text  # still the check page, nothing lost


def test_a_post_of_the_same_form_twice_makes_one_report(tree, client):
    token = "0b0e8c3e-4c1e-4f65-9a57-1d3f7c2a9b10"
    _send(client, tree.cell, form_token=token)
    _send(client, tree.cell, form_token=token)
    assert FeedbackReport.objects.count() == 1


def test_an_anonymous_report_keeps_no_contact(tree, client):
    _send(client, tree.cell, anonymous="on")
    report = FeedbackReport.objects.get()
    assert report.anonymous and report.contact_name == "" and report.contact_phone == ""


def test_a_public_report_without_contact_nor_anonymity_is_refused(tree, client):
    response = _send(client, tree.cell, contact_name="", contact_phone="")
    assert response.status_code == 200 and not FeedbackReport.objects.exists()
    assert "ẩn danh" in response.text


def test_an_attachment_over_the_budget_is_refused(tree, client, settings):
    settings.LAMTHEO = {**settings.LAMTHEO, "FEEDBACK_MAX_UPLOAD_MB": 0}
    upload = docx_upload("pa.docx", "PHẢN ÁNH", "…")
    response = client.post(
        reverse("feedback:send", args=[tree.cell.code]), feedback_values(attachment=upload)
    )
    assert response.status_code == 200 and "tối đa 0 MB" in response.text
    assert not FeedbackReport.objects.exists()


# --- signed-in senders ----------------------------------------------------------------------


def test_a_signed_in_sender_needs_no_challenge_and_may_name_a_member_of_their_cell(tree, client):
    sign_in(client, tree.secretary_user)
    response = send_from_check(
        client, tree.cell,
        {"what": "Đảng viên không tham gia sinh hoạt ba tháng liền.",
         "happened_on": timezone.localdate().strftime("%d/%m/%Y"), "person_code": "dv001"},
    )  # fmt: skip
    assert response.status_code == 302
    report = FeedbackReport.objects.get()
    assert report.person == tree.member and report.sender == tree.secretary_user


def test_a_signed_in_sender_cannot_pick_a_member_beyond_what_they_see(tree, client):
    sign_in(client, tree.outsider.user)  # a member of Chi bộ 2
    response = send_from_check(
        client, tree.cell,
        {"what": "…việc", "happened_on": timezone.localdate().strftime("%d/%m/%Y"),
         "person_code": "DV001"},
    )  # fmt: skip
    assert response.status_code == 200 and not FeedbackReport.objects.exists()
    assert "Không tìm thấy đảng viên có mã này" in response.text


def test_a_signed_in_sender_follows_their_reports(tree, client):
    report, _ = a_report(tree.cell, sender=tree.outsider.user)
    accepted(tree.committee_user, report, note="Sẽ xác minh.")
    sign_in(client, tree.outsider.user)
    page = client.get(reverse("feedback:mine")).text
    assert report.reference in page and "đã tiếp nhận" in page


# --- look-up --------------------------------------------------------------------------------


def test_the_lookup_shows_the_outcome_with_the_right_code_and_secret(tree, client):
    report, secret = a_report(tree.cell)
    accepted(tree.committee_user, report, note="Sẽ xác minh trong tháng.")
    page = client.post(
        reverse("feedback:lookup"), {"reference": report.reference.lower(), "secret": secret}
    ).text
    assert "Đã tiếp nhận" in page and "Sẽ xác minh trong tháng." in page
    assert "Hoàng Văn Em" not in page  # who handled it is not named


def test_a_wrong_secret_and_an_unknown_code_get_the_same_answer(tree, client):
    report, secret = a_report(tree.cell)
    wrong_secret = client.post(
        reverse("feedback:lookup"), {"reference": report.reference, "secret": "AAAAAAAAAA"}
    )
    unknown = client.post(reverse("feedback:lookup"), {"reference": "ZZZZZZZZ", "secret": secret})
    assert wrong_secret.status_code == unknown.status_code == 200
    message = "Mã tra cứu hoặc mã bí mật không đúng"
    assert message in wrong_secret.text and message in unknown.text
    assert report.unit.name not in wrong_secret.text


def test_lookups_are_limited_per_client(tree, client, limits):
    report, secret = a_report(tree.cell)
    for _ in range(3):
        client.post(reverse("feedback:lookup"), {"reference": "ZZZZZZZZ", "secret": "X"})
    refused = client.post(
        reverse("feedback:lookup"), {"reference": report.reference, "secret": secret}
    )
    assert refused.status_code == 429 and "Mã tra cứu hoặc" not in refused.text
    assert "Tình trạng" not in refused.text


# --- no-store on every feedback page --------------------------------------------------------


@pytest.mark.parametrize("name", ["feedback:start", "feedback:sent", "feedback:lookup"])
def test_public_pages_are_not_stored_even_for_visitors(tree, client, name):
    assert "no-store" in client.get(reverse(name))["Cache-Control"]


def test_the_form_and_the_answers_are_not_stored(tree, client):
    assert (
        "no-store" in client.get(reverse("feedback:send", args=[tree.cell.code]))["Cache-Control"]
    )
    assert "no-store" in _send(client, tree.cell)["Cache-Control"]
    response = client.post(reverse("feedback:lookup"), {"reference": "X", "secret": "Y"})
    assert "no-store" in response["Cache-Control"]


def test_the_commissions_pages_are_not_stored(tree, client):
    report, _ = a_report(tree.cell)
    sign_in(client, tree.committee_user)
    for url in (
        reverse("inspections:feedback_queue"),
        reverse("inspections:feedback_report", args=[report.pk]),
        reverse("inspections:feedback_accept", args=[report.pk]),
    ):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_an_anonymous_report_from_a_signed_in_sender_leaves_no_trace_of_the_account(tree, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lamtheo.inspections.feedback.models import PublicAttempt
    from lamtheo.inspections.feedback.services import client_key

    sign_in(client, tree.secretary_user)
    session_before = dict(client.session.items())
    upload = docx_upload("pa.docx", "PHẢN ÁNH", "…")
    check = client.post(
        reverse("feedback:send", args=[tree.cell.code]),
        {"what": "Cán bộ một cửa nhận quà của người dân.", "anonymous": "on",
         "happened_on": timezone.localdate().strftime("%d/%m/%Y"),
         "attachment": SimpleUploadedFile(upload.name, upload.read())},
    )  # fmt: skip
    # The draft travels in the check page, not in the session.
    assert "Kiểm tra lại trước khi gửi" in check.text
    assert dict(client.session.items()) == session_before
    response = client.post(
        reverse("feedback:confirm", args=[tree.cell.code]),
        {"draft": signed_draft(check), "action": "send"},
    )
    report = FeedbackReport.objects.get()
    # The confirmation is the answer itself: nothing kept in the signed-in session.
    assert response.status_code == 200 and report.reference in response.content.decode()
    assert dict(client.session.items()) == session_before
    assert report.sender is None and report.attachment.uploaded_by is None
    account_key = client_key(user=tree.secretary_user, address="127.0.0.1")
    assert not PublicAttempt.objects.filter(client=account_key).exists()
