from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from lamtheo.core.periods import month_start
from lamtheo.handbook import services as handbook
from lamtheo.handbook.models import Progress, Rating
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings import services as s
from lamtheo.learning.meetings.minutes_docx import minutes_docx
from lamtheo.learning.meetings.models import CellMeeting, MeetingAttendance
from lamtheo.learning.meetings.selectors import attendance_of
from lamtheo.learning.meetings.tests.helpers import LAST_MONTH, make_meeting, meeting_input
from lamtheo.pledges import services as pledges


@pytest.fixture
def meeting(tree):
    return make_meeting(tree)


def test_a_secretary_records_a_meeting_then_takes_attendance(tree, login):
    client = login(tree.secretary_user)
    url = reverse("learning:meeting_new", args=[tree.cell.code])
    assert "Ghi biên bản sinh hoạt chi bộ" in client.get(url).content.decode()
    response = client.post(url, {
        "kind": "regular", "held_on": LAST_MONTH.replace(day=7).strftime("%d/%m/%Y"),
        "place": "Phòng họp", "chair": tree.secretary.pk, "clerk": tree.member.pk,
        "handbook_reviewed": "on", "proceedings": "Ý kiến", "conclusion": "Kết luận",
    })  # fmt: skip
    meeting = CellMeeting.objects.get()
    assert response.url == reverse("learning:meeting_attendance", args=[meeting.pk])
    page = client.get(response.url).content.decode()
    assert "Nguyễn Văn An" in page and "Phạm Văn Dũng" in page
    people = s.expected_people(tree.cell, LAST_MONTH)
    data = {"version": meeting.version}
    for p in people:
        data[f"status_{p.pk}"] = "present"
    data[f"status_{tree.proxy_member.pk}"] = "excused"
    data[f"reason_{tree.proxy_member.pk}"] = "Nghỉ ốm"
    response = client.post(response.url, data)
    assert response.url == reverse("learning:meeting_detail", args=[meeting.pk])
    assert MeetingAttendance.objects.get(person=tree.proxy_member).reason == "Nghỉ ốm"
    detail = client.get(response.url).content.decode()
    assert "Vắng có lý do" in detail and "Lịch sử thay đổi" in detail


def test_the_form_shows_the_errors_at_the_top(tree, login):
    client = login(tree.secretary_user)
    response = client.post(
        reverse("learning:meeting_new", args=[tree.cell.code]),
        {"kind": "regular", "held_on": "31/02/2026", "place": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "error-summary" in page
    assert "Ngày chưa đúng" in page and "Vui lòng ghi địa điểm" in page
    assert not CellMeeting.objects.exists()


def test_an_excused_absence_without_a_reason_is_refused_by_the_form(tree, login, meeting):
    client = login(tree.secretary_user)
    data = {"version": meeting.version}
    for p in s.expected_people(tree.cell, LAST_MONTH):
        data[f"status_{p.pk}"] = "excused"
    response = client.post(reverse("learning:meeting_attendance", args=[meeting.pk]), data)
    assert "Vui lòng ghi lý do vắng" in response.content.decode()
    assert not MeetingAttendance.objects.exists()


def test_a_stale_edit_is_refused_with_a_message(tree, login, meeting):
    client = login(tree.secretary_user)
    s.meeting_update(
        actor=tree.secretary_user,
        meeting=meeting,
        version=meeting.version,
        data=meeting_input(tree),
    )
    response = client.post(reverse("learning:meeting_edit", args=[meeting.pk]), {
        "kind": "regular", "held_on": meeting.held_on.strftime("%d/%m/%Y"), "place": "Khác",
        "chair": tree.secretary.pk, "clerk": tree.member.pk, "version": 1})  # fmt: skip
    assert "vừa được người khác thay đổi" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Phòng họp tầng 2"


def test_meetings_of_another_cell_are_not_found(tree, login, meeting):
    for user in (tree.other_secretary_user, tree.outsider.user, tree.member_user):
        client = login(user)
        assert client.get(reverse("learning:meeting_detail", args=[meeting.pk])).status_code == 404
        assert client.get(reverse("learning:meeting_minutes", args=[meeting.pk])).status_code == 404
    client = login(tree.other_secretary_user)
    assert client.get(reverse("learning:meeting_new", args=[tree.cell.code])).status_code == 404


def _text(data: bytes) -> tuple[Document, str]:
    doc = Document(BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for cell in table._cells:
            parts += [p.text for p in cell.paragraphs]
    return doc, "\n".join(parts)


def test_the_minutes_print_in_the_party_document_form(tree, meeting):
    s.meeting_record_attendance(
        actor=tree.secretary_user, meeting=meeting, version=meeting.version,
        marks={p.pk: s.Mark(AttendanceStatus.EXCUSED, "Đi công tác") if p == tree.proxy_member
               else s.Mark(AttendanceStatus.PRESENT)
               for p in s.expected_people(tree.cell, LAST_MONTH)})  # fmt: skip
    doc, text = _text(minutes_docx(meeting, attendance_of(meeting)))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG BỘ SỞ A" in text and "CHI BỘ PHÒNG 1" in text
    assert "BIÊN BẢN SINH HOẠT CHI BỘ" in text
    day = meeting.held_on
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    assert f"ngày {day.day:02d} tháng {month} năm {day.year}" in text
    assert "Vắng có lý do: Phạm Văn Dũng (Đi công tác)" in text
    assert "có mặt: 2" in text and "Hoàn thành sổ tay đúng hạn." in text
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text
    assert "Trần Thị Bình" in text and "Nguyễn Văn An" in text
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    runs = [r for p in doc.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    date_run = next(
        r
        for c in doc.tables[0]._cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.startswith("ngày") or ", ngày" in r.text
    )
    assert date_run.italic


def test_the_minutes_download_as_docx(tree, login, meeting):
    response = login(tree.committee_user).get(
        reverse("learning:meeting_minutes", args=[meeting.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "BIÊN BẢN SINH HOẠT CHI BỘ" in _text(response.content)[1]


def _reviewed_entry(tree):
    user = tree.member_user
    p = pledges.pledge_start(actor=user, person=tree.member, year=LAST_MONTH.year)
    pledges.pledge_save_items(
        actor=user,
        pledge=p,
        version=p.version,
        items=[pledges.ItemInput(area=tree.areas[0], text="Giải quyết hồ sơ đúng hạn")],
    )
    pledges.pledge_submit(actor=user, pledge=p, version=p.version)
    e = handbook.entry_start(actor=user, person=tree.member, month=LAST_MONTH)
    handbook.entry_save_item(
        actor=user,
        entry=e,
        item=p.items.first(),
        progress=Progress.DONE,
        note="",
        version=e.version,
    )
    handbook.entry_save_self(
        actor=user,
        entry=e,
        self_assessment="Bí mật riêng của tôi",
        self_rating=Rating.GOOD,
        version=e.version,
    )
    handbook.entry_submit(actor=user, entry=e, version=e.version)
    handbook.entry_review(
        actor=tree.secretary_user,
        entry=e,
        comment="Tốt",
        rating=Rating.EXCELLENT,
        version=e.version,
    )
    return e


def _review_meeting(tree, **changes):
    """A meeting of this month, held today: it reviews last month's entries."""
    return s.meeting_create(actor=tree.secretary_user, unit=tree.cell, data=meeting_input(
        tree, handbook_reviewed=True, held_on=date.today(), **changes))  # fmt: skip


def test_handbook_reviews_link_to_the_meeting_of_the_next_month(tree, login):
    entry = _reviewed_entry(tree)
    meeting = _review_meeting(tree)
    client = login(tree.secretary_user)
    detail = client.get(reverse("learning:meeting_detail", args=[meeting.pk])).content.decode()
    assert f"Sổ tay tháng {LAST_MONTH:%m/%Y} đã nhận xét" in detail
    assert "Nguyễn Văn An" in detail and "Hoàn thành xuất sắc" in detail
    assert "Bí mật riêng của tôi" not in detail
    assert reverse("handbook:review", args=[tree.member.pk, f"{LAST_MONTH:%Y-%m}"]) in detail
    review = client.get(reverse("handbook:review", args=[tree.member.pk, f"{entry.month:%Y-%m}"]))
    expected = "Nhận xét tại buổi sinh hoạt chi bộ ngày"
    page = review.content.decode()
    assert expected in page and meeting.held_on.strftime("%d/%m/%Y") in page


def test_a_meeting_of_the_entrys_own_month_or_before_its_submission_takes_no_review(tree):
    from lamtheo.handbook.models import HandbookEntry
    from lamtheo.learning.meetings.selectors import meeting_for_entry, reviewed_entries

    entry = _reviewed_entry(tree)
    same_month = s.meeting_create(actor=tree.secretary_user, unit=tree.cell,
                                  data=meeting_input(tree, handbook_reviewed=True))  # fmt: skip
    assert same_month.month == entry.month
    assert meeting_for_entry(entry) is None and reviewed_entries(same_month) == []
    next_month = _review_meeting(tree)
    assert meeting_for_entry(entry) == next_month
    late = timezone.now() + timedelta(days=1)  # submitted after the meeting's day
    HandbookEntry.objects.filter(pk=entry.pk).update(submitted_at=late)
    entry.refresh_from_db()
    assert meeting_for_entry(entry) is None and reviewed_entries(next_month) == []


def test_a_review_without_a_meeting_shows_no_line(tree, login):
    entry = _reviewed_entry(tree)
    s.meeting_create(
        actor=tree.secretary_user, unit=tree.cell, data=meeting_input(tree, handbook_reviewed=False)
    )
    page = (
        login(tree.secretary_user)
        .get(reverse("handbook:review", args=[tree.member.pk, f"{entry.month:%Y-%m}"]))
        .content.decode()
    )
    assert "Nhận xét tại buổi sinh hoạt chi bộ" not in page


def test_the_secretary_sees_this_months_meeting_as_a_task_until_it_is_recorded(tree, login):
    client = login(tree.secretary_user)
    task = "Biên bản sinh hoạt chi bộ tháng"
    assert task in client.get(reverse("home:home")).content.decode()
    s.meeting_create(
        actor=tree.secretary_user, unit=tree.cell, data=meeting_input(tree, held_on=date.today())
    )
    assert task not in client.get(reverse("home:home")).content.decode()
    assert task not in login(tree.member_user).get(reverse("home:home")).content.decode()


def test_the_figures_page_has_a_row_per_child_and_a_bounded_query_count(
        tree, login, meeting, django_assert_max_num_queries):  # fmt: skip
    client = login(tree.propaganda_user)
    url = reverse("learning:meeting_figures", args=[tree.bloc.code])
    client.get(url)  # builds the year's rows once
    with django_assert_max_num_queries(8):
        page = client.get(f"{url}?thang={LAST_MONTH:%Y-%m}").content.decode()
    assert "Đảng bộ Sở A" in page and "Chi bộ cơ sở B" in page and "33,3%" in page
    missing = client.get(
        reverse("learning:meeting_missing", args=[tree.bloc.code]), {"thang": f"{LAST_MONTH:%Y-%m}"}
    ).content.decode()
    assert "Chi bộ Phòng 2" in missing and "Chi bộ Phòng 1" not in missing


def test_the_figures_export_as_xlsx(tree, login, meeting):
    response = login(tree.committee_user).get(
        reverse("learning:meeting_figures_export", args=[tree.org.code]),
        {"thang": f"{LAST_MONTH:%Y-%m}"},
    )
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[3][:5] == (
        "STT",
        "Tổ chức đảng",
        "Số chi bộ",
        "Đã sinh hoạt định kỳ",
        "Tỷ lệ chi bộ đã sinh hoạt",
    )
    assert rows[4][1] == "Chi bộ Phòng 1" and rows[4][3] == 1
    assert rows[-1][1] == "Cộng Đảng bộ Sở A" and rows[-1][4] == 0.5


def test_the_dashboard_links_to_the_meeting_figures(tree, login):
    page = (
        login(tree.committee_user)
        .get(reverse("dashboard:unit", args=[tree.org.code]))
        .content.decode()
    )
    assert reverse("learning:meeting_figures", args=[tree.org.code]) in page


def test_the_cell_list_shows_the_years_meetings(tree, login, meeting):
    page = (
        login(tree.secretary_user)
        .get(reverse("learning:meeting_cell", args=[tree.cell.code]), {"nam": LAST_MONTH.year})
        .content.decode()
    )
    assert meeting.held_on.strftime("%d/%m/%Y") in page and "Ghi biên bản" in page
    assert month_start(meeting.held_on) == LAST_MONTH


def test_the_form_offers_only_the_cells_members_as_chair_and_clerk(tree, login):
    page = (
        login(tree.secretary_user)
        .get(reverse("learning:meeting_new", args=[tree.cell.code]))
        .content.decode()
    )
    assert "Trần Thị Bình" in page and "Phạm Văn Dũng" in page
    assert "Lê Văn Cường" not in page


def test_the_regular_meeting_takes_the_reviews_when_both_meetings_ticked_them(tree):
    from lamtheo.learning.meetings.selectors import meeting_for_entry, reviewed_entries

    entry = _reviewed_entry(tree)
    thematic = _review_meeting(tree, kind="thematic")
    assert meeting_for_entry(entry) == thematic
    regular = _review_meeting(tree)
    assert meeting_for_entry(entry) == regular
    assert [e.pk for e in reviewed_entries(regular)] == [entry.pk]
    assert reviewed_entries(thematic) == []


def test_a_secretary_deletes_minutes_recorded_by_mistake_after_giving_a_reason(
    tree, login, meeting
):
    client = login(tree.secretary_user)
    url = reverse("learning:meeting_delete", args=[meeting.pk])
    assert "Xóa biên bản" in client.get(reverse("learning:meeting_detail", args=[meeting.pk])
                                        ).content.decode()  # fmt: skip
    page = client.post(url, {"reason": "", "version": meeting.version}).content.decode()
    assert "error-summary" in page and "Vui lòng ghi lý do xóa biên bản." in page
    response = client.post(url, {"reason": "Buổi sinh hoạt dời sang tháng sau",
                                 "version": meeting.version})  # fmt: skip
    assert response.status_code == 302 and not CellMeeting.objects.exists()
    listing = client.get(response.url).content.decode()
    assert "Đã xóa biên bản" in listing
    assert "Biên bản đã xóa" in listing and "Buổi sinh hoạt dời sang tháng sau" in listing
    assert login(tree.committee_user).get(url).status_code == 404


def test_the_minutes_date_line_starts_with_the_configured_place(tree, meeting, settings):
    settings.LAMTHEO = settings.LAMTHEO | {"DOCUMENT_PLACE": "Nha Trang"}
    _, text = _text(minutes_docx(meeting, attendance_of(meeting)))
    assert f"Nha Trang, ngày {meeting.held_on.day:02d} tháng" in text


def test_a_tampered_or_missing_version_on_the_delete_page_asks_to_reload(tree, login, meeting):
    client = login(tree.secretary_user)
    url = reverse("learning:meeting_delete", args=[meeting.pk])
    page = client.post(url, {"reason": "Nhầm", "version": "abc"}).content.decode()
    assert "Trang này đã cũ; vui lòng tải lại trang" in page and "Version" not in page
    assert CellMeeting.objects.filter(pk=meeting.pk).exists()


@pytest.mark.parametrize("version", [None, "", "abc", "1.5", "-1", "99999999999999999999"])
def test_an_edit_with_a_missing_or_malformed_version_is_refused(tree, login, meeting, version):
    data = {"kind": "regular", "held_on": meeting.held_on.strftime("%d/%m/%Y"), "place": "Khác",
            "chair": tree.secretary.pk, "clerk": tree.member.pk}  # fmt: skip
    if version is not None:
        data["version"] = version
    response = login(tree.secretary_user).post(
        reverse("learning:meeting_edit", args=[meeting.pk]), data
    )
    assert response.status_code == 200 and "tải lại trang" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Phòng họp tầng 2"


def test_the_same_minutes_form_posted_twice_records_one_meeting(tree, login):
    import re

    client = login(tree.secretary_user)
    url = reverse("learning:meeting_new", args=[tree.cell.code])
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', client.get(url).text)[1]
    data = {
        "kind": "regular", "held_on": LAST_MONTH.replace(day=7).strftime("%d/%m/%Y"),
        "place": "Phòng họp", "chair": tree.secretary.pk, "clerk": tree.member.pk,
        "proceedings": "Ý kiến", "conclusion": "Kết luận", "form_token": token,
    }  # fmt: skip
    first = client.post(url, data)
    second = client.post(url, data)
    meeting = CellMeeting.objects.get()
    assert first.url == reverse("learning:meeting_attendance", args=[meeting.pk])
    assert second.url == reverse("learning:meeting_detail", args=[meeting.pk])
    assert "Đã ghi nhận từ lần gửi trước" in client.get(second.url).text


def test_meeting_attendance_starts_blank_and_marks_the_rest_present_only_on_request(
    tree, login, meeting
):
    client = login(tree.secretary_user)
    url = reverse("learning:meeting_attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "checked" not in page
    assert "ghi những người chưa chọn là có mặt" in page
    data = {"version": meeting.version, f"status_{tree.proxy_member.pk}": "unexcused"}
    page = client.post(url, data).content.decode()
    assert "Vui lòng chọn tình trạng của đồng chí" in page
    assert not MeetingAttendance.objects.exists()
    response = client.post(url, {**data, "all_present": "1"})
    assert response.url == reverse("learning:meeting_detail", args=[meeting.pk])
    marks = dict(MeetingAttendance.objects.values_list("person_id", "status"))
    expected = {p.pk for p in s.expected_people(tree.cell, LAST_MONTH)}
    assert set(marks) == expected
    assert marks.pop(tree.proxy_member.pk) == AttendanceStatus.UNEXCUSED
    assert set(marks.values()) == {AttendanceStatus.PRESENT}


def test_the_minutes_print_the_place_the_units_administrator_set(tree, meeting, settings):
    from lamtheo.orgs.services import unit_settings_save

    settings.LAMTHEO = settings.LAMTHEO | {"DOCUMENT_PLACE": "Hà Nội"}
    unit_settings_save(actor=tree.admin_user, unit=tree.org, document_place="Cam Ranh")
    _, text = _text(minutes_docx(meeting, attendance_of(meeting)))
    assert f"Cam Ranh, ngày {meeting.held_on.day:02d} tháng" in text and "Hà Nội" not in text


def test_the_minutes_of_an_announced_meeting_print_its_agenda(tree):
    from lamtheo.learning.meetings.tests.helpers import announce

    meeting = announce(tree)
    _, text = _text(minutes_docx(meeting, attendance_of(meeting)))
    assert "Chương trình sinh hoạt (theo thông báo triệu tập)" in text
    assert "- Học tập chuyên đề năm 2026.\n- Nhận xét sổ tay tháng trước." in text
