from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from lamtheo.core.dates import format_date
from lamtheo.learning.study.models import StudyAttendance, StudySession
from lamtheo.learning.study.tests.helpers import (
    E,
    P,
    record,
    schedule,
    sheet_of,
    today,
    topic,
)


def form_data(**kw) -> dict:
    data = {
        "topic": topic().pk,
        "title": "Hội nghị quán triệt chuyên đề năm nay",
        "format": "conference",
        "kind": "in_person",
        "held_on": format_date(today()),
        "place": "Hội trường",
        "link": "",
        "scope": "whole",
        "note": "",
    }
    data.update(kw)
    return data


def test_an_organizer_schedules_a_session(tree, login):
    client = login(tree.committee_user)
    url = reverse("learning:study_session_create", args=["DBSA"])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data())
    session = StudySession.objects.get()
    assert response.url == reverse("learning:study_session", args=[session.pk])
    assert session.held_on == today() and session.sheets.count() == 2


def test_the_form_shows_an_error_summary(tree, login):
    client = login(tree.committee_user)
    url = reverse("learning:study_session_create", args=["DBSA"])
    response = client.post(url, form_data(title="", held_on="31/02/2026", place="", scope="chosen"))
    text = response.content.decode()
    assert response.status_code == 200 and "error-summary" in text
    for message in (
        "Vui lòng nhập tên buổi học tập.",
        "ngày/tháng/năm",
        "Vui lòng nhập địa điểm tổ chức.",
        "Vui lòng chọn ít nhất một đơn vị.",
    ):
        assert message in text
    assert not StudySession.objects.exists()


def test_an_online_session_needs_a_link(tree, login):
    client = login(tree.committee_user)
    url = reverse("learning:study_session_create", args=["DBSA"])
    response = client.post(url, form_data(kind="online", place=""))
    assert "Vui lòng nhập đường dẫn tham dự trực tuyến." in response.content.decode()
    client.post(url, form_data(kind="online", place="", link="https://hop.example.vn/abc"))
    assert StudySession.objects.get().link == "https://hop.example.vn/abc"


def test_an_organizer_edits_a_session_and_a_stale_edit_is_refused(tree, login):
    session = schedule(tree)
    client = login(tree.committee_user)
    url = reverse("learning:study_session_edit", args=[session.pk])
    assert client.get(url).status_code == 200
    client.post(url, form_data(title="Tên đã sửa", version=1))
    response = client.post(url, form_data(title="Tên cũ hơn", version=1))
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert StudySession.objects.get().title == "Tên đã sửa"


def test_the_session_page_shows_the_cells_progress(tree, login):
    session = schedule(tree)
    record(tree, session, {tree.member: P})
    text = (
        login(tree.committee_user)
        .get(reverse("learning:study_session", args=[session.pk]))
        .content.decode()
    )
    assert "1/2 chi bộ đã ghi điểm danh" in text and "Đã ghi 1/3" in text
    # a secretary sees only their own cell, with the link to record it
    page = login(tree.secretary_user).get(reverse("learning:study_session", args=[session.pk]))
    assert [s.cell.code for s in page.context["sheets"]] == ["CB1"]
    assert reverse("learning:study_attendance", args=[session.pk, "CB1"]) in page.content.decode()


def test_the_sessions_list_shows_the_recording_progress(tree, login):
    session = schedule(tree)
    record(tree, session, {tree.member: P})
    page = login(tree.propaganda_user).get(reverse("learning:study_sessions", args=["DBSA"]))
    s = page.context["sessions"][0]
    assert (s.n_cells, s.n_recorded, s.n_pending) == (2, 1, 1)
    assert "1 chi bộ chưa ghi" in page.content.decode()


def _post(client, session, data):
    sheet = sheet_of(
        session, session.sheets.model.objects.get(session=session, cell__code="CB1").cell
    )
    return client.post(
        reverse("learning:study_attendance", args=[session.pk, "CB1"]),
        {"version": sheet.version, **data},
    )


def test_the_secretary_records_attendance_on_one_page(tree, login):
    session = schedule(tree)
    client = login(tree.secretary_user)
    page = client.get(reverse("learning:study_attendance", args=[session.pk, "CB1"]))
    text = page.content.decode()
    assert text.count('type="radio"') == 9 and "checked" not in text  # nothing recorded
    m, s, x = (f"p{p.pk}" for p in (tree.member, tree.secretary, tree.proxy_member))
    response = _post(
        client, session, {f"{m}-status": P, f"{x}-status": E, f"{x}-reason": "Đi công tác"}
    )
    assert response.status_code == 302
    marks = dict(StudyAttendance.objects.values_list("person_id", "status"))
    assert marks == {tree.member.pk: P, tree.proxy_member.pk: E}
    # the remaining one is marked present with the second button
    _post(
        client,
        session,
        {f"{m}-status": P, f"{x}-status": E, f"{x}-reason": "Đi công tác", "all_present": "1"},
    )
    assert StudyAttendance.objects.get(person=tree.secretary).status == P
    assert StudyAttendance.history.count() == 3


def test_the_attendance_form_explains_what_is_missing(tree, login):
    session = schedule(tree)
    client = login(tree.secretary_user)
    x = f"p{tree.proxy_member.pk}"
    response = _post(client, session, {f"{x}-status": E, f"{x}-reason": ""})
    text = response.content.decode()
    assert "error-summary" in text and "Vắng có lý do thì cần ghi lý do." in text
    response = _post(client, session, {f"{x}-status": P, f"{x}-made_up_on": "01/01/2020"})
    assert "Người có mặt thì không cần học bù." in response.content.decode()
    assert not StudyAttendance.objects.exists()


def test_a_stale_attendance_page_does_not_overwrite(tree, login):
    session = schedule(tree)
    client = login(tree.secretary_user)
    m = f"p{tree.member.pk}"
    url = reverse("learning:study_attendance", args=[session.pk, "CB1"])
    client.post(url, {"version": 1, f"{m}-status": P})
    response = client.post(url, {"version": 1, f"{m}-status": E, f"{m}-reason": "Ốm"})
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert StudyAttendance.objects.get().status == P


def test_attendance_is_refused_before_the_day(tree, login):
    session = schedule(tree, held_on=today() + timedelta(days=7))
    client = login(tree.secretary_user)
    page = client.get(reverse("learning:study_attendance", args=[session.pk, "CB1"]))
    assert "Buổi học chưa diễn ra" in page.content.decode()
    _post(client, session, {f"p{tree.member.pk}-status": P})
    assert not StudyAttendance.objects.exists()


@pytest.mark.parametrize("who", ["committee_user", "propaganda_user", "other_secretary_user"])
def test_only_the_cells_secretaries_open_its_attendance(tree, login, who):
    session = schedule(tree)
    url = reverse("learning:study_attendance", args=[session.pk, "CB1"])
    assert login(getattr(tree, who)).get(url).status_code == 404


def test_the_home_page_shows_the_members_sessions_and_the_secretarys_tasks(tree, login):
    session = schedule(tree, title="Hội nghị học tập chuyên đề của Sở")
    text = login(tree.member_user).get(reverse("home:home")).content.decode()
    assert "Hội nghị học tập chuyên đề của Sở" in text and "Chưa điểm danh" in text
    text = login(tree.secretary_user).get(reverse("home:home")).content.decode()
    assert reverse("learning:study_attendance", args=[session.pk, "CB1"]) in text
    record(tree, session, {tree.member: P})
    text = login(tree.secretary_user).get(reverse("home:home")).content.decode()
    assert "Điểm danh học tập chưa ghi" not in text
    text = login(tree.member_user).get(reverse("home:home")).content.decode()
    assert "Có mặt" in text
    text = login(tree.committee_user).get(reverse("home:home")).content.decode()
    assert reverse("learning:study_sessions", args=["DBSA"]) in text


def test_the_committee_sees_the_sessions_history(tree, login):
    session = schedule(tree)
    client = login(tree.committee_user)
    client.post(
        reverse("learning:study_session_edit", args=[session.pk]),
        form_data(title="Tên đã sửa", version=1),
    )
    record(tree, session, {tree.member: P})
    text = client.get(reverse("learning:study_session", args=[session.pk])).content.decode()
    assert "Lịch sử thay đổi (3)" in text and "Sửa thông tin buổi học tập" in text
    assert "Nguyễn Văn An: Ghi điểm danh" in text
    # the cell's secretary sees the attendance changes of the cell, not the session's own
    text = (
        login(tree.secretary_user)
        .get(reverse("learning:study_session", args=[session.pk]))
        .content.decode()
    )
    assert "Lịch sử thay đổi (1)" in text
    # the propaganda officer reads no audit trail
    text = (
        login(tree.propaganda_user)
        .get(reverse("learning:study_session", args=[session.pk]))
        .content.decode()
    )
    assert "Lịch sử thay đổi" not in text


def test_the_error_summary_links_to_the_radio_group(tree, login):
    session = schedule(tree)
    x = f"p{tree.proxy_member.pk}"
    response = _post(login(tree.secretary_user), session, {f"{x}-reason": "Ốm"})
    text = response.content.decode()
    assert f'href="#id_{x}-status"' in text and f'<legend id="id_{x}-status">' in text


@pytest.mark.parametrize("who", ["secretary_user", "admin_user", "other_secretary_user"])
def test_only_organizers_open_the_sessions_list_and_the_form(tree, login, who):
    client = login(getattr(tree, who))
    for name in ("learning:study_sessions", "learning:study_session_create"):
        assert client.get(reverse(name, args=["DBSA"])).status_code == 404
    session = schedule(tree)
    assert client.get(reverse("learning:study_session_edit", args=[session.pk])).status_code == 404


def test_an_organizer_cancels_a_session_with_a_reason_shown_on_the_list(tree, login):
    session = schedule(tree)
    client = login(tree.committee_user)
    url = reverse("learning:study_session_cancel", args=[session.pk])
    assert "Hủy buổi học" in client.get(
        reverse("learning:study_session", args=[session.pk])).content.decode()  # fmt: skip
    page = client.post(url, {"reason": "", "version": session.version}).content.decode()
    assert "error-summary" in page and "Vui lòng ghi lý do hủy buổi học." in page
    response = client.post(url, {"reason": "Trùng lịch", "version": session.version})
    assert response.url == reverse("learning:study_sessions", args=[tree.org.code])
    listing = client.get(response.url).content.decode()
    assert "Buổi học đã hủy" in listing and "Trùng lịch" in listing
    assert not StudySession.objects.exists()


def test_a_session_with_attendance_offers_no_cancel(tree, login):
    session = schedule(tree)
    record(tree, session, {tree.member: P})
    client = login(tree.committee_user)
    assert "Hủy buổi học" not in client.get(
        reverse("learning:study_session", args=[session.pk])).content.decode()  # fmt: skip
    page = client.get(reverse("learning:study_session_cancel", args=[session.pk]))
    assert "không hủy được" in page.content.decode()
    assert login(tree.secretary_user).get(
        reverse("learning:study_session_cancel", args=[session.pk])).status_code == 404  # fmt: skip


@pytest.mark.parametrize("version", [None, "", "abc", "1.5", "-1", "99999999999999999999"])
def test_editing_a_session_refuses_a_missing_or_malformed_version(tree, login, version):
    session = schedule(tree)
    data = form_data(title="Tên đã sửa")
    if version is not None:
        data["version"] = version
    response = login(tree.committee_user).post(
        reverse("learning:study_session_edit", args=[session.pk]), data
    )
    assert response.status_code == 200 and "tải lại trang" in response.content.decode()
    session.refresh_from_db()
    assert session.title != "Tên đã sửa" and session.version == 1


def _token(page) -> str:
    import re

    return re.search(r'name="form_token" value="([0-9a-f-]{36})"', page.content.decode())[1]


def test_the_same_schedule_form_posted_ten_times_schedules_one_session(tree, login):
    client = login(tree.committee_user)
    url = reverse("learning:study_session_create", args=["DBSA"])
    token = _token(client.get(url))
    first = client.post(url, form_data(form_token=token))
    answers = [client.post(url, form_data(form_token=token)) for _ in range(9)]
    session = StudySession.objects.get()
    target = reverse("learning:study_session", args=[session.pk])
    assert first.url == target and all(a.url == target for a in answers)
    page = client.get(target).content.decode()
    assert "Đã ghi nhận từ lần gửi trước" in page
    # A fresh form is a new session.
    client.post(url, form_data(form_token=_token(client.get(url))))
    assert StudySession.objects.count() == 2
