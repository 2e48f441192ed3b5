"""Pages of the study of the topic: the sessions of a unit, scheduling, a session's
progress, a cell's attendance, and the participation figures with the named list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lamtheo.campaign.models import Topic
from lamtheo.core import form_tokens
from lamtheo.core.audit import changes_of
from lamtheo.core.errors import DomainError
from lamtheo.core.figure_tables import figures_table, sort_links, sort_text
from lamtheo.core.forms import ReasonForm, version_required
from lamtheo.core.xlsx import xlsx_response
from lamtheo.learning.study import selectors as sel
from lamtheo.learning.study.exports import not_studied_xlsx, topic_table_xlsx
from lamtheo.learning.study.forms import CHOSEN, WHOLE, AttendanceForm, SessionForm
from lamtheo.learning.study.services import (
    SessionInput,
    study_attendance_record,
    study_session_cancel,
    study_session_schedule,
    study_session_update,
)
from lamtheo.orgs.scope import Capability, can, get_unit_or_404, has_any
from lamtheo.orgs.selectors import breadcrumbs

PAGE_SIZE = 50


@login_required
def sessions(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.ORGANIZE_STUDY)
    items = list(sel.sessions_reaching(unit)[:100])
    cancelled = (
        sel.cancelled_sessions(unit) if can(request.user, Capability.VIEW_AUDIT, unit) else []
    )
    return render(request, "learning/study_sessions.html",
                  {"unit": unit, "sessions": items, "cancelled": cancelled})  # fmt: skip


def _input(form: SessionForm) -> SessionInput:
    d = form.cleaned_data
    return SessionInput(
        topic=d["topic"], title=d["title"], kind=d["kind"], format=d["format"],
        held_on=d["held_on"], place=d["place"], link=d["link"], whole_subtree=d["scope"] == WHOLE,
        chosen_units=list(d["chosen_units"] or []), note=d["note"],
    )  # fmt: skip


def _domain_error(form, e: DomainError) -> None:
    form.add_error(e.field if e.field in form.fields else None, e.message)


@login_required
def session_create(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.ORGANIZE_STUDY)
    if (done := form_tokens.already(request)) is not None:
        messages.info(request, form_tokens.ALREADY)
        return redirect("learning:study_session", done.pk)
    topics = sel.topic_choices(unit)
    current = sel.topic_for(unit=unit, year=timezone.localdate().year)
    form = SessionForm(request.POST or None, unit=unit, topics=topics,
                       initial={"topic": current.pk if current else None})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            session, created = form_tokens.once(
                user=request.user,
                token=request.POST.get(form_tokens.FIELD),
                create=lambda: study_session_schedule(
                    actor=request.user, unit=unit, data=_input(form)
                ),
            )
            if created:
                messages.success(request, "Đã lên lịch buổi học tập.")
            else:
                messages.info(request, form_tokens.ALREADY)
            return redirect("learning:study_session", session.pk)
        except DomainError as e:
            _domain_error(form, e)
    return render(request, "learning/study_session_form.html",
                  {"unit": unit, "form": form, "session": None,
                   "form_token": form_tokens.token_for(request)})  # fmt: skip


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = sel.get_session_or_404(request.user, pk)
    if not can(request.user, Capability.ORGANIZE_STUDY, session.unit):
        raise Http404("Không tìm thấy buổi học.")
    unit = session.unit
    initial = {
        "topic": session.topic_id, "title": session.title, "format": session.format,
        "kind": session.kind, "held_on": session.held_on, "place": session.place,
        "link": session.link, "scope": WHOLE if session.whole_subtree else CHOSEN,
        "chosen_units": list(session.chosen_units.all()), "note": session.note,
        "version": session.version,
    }  # fmt: skip
    topics = sel.topic_choices(unit) | Topic.objects.filter(pk=session.topic_id)
    form = SessionForm(request.POST or None, unit=unit, topics=topics, initial=initial)
    version_required(form)
    if request.method == "POST" and form.is_valid():
        try:
            study_session_update(actor=request.user, session=session, data=_input(form),
                                 version=form.cleaned_data["version"])  # fmt: skip
            messages.success(request, "Đã lưu thay đổi của buổi học tập.")
            return redirect("learning:study_session", session.pk)
        except DomainError as e:
            _domain_error(form, e)
    return render(request, "learning/study_session_form.html",
                  {"unit": unit, "form": form, "session": session})  # fmt: skip


@login_required
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = sel.get_session_or_404(request.user, pk)
    if not can(request.user, Capability.ORGANIZE_STUDY, session.unit):
        raise Http404("Không tìm thấy buổi học.")
    form = ReasonForm(request.POST or None, initial={"version": session.version},
                      label="Lý do hủy", required="Vui lòng ghi lý do hủy buổi học.")  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            study_session_cancel(actor=request.user, session=session,
                                 reason=form.cleaned_data["reason"],
                                 version=form.cleaned_data["version"])  # fmt: skip
            messages.success(request, f"Đã hủy buổi học “{session.title}”.")
            return redirect("learning:study_sessions", session.unit.code)
        except DomainError as e:
            _domain_error(form, e)
    return render(request, "learning/study_session_cancel.html", {
        "session": session, "form": form,
        "recorded": session.sheets.filter(recorded_at__isnull=False).exists(),
    })  # fmt: skip


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = sel.get_session_or_404(request.user, pk)
    sheets = list(sel.visible_sheets(request.user, session))
    recordable = {s.pk for s in sheets if can(request.user, Capability.RECORD_ATTENDANCE, s.cell)}
    return render(request, "learning/study_session.html", {
        "session": session, "sheets": sheets, "recordable": recordable,
        "can_edit": can(request.user, Capability.ORGANIZE_STUDY, session.unit),
        "held": session.held_on <= timezone.localdate(),
        "total_expected": sum(s.expected for s in sheets),
        "total_marked": sum(s.marked for s in sheets),
        "total_recorded": sum(1 for s in sheets if s.recorded_at),
        "chosen": list(session.chosen_units.all()) if not session.whole_subtree else [],
        "history": _session_history(request.user, session),
    })  # fmt: skip


def _session_history(user, session) -> list | None:
    """The session's own changes (for the organizing unit's auditors) and the attendance
    changes of the cells where the user may read the audit trail, newest first."""
    if not has_any(user, Capability.VIEW_AUDIT):
        return None
    changes = sel.session_attendance_history(user, session)
    if can(user, Capability.VIEW_AUDIT, session.unit):
        skip = {"unit", "topic", "created_by", "created_at", "month"}
        changes += changes_of(session.history.all(), what="Buổi học tập", skip=skip)
    return sorted(changes, key=lambda c: c.at, reverse=True)


@login_required
def attendance(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    sheet = sel.get_sheet_or_404(request.user, pk, code)
    rows, exempt = sel.sheet_rows(sheet)
    form = AttendanceForm(request.POST or None, rows=rows, initial={"version": sheet.version})
    if request.method == "POST" and form.is_valid():
        try:
            n = study_attendance_record(
                actor=request.user, sheet=sheet, version=form.cleaned_data["version"],
                marks=form.marks(all_present="all_present" in request.POST),
            )  # fmt: skip
            messages.success(request, f"Đã lưu điểm danh ({n} người có thay đổi).")
            return redirect("learning:study_attendance", pk, code)
        except DomainError as e:
            _domain_error(form, e)
    history = (sel.sheet_history(sheet) if can(request.user, Capability.VIEW_AUDIT, sheet.cell)
               else None)  # fmt: skip
    return render(request, "learning/study_attendance.html", {
        "sheet": sheet, "session": sheet.session, "form": form, "exempt": exempt,
        "held": sheet.session.held_on <= timezone.localdate(), "history": history,
    })  # fmt: skip


# --- figures ---------------------------------------------------------------------------


def _figures(request: HttpRequest, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    topics = sel.topics_reaching(unit)
    topic = sel.pick_topic(unit, topics, request.GET.get("chuyen-de"))
    figures = sel.topic_figures(unit, topic)
    sort = sel.parse_sort(request.GET.get("sap-xep"))
    lagging = request.GET.get("cham") == "1"
    return unit, topics, topic, figures, sort, lagging, sel.sort_rows(figures.rows, sort, lagging)


def _query(topic, sort: str | None = None, lagging: bool = False) -> str:
    params = {"chuyen-de": topic.pk} if topic else {}
    if sort:
        params["sap-xep"] = sort
    if lagging:
        params["cham"] = "1"
    return urlencode(params)


@login_required
def figures(request: HttpRequest, code: str) -> HttpResponse:
    unit, topics, topic, figures, sort, lagging, rows = _figures(request, code)
    columns = sort_links(sel.COLUMNS, sort, lambda sort_param: _query(topic, sort_param))
    table = figures_table(
        sel.COLUMNS,
        rows,
        figures.total,
        url_name="learning:study_figures",
        query=_query(topic),
        links=columns,
    )
    return render(request, "learning/study_figures.html", {
        "unit": unit, "topics": topics, "topic": topic, "figures": figures, "rows": rows,
        "table": table, "lagging": lagging, "breadcrumbs": breadcrumbs(request.user, unit),
        "query": _query(topic, sort_text(sort), lagging), "topic_query": _query(topic),
        "lagging_query": _query(topic, None, not lagging),
        "can_organize": can(request.user, Capability.ORGANIZE_STUDY, unit),
        "current_topic": sel.topic_for(unit=unit, year=timezone.localdate().year),
    })  # fmt: skip


@login_required
def figures_export(request: HttpRequest, code: str) -> HttpResponse:
    unit, _topics, topic, figures, _sort, _lagging, rows = _figures(request, code)
    workbook = topic_table_xlsx(figures, rows, on=timezone.localdate())
    return xlsx_response(workbook, f"hoc-tap-chuyen-de-{unit.code}.xlsx")


def _not_studied(request: HttpRequest, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    topic = sel.pick_topic(unit, sel.topics_reaching(unit), request.GET.get("chuyen-de"))
    return unit, topic, sel.not_studied(unit, topic)


@login_required
def not_studied(request: HttpRequest, code: str) -> HttpResponse:
    unit, topic, people = _not_studied(request, code)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "learning/study_not_studied.html", {
        "unit": unit, "topic": topic, "page": page, "query": _query(topic),
    })  # fmt: skip


@login_required
def not_studied_export(request: HttpRequest, code: str) -> HttpResponse:
    unit, topic, people = _not_studied(request, code)
    workbook = not_studied_xlsx(unit, topic, people, on=timezone.localdate())
    return xlsx_response(workbook, f"chua-hoc-tap-chuyen-de-{unit.code}.xlsx")
