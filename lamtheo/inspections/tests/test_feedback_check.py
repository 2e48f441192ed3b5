"""The check page of the public feedback form ("Kiểm tra lại trước khi gửi"): it shows what
will be sent and sends nothing; "Gửi phản ánh" sends exactly the signed draft, once; an altered
or expired draft sends nothing; "Sửa lại" brings the values back, the file still attached."""

from __future__ import annotations

import re
import time

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from lamtheo.core.models import StoredFile
from lamtheo.core.uploads import stored_path
from lamtheo.inspections.feedback import drafts
from lamtheo.inspections.feedback.models import FeedbackReport
from lamtheo.inspections.tests.helpers import (
    feedback_check,
    feedback_confirm,
    feedback_file,
    feedback_values,
    signed_draft,
)
from lamtheo.tests.helpers import sign_in

WHAT = "Cán bộ một cửa có thái độ hách dịch với người dân đến nộp hồ sơ."


def test_the_check_page_shows_what_will_be_sent_and_sends_nothing(tree, client):
    page = feedback_check(client, tree.cell, attachment=feedback_file("bien-ban.docx"))
    assert page.status_code == 200 and "Kiểm tra lại trước khi gửi" in page.text
    stored = StoredFile.objects.get()
    for shown in (tree.cell.name, WHAT, "Trần Văn Dân", "0912345678", "bien-ban.docx",
                  "Gửi phản ánh", "Sửa lại"):  # fmt: skip
        assert shown in page.text
    # The level that receives it (Đảng bộ Sở A has no commission: its committee), no people.
    assert "Cấp ủy" in page.text and tree.org.name in page.text
    assert "Hoàng Văn Em" not in page.text  # the committee member who receives it
    assert not FeedbackReport.objects.exists()
    assert stored.uploaded_by is None and stored_path(stored).exists()


def test_sending_from_the_check_page_makes_exactly_that_report_once(tree, client):
    draft = signed_draft(feedback_check(client, tree.cell, attachment=feedback_file()))
    first = feedback_confirm(client, tree.cell, draft)
    second = feedback_confirm(client, tree.cell, draft)  # a double click
    assert first.status_code == second.status_code == 302
    report = FeedbackReport.objects.get()
    assert report.what == WHAT and report.contact_name == "Trần Văn Dân"
    assert report.attachment == StoredFile.objects.get()


def test_an_altered_draft_sends_nothing_and_says_why(tree, client):
    draft = signed_draft(feedback_check(client, tree.cell))
    payload = signing.loads(draft, salt=drafts.SALT)
    forged = signing.dumps(payload | {"what": "Nội dung khác"}, salt="another salt")
    for value in (forged, draft[:-2] + "xx", ""):
        response = feedback_confirm(client, tree.cell, value)
        assert response.status_code == 200 and "không còn nguyên vẹn" in response.text
    assert not FeedbackReport.objects.exists()


def test_an_expired_draft_sends_nothing_and_says_why(tree, client, monkeypatch):
    past = signing.b62_encode(int(time.time()) - drafts.MAX_AGE - 60)
    with monkeypatch.context() as m:
        m.setattr(signing.TimestampSigner, "timestamp", lambda self: past)
        draft = signed_draft(feedback_check(client, tree.cell))
    response = feedback_confirm(client, tree.cell, draft)
    assert response.status_code == 200 and "quá 30 phút" in response.text
    assert not FeedbackReport.objects.exists()


def test_a_draft_of_another_unit_sends_nothing(tree, client):
    draft = signed_draft(feedback_check(client, tree.cell))
    response = feedback_confirm(client, tree.cell2, draft)
    assert "không còn nguyên vẹn" in response.text and not FeedbackReport.objects.exists()


def test_a_named_draft_cannot_be_sent_from_another_account(tree, client):
    sign_in(client, tree.secretary_user)
    draft = signed_draft(feedback_check(client, tree.cell))
    sign_in(client, tree.outsider.user)
    response = feedback_confirm(client, tree.cell, draft)
    assert "Trạng thái đăng nhập đã thay đổi" in response.text
    assert not FeedbackReport.objects.exists()


def test_going_back_keeps_the_values_and_the_file(tree, client):
    draft = signed_draft(
        feedback_check(client, tree.cell, attachment=feedback_file("anh-chup.docx"))
    )
    back = feedback_confirm(client, tree.cell, draft, action="edit")
    assert back.status_code == 200 and not FeedbackReport.objects.exists()
    assert WHAT in back.text and 'value="Trần Văn Dân"' in back.text
    assert 'value="0912345678"' in back.text and "anh-chup.docx" in back.text
    # Changed and checked again without choosing the file again: the same file goes.
    again = client.post(
        reverse("feedback:send", args=[tree.cell.code]),
        feedback_values(what="Nội dung đã sửa.", draft=signed_draft(back)),
    )
    assert "Nội dung đã sửa." in again.text and "anh-chup.docx" in again.text
    feedback_confirm(client, tree.cell, signed_draft(again))
    report = FeedbackReport.objects.get()
    assert report.what == "Nội dung đã sửa." and report.attachment.original_name == "anh-chup.docx"


def test_a_file_removed_on_going_back_is_deleted_and_not_sent(tree, client):
    draft = signed_draft(feedback_check(client, tree.cell, attachment=feedback_file()))
    stored = StoredFile.objects.get()
    back = feedback_confirm(client, tree.cell, draft, action="edit")
    again = client.post(
        reverse("feedback:send", args=[tree.cell.code]),
        feedback_values(draft=signed_draft(back), remove_attachment="on"),
    )
    assert "Không có tệp kèm theo" in again.text
    assert not StoredFile.objects.exists() and not stored_path(stored).exists()
    feedback_confirm(client, tree.cell, signed_draft(again))
    assert FeedbackReport.objects.get().attachment is None


def test_a_report_made_anonymous_on_going_back_keeps_its_file_but_not_the_account(tree, client):
    sign_in(client, tree.secretary_user)
    values = {"what": WHAT, "happened_on": timezone.localdate().strftime("%d/%m/%Y")}
    check = client.post(reverse("feedback:send", args=[tree.cell.code]),
                        values | {"attachment": feedback_file()})  # fmt: skip
    assert StoredFile.objects.get().uploaded_by == tree.secretary_user
    back = feedback_confirm(client, tree.cell, signed_draft(check), action="edit")
    again = client.post(reverse("feedback:send", args=[tree.cell.code]),
                        values | {"anonymous": "on", "draft": signed_draft(back)})  # fmt: skip
    feedback_confirm(client, tree.cell, signed_draft(again))
    report = FeedbackReport.objects.get()
    assert report.anonymous and report.sender is None
    assert report.attachment.uploaded_by is None


def test_a_signed_in_member_checks_then_sends_with_the_member_named(tree, client):
    sign_in(client, tree.secretary_user)
    check = client.post(
        reverse("feedback:send", args=[tree.cell.code]),
        {"what": WHAT, "happened_on": timezone.localdate().strftime("%d/%m/%Y"),
         "person_code": "dv001"},
    )  # fmt: skip
    assert tree.member.full_name in check.text and "DV001" in check.text.upper()
    assert not FeedbackReport.objects.exists()
    feedback_confirm(client, tree.cell, signed_draft(check))
    report = FeedbackReport.objects.get()
    assert report.person == tree.member and report.sender == tree.secretary_user


def test_opening_the_send_step_by_address_shows_the_form_and_sends_nothing(tree, client):
    response = client.get(reverse("feedback:confirm", args=[tree.cell.code]))
    assert response.status_code == 200 and 'name="what"' in response.text
    assert f'action="{reverse("feedback:send", args=[tree.cell.code])}"' in response.text
    assert not FeedbackReport.objects.exists()


# --- found by the attack review --------------------------------------------------------


def _form_token(page) -> str:
    return re.search(r'name="form_token" value="([^"]*)"', page.text).group(1)


def test_after_sending_a_changed_form_under_the_same_token_is_not_dropped_silently(tree, client):
    # Sent once; then the browser's Back, a changed text and "Tiếp tục" post the old form again.
    token = _form_token(client.get(reverse("feedback:send", args=[tree.cell.code])))
    check = feedback_check(client, tree.cell, form_token=token)
    assert feedback_confirm(client, tree.cell, signed_draft(check)).status_code == 302
    again = client.post(
        reverse("feedback:send", args=[tree.cell.code]),
        feedback_values(what="Nội dung đã sửa sau khi gửi", anonymous="on", form_token=token),
    )
    assert "đã được gửi trước đó" in again.text and "Nội dung đã sửa sau khi gửi" in again.text
    assert token not in again.text  # a new form: going on makes a new report
    # "Sửa lại" on the check page of a report already sent says the same.
    edit = feedback_confirm(client, tree.cell, signed_draft(check), action="edit")
    assert "đã được gửi trước đó" in edit.text and token not in edit.text
    assert FeedbackReport.objects.count() == 1


def test_an_anonymous_report_leaves_nothing_in_the_session_a_later_sign_in_would_keep(tree, client):
    check = feedback_check(client, tree.cell, anonymous="on", contact_name="", contact_phone="")
    sent = feedback_confirm(client, tree.cell, signed_draft(check))
    report = FeedbackReport.objects.get()
    assert sent.status_code == 200 and report.reference in sent.text  # shown, not stored
    assert not any("feedback" in key for key in client.session.keys())


def test_files_attached_on_the_form_step_are_limited_per_hour(tree, client, settings):
    settings.LAMTHEO = {**settings.LAMTHEO, "FEEDBACK_FILES_PER_HOUR": 2}
    for _ in range(2):
        assert (
            "Kiểm tra lại trước khi gửi"
            in feedback_check(client, tree.cell, attachment=feedback_file()).text
        )
    third = feedback_check(client, tree.cell, attachment=feedback_file())
    assert "quá nhiều tệp" in third.text and StoredFile.objects.count() == 2
    # Without a file the report can still be checked and sent.
    assert "Kiểm tra lại trước khi gửi" in feedback_check(client, tree.cell).text
