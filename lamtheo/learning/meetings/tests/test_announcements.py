"""A meeting announced before it happens: the people expected are notified, a change or a
cancellation notifies them again, and the minutes start from the announcement (one record).
An announced meeting is not a held one in the figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from lamtheo.core import figures
from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice
from lamtheo.core.periods import month_start
from lamtheo.learning.meetings import services as s
from lamtheo.learning.meetings.figures import rebuild_meeting_year
from lamtheo.learning.meetings.models import CellMeeting, CellMeetingStat, MeetingStatus
from lamtheo.learning.meetings.tests.helpers import announce, announcement_input, meeting_input
from lamtheo.people import services as people

TODAY = date.today()


def told() -> set[int]:
    return set(Notice.objects.values_list("user", flat=True))


def test_announcing_notifies_the_people_expected_but_not_the_secretary(
    tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting, count = s.meeting_announce(
            actor=tree.secretary_user, unit=tree.cell, data=announcement_input()
        )
    # Chi bộ Phòng 1: An (told), Bình (the secretary who announces), Dũng (no account).
    assert count == 1 and told() == {tree.member_user.pk}
    notice = Notice.objects.get()
    assert notice.url == reverse("learning:meeting_announcement", args=[meeting.pk])
    assert "Chi bộ Phòng 1 triệu tập sinh hoạt chuyên đề vào 14:00 ngày" in notice.text
    assert "tại Hội trường khoa" in notice.text
    assert notice.sender_title == "Bí thư Chi bộ Phòng 1"
    assert [m.to for m in mail.outbox] == [[tree.member_user.email]]
    assert meeting.status == MeetingStatus.ANNOUNCED
    assert meeting.agenda == "Học tập chuyên đề năm 2026.\nNhận xét sổ tay tháng trước."


def test_an_exempt_member_is_not_invited(tree):
    month = month_start(TODAY + timedelta(days=2))
    people.person_exempt(actor=tree.secretary_user, person=tree.member, start_month=month,
                         reason="Tuổi cao")  # fmt: skip
    meeting = announce(tree)
    assert tree.member not in s.expected_people(tree.cell, meeting.month)
    assert not Notice.objects.exists()


def test_a_change_and_a_cancellation_notify_again(tree, django_capture_on_commit_callbacks):
    meeting = announce(tree)
    Notice.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        s.meeting_announcement_update(actor=tree.secretary_user, meeting=meeting,
                                      data=announcement_input(place="Phòng họp số 2"),
                                      version=meeting.version)  # fmt: skip
    assert "Thay đổi lịch" in Notice.objects.get().text
    assert "Phòng họp số 2" in Notice.objects.get().text
    with django_capture_on_commit_callbacks(execute=True):
        s.meeting_cancel(actor=tree.secretary_user, meeting=meeting, reason="Trùng lịch họp cơ quan",
                         version=meeting.version)  # fmt: skip
    texts = list(Notice.objects.filter(user=tree.member_user).values_list("text", flat=True))
    assert len(texts) == 2 and texts[0].startswith("Hủy sinh hoạt chuyên đề")
    assert "Lý do: Trùng lịch họp cơ quan" in texts[0]
    assert len(mail.outbox) == 2
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    # The month is free again for a new announcement.
    announce(tree)


def test_an_announcement_cannot_be_in_the_past_nor_without_an_agenda(tree):
    with pytest.raises(DomainError, match="đã qua"):
        announce(tree, held_on=TODAY - timedelta(days=1))
    with pytest.raises(DomainError, match="nội dung"):
        announce(tree, agenda="  ")
    assert not CellMeeting.objects.exists() and not Notice.objects.exists()


def test_recording_the_minutes_turns_the_announcement_into_the_held_meeting(tree):
    figures.open_year(TODAY.year)
    meeting = announce(tree, held_on=TODAY)
    stat = CellMeetingStat.objects.get(unit=tree.cell, month=month_start(TODAY))
    assert stat.thematic == 0 and stat.with_content == 0  # announced is not held
    s.meeting_record(actor=tree.secretary_user, meeting=meeting,
                     data=meeting_input(tree, kind="thematic", held_on=TODAY),
                     version=meeting.version)  # fmt: skip
    assert CellMeeting.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.agenda.startswith("Học tập")
    stat.refresh_from_db()
    assert stat.thematic == 1


def test_recording_a_new_meeting_of_an_announced_month_fills_the_announcement(tree):
    meeting = announce(tree, held_on=TODAY)
    recorded = s.meeting_create(actor=tree.secretary_user, unit=tree.cell,
                                data=meeting_input(tree, kind="thematic", held_on=TODAY))  # fmt: skip
    assert recorded.pk == meeting.pk and CellMeeting.objects.count() == 1


def test_an_announced_regular_meeting_does_not_count_as_held(tree):
    figures.open_year(TODAY.year)
    announce(tree, kind="regular", held_on=TODAY)
    month = month_start(TODAY)
    assert CellMeetingStat.objects.get(unit=tree.cell, month=month).held == 0
    rebuild_meeting_year(TODAY.year)
    assert CellMeetingStat.objects.get(unit=tree.cell, month=month).held == 0


def test_minutes_pages_of_an_announced_meeting_lead_to_the_announcement(tree, login):
    meeting = announce(tree)
    client = login(tree.secretary_user)
    for name in ("meeting_detail", "meeting_edit", "meeting_attendance", "meeting_minutes"):
        response = client.get(reverse(f"learning:{name}", args=[meeting.pk]))
        assert response.url == reverse("learning:meeting_announcement", args=[meeting.pk])
    with pytest.raises(DomainError):
        s.meeting_record_attendance(actor=tree.secretary_user, meeting=meeting, marks={},
                                    version=meeting.version)  # fmt: skip


# --- pages --------------------------------------------------------------------------------


def form_data(**changes) -> dict:
    day = TODAY + timedelta(days=2)
    data = {"kind": "thematic", "held_on": f"{day:%d/%m/%Y}", "starts_at": "14h00",
            "place": "Hội trường khoa", "agenda": "Học tập chuyên đề"}  # fmt: skip
    return data | changes


def test_the_secretary_checks_the_list_then_sends(tree, login, django_capture_on_commit_callbacks):
    client = login(tree.secretary_user)
    url = reverse("learning:meeting_announce", args=[tree.cell.code])
    check = client.post(url, form_data())
    html = check.content.decode()
    assert "Kiểm tra trước khi gửi" in html and "Nguyễn Văn An" in html
    assert "Phạm Văn Dũng" in html  # invited, though told in person (no account)
    assert not CellMeeting.objects.exists() and not Notice.objects.exists()
    token = check.context["form_token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(xac_nhan="1", form_token=token), follow=True)
    meeting = CellMeeting.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "learning:meeting_announcement", args=[meeting.pk]
    )
    assert "Đã gửi thông báo triệu tập đến 1 đảng viên." in response.content.decode()
    assert meeting.starts_at.hour == 14 and told() == {tree.member_user.pk}
    # Posted twice: one meeting, one notice.
    client.post(url, form_data(xac_nhan="1", form_token=token))
    assert CellMeeting.objects.count() == 1 and Notice.objects.count() == 1


def test_a_bad_time_gets_a_clear_message(tree, login):
    response = login(tree.secretary_user).post(
        reverse("learning:meeting_announce", args=[tree.cell.code]), form_data(starts_at="25:99")
    )
    assert "Giờ chưa đúng" in response.content.decode()


def test_the_invited_member_sees_the_announcement_and_the_list(tree, login):
    meeting = announce(tree)
    html = (
        login(tree.member_user)
        .get(reverse("learning:meeting_announcement", args=[meeting.pk]))
        .content.decode()
    )
    assert "Giấy triệu tập sinh hoạt chuyên đề" in html
    assert "Trần Thị Bình" in html and "Phạm Văn Dũng" in html
    assert "Hủy buổi sinh hoạt" not in html  # the member cannot change it
    other = login(tree.outsider.user).get(
        reverse("learning:meeting_announcement", args=[meeting.pk])
    )
    assert other.status_code == 404


def test_recording_from_the_announcement_starts_from_it(tree, login):
    meeting = announce(tree, held_on=TODAY)
    client = login(tree.secretary_user)
    url = reverse("learning:meeting_record", args=[meeting.pk])
    form = client.get(url).context["form"]
    assert form.initial["place"] == "Hội trường khoa"
    assert form.initial["agenda"].startswith("Học tập chuyên đề")
    assert form.initial["held_on"] == f"{TODAY:%d/%m/%Y}"
    response = client.post(url, {
        "kind": "thematic", "held_on": f"{TODAY:%d/%m/%Y}", "place": "Hội trường khoa",
        "chair": tree.secretary.pk, "clerk": tree.member.pk, "agenda": meeting.agenda,
        "version": meeting.version,
    })  # fmt: skip
    assert response.url == reverse("learning:meeting_attendance", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.is_held and CellMeeting.objects.count() == 1


def test_cancelling_from_the_page_needs_a_reason(tree, login):
    meeting = announce(tree)
    client = login(tree.secretary_user)
    url = reverse("learning:meeting_cancel", args=[meeting.pk])
    response = client.post(url, {"reason": "", "version": meeting.version})
    assert "Vui lòng ghi lý do hủy buổi sinh hoạt." in response.content.decode()
    client.post(url, {"reason": "Trùng lịch", "version": meeting.version})
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    html = (
        login(tree.member_user)
        .get(reverse("learning:meeting_announcement", args=[meeting.pk]))
        .content.decode()
    )
    assert "Buổi sinh hoạt này đã hủy." in html and "Trùng lịch" in html


def test_the_invited_members_home_lists_the_announced_meeting(tree, login):
    meeting = announce(tree)
    html = login(tree.member_user).get(reverse("home:home")).content.decode()
    assert reverse("learning:meeting_announcement", args=[meeting.pk]) in html
    assert "Triệu tập sinh hoạt chi bộ" in html
    other = login(tree.outsider.user).get(reverse("home:home")).content.decode()
    assert reverse("learning:meeting_announcement", args=[meeting.pk]) not in other
