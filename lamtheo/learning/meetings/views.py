"""The cells' meetings: the list of a cell, recording and correcting the minutes, taking
attendance, printing the minutes; and the figures of the meetings for a unit."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lamtheo.core import form_tokens
from lamtheo.core.docx import DOCX_TYPE
from lamtheo.core.downloads import attachment_response
from lamtheo.core.errors import DomainError
from lamtheo.core.figure_tables import Column, figures_table
from lamtheo.core.forms import ReasonForm, version_required
from lamtheo.core.periods import (
    month_slug,
    month_start,
    months_offered,
    period_from,
    year_from,
    year_links,
    years_offered,
)
from lamtheo.core.xlsx import xlsx_response
from lamtheo.learning.meetings import services
from lamtheo.learning.meetings.exports import meeting_table_xlsx
from lamtheo.learning.meetings.forms import AnnouncementForm, AttendanceForm, MeetingForm
from lamtheo.learning.meetings.minutes_docx import minutes_docx
from lamtheo.learning.meetings.models import CellMeeting, MeetingStatus
from lamtheo.learning.meetings.selectors import (
    attendance_of,
    cell_meetings,
    cells_without_meeting,
    deleted_meetings,
    expected_people,
    get_announcement_or_404,
    get_meeting_or_404,
    meeting_history,
    meeting_unit_figures,
    reviewed_entries,
)
from lamtheo.orgs.scope import Capability, can, get_unit_or_404
from lamtheo.orgs.selectors import breadcrumbs
from lamtheo.people.models import MemberStatus, Person, overlapping_q

FIELDS = ("kind", "held_on", "place", "chair", "clerk", "topic_studied", "handbook_reviewed",
          "story", "self_check", "agenda", "proceedings", "conclusion")  # fmt: skip


@login_required
def cell(request: HttpRequest, code: str) -> HttpResponse:
    """A cell's meetings of a year."""
    unit = get_unit_or_404(request.user, code, Capability.VIEW_RECORDS)
    if not unit.is_cell:
        return redirect("learning:meeting_figures", unit.code)
    year = year_from(request.GET)
    return render(request, "learning/meetings_cell.html", {
        "unit": unit, "year": year, "years": years_offered(), "meetings": cell_meetings(unit, year),
        "can_record": can(request.user, Capability.RECORD_MEETINGS, unit),
        "deleted": (deleted_meetings(unit, year)
                    if can(request.user, Capability.VIEW_AUDIT, unit) else []),
    })  # fmt: skip


def _minutes_of(request: HttpRequest, pk: int, capability: Capability):
    """A meeting with minutes; an announced or cancelled one answers with its announcement."""
    meeting = get_meeting_or_404(request.user, pk, capability)
    if not meeting.is_held:
        return meeting, redirect("learning:meeting_announcement", meeting.pk)
    return meeting, None


def _input(data: dict) -> services.MeetingInput:
    return services.MeetingInput(**{name: data[name] for name in FIELDS})


def _people_for_form(unit, meeting: CellMeeting | None) -> list[Person]:
    """Anyone who belonged to the cell this year (or in the meeting's month) may chair or
    keep the minutes; the service checks the chosen person against the meeting's month."""
    today = timezone.localdate()
    start = meeting.month if meeting else today.replace(day=1, month=1)
    end = meeting.month if meeting else today
    overlapping = Q(memberships__unit=unit) & overlapping_q(start, end, "memberships__")
    return list(Person.objects.filter(overlapping).exclude(status=MemberStatus.NON_MEMBER)
                .distinct().order_by("sort_key"))  # fmt: skip


@login_required
def new(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.RECORD_MEETINGS)
    if not unit.is_cell:
        return redirect("learning:meeting_figures", unit.code)
    if (done := form_tokens.already(request)) is not None:
        messages.info(request, form_tokens.ALREADY)
        return redirect("learning:meeting_detail", done.pk)
    form = MeetingForm(
        request.POST or None,
        people=_people_for_form(unit, None),
        initial={"held_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting, created = form_tokens.once(
                user=request.user,
                token=request.POST.get(form_tokens.FIELD),
                create=lambda: services.meeting_create(
                    actor=request.user, unit=unit, data=_input(form.cleaned_data)
                ),
            )
            if not created:
                messages.info(request, form_tokens.ALREADY)
                return redirect("learning:meeting_detail", meeting.pk)
            messages.success(request, "Đã lưu biên bản. Mời đồng chí điểm danh đảng viên.")
            return redirect("learning:meeting_attendance", meeting.pk)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(
        request,
        "learning/meeting_form.html",
        {"unit": unit, "form": form, "meeting": None, "form_token": form_tokens.token_for(request)},
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, elsewhere = _minutes_of(request, pk, Capability.RECORD_MEETINGS)
    if elsewhere:
        return elsewhere
    initial = {name: getattr(meeting, name) for name in FIELDS}
    initial |= {"held_on": meeting.held_on.strftime("%d/%m/%Y"), "version": meeting.version}
    form = version_required(
        MeetingForm(
            request.POST or None, initial=initial, people=_people_for_form(meeting.unit, meeting)
        )
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                data=_input(form.cleaned_data),
                version=form.cleaned_data["version"],
            )
            messages.success(request, "Đã lưu thay đổi của biên bản.")
            return redirect("learning:meeting_detail", meeting.pk)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(
        request,
        "learning/meeting_form.html",
        {"unit": meeting.unit, "form": form, "meeting": meeting},
    )


@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, elsewhere = _minutes_of(request, pk, Capability.RECORD_MEETINGS)
    if elsewhere:
        return elsewhere
    form = ReasonForm(request.POST or None, initial={"version": meeting.version},
                      label="Lý do xóa", required="Vui lòng ghi lý do xóa biên bản.")  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_delete(actor=request.user, meeting=meeting,
                                    reason=form.cleaned_data["reason"],
                                    version=form.cleaned_data["version"])  # fmt: skip
            messages.success(request, f"Đã xóa biên bản {meeting.get_kind_display().lower()} "
                                      f"ngày {meeting.held_on:%d/%m/%Y}.")  # fmt: skip
            return redirect(f"{reverse('learning:meeting_cell', args=[meeting.unit.code])}"
                            f"?nam={meeting.month.year}")  # fmt: skip
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(request, "learning/meeting_delete.html",
                  {"meeting": meeting, "unit": meeting.unit, "form": form})  # fmt: skip


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, elsewhere = _minutes_of(request, pk, Capability.RECORD_MEETINGS)
    if elsewhere:
        return elsewhere
    people = services.expected_people(meeting.unit, meeting.month)
    current = {a.person_id: a for a in meeting.attendance.all()}
    initial = {"version": meeting.version}
    for p in people:
        mark = current.get(p.pk)
        # Blank until someone chooses, as the study attendance: a tick nobody made is not
        # a record of presence. "all_present" marks the rest present on purpose.
        initial[f"status_{p.pk}"] = mark.status if mark else None
        initial[f"reason_{p.pk}"] = mark.reason if mark else ""
    form = AttendanceForm(
        request.POST or None,
        initial=initial,
        people=people,
        all_present="all_present" in request.POST,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        marks = {
            p.pk: services.Mark(data[f"status_{p.pk}"], data[f"reason_{p.pk}"]) for p in people
        }
        try:
            services.meeting_record_attendance(
                actor=request.user, meeting=meeting, marks=marks, version=data["version"]
            )
            messages.success(request, "Đã lưu điểm danh.")
            return redirect("learning:meeting_detail", meeting.pk)
        except DomainError as e:
            form.add_error(None, e.message)
    return render(
        request,
        "learning/meeting_attendance.html",
        {"meeting": meeting, "unit": meeting.unit, "form": form, "rows": form.rows()},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, elsewhere = _minutes_of(request, pk, Capability.VIEW_RECORDS)
    if elsewhere:
        return elsewhere
    unit = meeting.unit
    return render(request, "learning/meeting_detail.html", {
        "meeting": meeting, "unit": unit, "attendance": attendance_of(meeting),
        "entries": reviewed_entries(meeting),
        "can_record": can(request.user, Capability.RECORD_MEETINGS, unit),
        "can_review": can(request.user, Capability.REVIEW, unit),
        "history": (meeting_history(meeting)
                    if can(request.user, Capability.VIEW_AUDIT, unit) else None),
    })  # fmt: skip


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, elsewhere = _minutes_of(request, pk, Capability.VIEW_RECORDS)
    if elsewhere:
        return elsewhere
    data = minutes_docx(meeting, attendance_of(meeting))
    name = f"bien-ban-sinh-hoat-{meeting.unit.code}-{meeting.held_on:%Y-%m-%d}.docx"
    return attachment_response(data, name, DOCX_TYPE)


# --- announcing a meeting ---------------------------------------------------------------

CONFIRM = "xac_nhan"


def _announcement_input(data: dict) -> services.AnnouncementInput:
    return services.AnnouncementInput(
        kind=data["kind"],
        held_on=data["held_on"],
        starts_at=data["starts_at"],
        place=data["place"],
        agenda=data["agenda"],
    )


def _preview(unit, data: dict) -> CellMeeting:
    """An unsaved meeting with the posted details, for the check page."""
    meeting = CellMeeting(unit=unit, status=MeetingStatus.ANNOUNCED, kind=data["kind"],
                          held_on=data["held_on"], starts_at=data["starts_at"],
                          place=data["place"].strip(), agenda=data["agenda"].strip())  # fmt: skip
    meeting.month = month_start(data["held_on"])
    return meeting


@login_required
def announce(request: HttpRequest, code: str) -> HttpResponse:
    """Announce a meeting: the form, then a check page listing who will be notified, then
    the announcement is saved and the people expected are notified."""
    unit = get_unit_or_404(request.user, code, Capability.RECORD_MEETINGS)
    if not unit.is_cell:
        return redirect("learning:meeting_figures", unit.code)
    if (done := form_tokens.already(request)) is not None:
        messages.info(request, form_tokens.ALREADY)
        return redirect("learning:meeting_announcement", done.pk)
    form = AnnouncementForm(request.POST or None)
    context = {"unit": unit, "form": form, "meeting": None,
               "form_token": form_tokens.token_for(request)}  # fmt: skip
    if request.method == "POST" and form.is_valid() and "sua" not in request.POST:
        data = form.cleaned_data
        try:
            services.check_announcement(unit, _announcement_input(data))
            if request.POST.get(CONFIRM) != "1":  # first the check page
                preview = _preview(unit, data)
                context |= {"preview": preview, "people": expected_people(unit, preview.month)}
                return render(request, "learning/meeting_announce_check.html", context)
            told = []
            meeting, created = form_tokens.once(
                user=request.user,
                token=request.POST.get(form_tokens.FIELD),
                create=lambda: _announce(request, unit, data, told),
            )
            if created:
                messages.success(request, f"Đã gửi thông báo triệu tập đến {told[0]} đảng viên.")
            else:
                messages.info(request, form_tokens.ALREADY)
            return redirect("learning:meeting_announcement", meeting.pk)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(request, "learning/meeting_announce_form.html", context)


def _announce(request, unit, data, told: list) -> CellMeeting:
    meeting, count = services.meeting_announce(
        actor=request.user, unit=unit, data=_announcement_input(data)
    )
    told.append(count)
    return meeting


@login_required
def announcement(request: HttpRequest, pk: int) -> HttpResponse:
    """The announcement of a meeting: when, where, the agenda and the people invited."""
    meeting = get_announcement_or_404(request.user, pk)
    unit = meeting.unit
    return render(request, "learning/meeting_announcement.html", {
        "meeting": meeting, "unit": unit, "people": expected_people(unit, meeting.month),
        "can_record": can(request.user, Capability.RECORD_MEETINGS, unit),
        "can_view": can(request.user, Capability.VIEW_RECORDS, unit),
    })  # fmt: skip


def _announced(request: HttpRequest, pk: int):
    meeting = get_meeting_or_404(request.user, pk, Capability.RECORD_MEETINGS)
    if not meeting.is_announced:
        messages.info(request, "Buổi sinh hoạt này không còn chờ diễn ra.")
        return meeting, redirect("learning:meeting_announcement", meeting.pk)
    return meeting, None


@login_required
def announce_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, elsewhere = _announced(request, pk)
    if elsewhere:
        return elsewhere
    initial = {"kind": meeting.kind, "held_on": meeting.held_on.strftime("%d/%m/%Y"),
               "starts_at": meeting.starts_at.strftime("%H:%M") if meeting.starts_at else "",
               "place": meeting.place, "agenda": meeting.agenda,
               "version": meeting.version}  # fmt: skip
    form = version_required(AnnouncementForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        try:
            told = services.meeting_announcement_update(
                actor=request.user, meeting=meeting,
                data=_announcement_input(form.cleaned_data),
                version=form.cleaned_data["version"],
            )  # fmt: skip
            messages.success(request, f"Đã lưu thay đổi và thông báo lại cho {told} đảng viên.")
            return redirect("learning:meeting_announcement", meeting.pk)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(request, "learning/meeting_announce_form.html",
                  {"unit": meeting.unit, "form": form, "meeting": meeting})  # fmt: skip


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, elsewhere = _announced(request, pk)
    if elsewhere:
        return elsewhere
    form = ReasonForm(request.POST or None, initial={"version": meeting.version},
                      label="Lý do hủy", required="Vui lòng ghi lý do hủy buổi sinh hoạt.")  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            told = services.meeting_cancel(actor=request.user, meeting=meeting,
                                           reason=form.cleaned_data["reason"],
                                           version=form.cleaned_data["version"])  # fmt: skip
            messages.success(request, f"Đã hủy buổi sinh hoạt và thông báo cho {told} đảng viên.")
            return redirect("learning:meeting_announcement", meeting.pk)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(request, "learning/meeting_cancel.html",
                  {"meeting": meeting, "unit": meeting.unit, "form": form})  # fmt: skip


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the minutes of an announced meeting: the form starts from the announcement
    (kind, date, place, agenda) and the same record becomes the held meeting."""
    meeting, elsewhere = _announced(request, pk)
    if elsewhere:
        return elsewhere
    initial = {"kind": meeting.kind, "held_on": meeting.held_on.strftime("%d/%m/%Y"),
               "place": meeting.place, "agenda": meeting.agenda,
               "version": meeting.version}  # fmt: skip
    form = version_required(
        MeetingForm(
            request.POST or None, initial=initial, people=_people_for_form(meeting.unit, meeting)
        )
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(actor=request.user, meeting=meeting,
                                    data=_input(form.cleaned_data),
                                    version=form.cleaned_data["version"])  # fmt: skip
            messages.success(request, "Đã lưu biên bản. Mời đồng chí điểm danh đảng viên.")
            return redirect("learning:meeting_attendance", meeting.pk)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(request, "learning/meeting_form.html",
                  {"unit": meeting.unit, "form": form, "meeting": None,
                   "announced": meeting})  # fmt: skip


# --- figures ---------------------------------------------------------------------------

COLUMNS = [
    Column("Số chi bộ", "cells"),
    Column("Đã sinh hoạt định kỳ", "held_rate", part="held", whole="cells"),
    Column("Có nội dung học tập và làm theo Bác", "content_rate", part="with_content",
           whole="cells"),
    Column("Đảng viên có mặt", "attendance_rate", rate=True),
    Column("Sinh hoạt chuyên đề", "thematic"),
]  # fmt: skip


def _figures(request: HttpRequest, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    month = period_from(request.GET)
    return unit, month, meeting_unit_figures(unit, month)


@login_required
def figures(request: HttpRequest, code: str) -> HttpResponse:
    unit, month, fig = _figures(request, code)
    query = urlencode({"thang": month_slug(month)})
    return render(request, "learning/meeting_figures.html", {
        "unit": unit, "month": month, "figures": fig, "t": fig.total,
        "table": figures_table(COLUMNS, fig.rows, fig.total, url_name="learning:meeting_figures",
                               query=query),
        "breadcrumbs": breadcrumbs(request.user, unit), "months": months_offered(month.year),
        "periods": year_links(month.year), "query": query,
        "can_open_cell": unit.is_cell and can(request.user, Capability.VIEW_RECORDS, unit),
    })  # fmt: skip


@login_required
def figures_export(request: HttpRequest, code: str) -> HttpResponse:
    unit, month, fig = _figures(request, code)
    workbook = meeting_table_xlsx(fig, on=timezone.localdate())
    return xlsx_response(workbook, f"sinh-hoat-chi-bo-{unit.code}-{month_slug(month)}.xlsx")


@login_required
def missing(request: HttpRequest, code: str) -> HttpResponse:
    """The cells of the unit that have not recorded the month's regular meeting."""
    unit, month, fig = _figures(request, code)
    page = Paginator(cells_without_meeting(unit, month).select_related("parent"), 100)
    page = page.get_page(request.GET.get("trang"))
    return render(request, "learning/meeting_missing.html", {
        "unit": unit, "month": month, "page": page, "t": fig.total,
        "query": urlencode({"thang": month_slug(month)}), "months": months_offered(month.year),
    })  # fmt: skip
