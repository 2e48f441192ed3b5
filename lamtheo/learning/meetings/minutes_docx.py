"""The minutes of a cell meeting as a one-page .docx in the Party's document form
(Hướng dẫn 36-HD/VPTW): issuing body top left, "ĐẢNG CỘNG SẢN VIỆT NAM" top right with
the place and date in italics, the title centred, Times New Roman on A4, the signatures
of the secretary of the meeting and of its chair."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from lamtheo.core.dates import party_date_line
from lamtheo.core.docx import a4_page, add_para, add_run, rule_under
from lamtheo.core.periods import month_label
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings.models import CellMeeting, MeetingKind
from lamtheo.orgs.selectors import document_place


def _header(doc, meeting: CellMeeting) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    parent = meeting.unit.parent
    left.paragraphs[0].alignment = center
    if parent is not None:
        add_run(left.paragraphs[0], parent.name.upper(), size=13)
        add_para(left, meeting.unit.name.upper(), align=center, size=13, bold=True)
    else:
        add_run(left.paragraphs[0], meeting.unit.name.upper(), size=13, bold=True)
    add_para(left, "*", align=center, size=13)
    right.paragraphs[0].alignment = center
    add_run(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    rule_under(right.paragraphs[0])
    place = document_place(meeting.unit).name  # set in the unit's settings, or above it
    add_para(right, party_date_line(place, meeting.held_on), align=center, italic=True)


def _names(rows) -> str:
    return ", ".join(r.person.full_name + (f" ({r.reason})" if r.reason else "") for r in rows)


def _attendance(doc, attendance) -> None:
    present = [a for a in attendance if a.status == AttendanceStatus.PRESENT]
    excused = [a for a in attendance if a.status == AttendanceStatus.EXCUSED]
    unexcused = [a for a in attendance if a.status == AttendanceStatus.UNEXCUSED]
    if not attendance:
        add_para(doc, "- Thành phần: chưa điểm danh.")
        return
    add_para(
        doc,
        f"- Đảng viên phải dự: {len(attendance)}; có mặt: {len(present)}; "
        f"vắng có lý do: {len(excused)}; vắng không lý do: {len(unexcused)}.",
    )
    if excused:
        add_para(doc, f"- Vắng có lý do: {_names(excused)}.")
    if unexcused:
        add_para(doc, f"- Vắng không lý do: {_names(unexcused)}.")


def _content(doc, meeting: CellMeeting) -> None:
    items = []
    if meeting.topic_studied:
        topic = f": {meeting.topic.title}" if meeting.topic else ""
        items.append(f"Học tập chuyên đề{topic}.")
    if meeting.handbook_reviewed:
        items.append(
            "Nhận xét sổ tay \u201cLàm theo gương Bác\u201d "
            f"{month_label(meeting.reviewed_month).lower()} của đảng viên."
        )
    if meeting.story_id:
        items.append(f"Đọc mẩu chuyện \u201c{meeting.story.title}\u201d.")
    if meeting.self_check:
        items.append(
            "Đảng viên tự soi, tự sửa theo 27 biểu hiện suy thoái "
            "(Nghị quyết Trung ương 4 khóa XII)."
        )
    agenda = [line.strip() for line in meeting.agenda.splitlines() if line.strip()]
    if agenda:  # announced beforehand: what the invitation said the meeting would take up
        add_para(doc, "Chương trình sinh hoạt (theo thông báo triệu tập)", bold=True)
        for line in agenda:
            add_para(doc, f"- {line.lstrip('-– ').strip()}")
    add_para(doc, "1. Nội dung học tập và làm theo Bác", bold=True)
    for text in items or ["Không có nội dung về học tập và làm theo Bác."]:
        add_para(doc, f"- {text}")
    add_para(doc, "2. Diễn biến", bold=True)
    for line in (meeting.proceedings or "…").splitlines():
        if line.strip():
            add_para(doc, line.strip())
    add_para(doc, "3. Kết luận", bold=True)
    for line in (meeting.conclusion or "…").splitlines():
        if line.strip():
            add_para(doc, line.strip())


def _signatures(doc, meeting: CellMeeting) -> None:
    table = doc.add_table(rows=1, cols=2)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for cell, title, person in (
        (table.rows[0].cells[0], "THƯ KÝ", meeting.clerk),
        (table.rows[0].cells[1], "CHỦ TRÌ", meeting.chair),
    ):
        cell.paragraphs[0].alignment = center
        add_run(cell.paragraphs[0], title, bold=True)
        add_para(cell, "(Ký, ghi rõ họ tên)", align=center, italic=True, size=12, after=36)
        add_para(cell, person.full_name if person else "", align=center, bold=True)


def minutes_docx(meeting: CellMeeting, attendance) -> bytes:
    doc = Document()
    a4_page(doc)
    _header(doc, meeting)
    center = WD_ALIGN_PARAGRAPH.CENTER
    add_para(doc, "", after=6)
    add_para(doc, "BIÊN BẢN SINH HOẠT CHI BỘ", align=center, size=15, bold=True)
    kind = "định kỳ" if meeting.kind == MeetingKind.REGULAR else "chuyên đề"
    add_para(
        doc,
        f"Sinh hoạt {kind} {month_label(meeting.month).lower()}",
        align=center,
        bold=True,
        after=8,
    )
    add_para(doc, f"- Thời gian: ngày {meeting.held_on:%d/%m/%Y}.")
    add_para(doc, f"- Địa điểm: {meeting.place}.")
    add_para(
        doc,
        f"- Chủ trì: đồng chí {meeting.chair.full_name if meeting.chair else '…'}; "
        f"thư ký: đồng chí {meeting.clerk.full_name if meeting.clerk else '…'}.",
    )
    _attendance(doc, attendance)
    _content(doc, meeting)
    add_para(doc, "", after=6)
    _signatures(doc, meeting)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
