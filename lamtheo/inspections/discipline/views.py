"""Discipline pages: record a decision (form → check → confirmation), read it, correct or
annul it, "Kỷ luật của tôi", the tree's authority table and the counts without names.
Every page here is personal data: `Cache-Control: private, no-store` (no_store)."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lamtheo.core import form_tokens
from lamtheo.core.audit import changes_of
from lamtheo.core.dates import format_date
from lamtheo.core.errors import DomainError
from lamtheo.core.forms import ReasonForm
from lamtheo.core.middleware import NO_STORE
from lamtheo.core.periods import year_from
from lamtheo.inspections.discipline import exports, selectors, services
from lamtheo.inspections.discipline.figures import discipline_unit_figures
from lamtheo.inspections.discipline.forms import DATE_FIELDS, AuthorityForm, DecisionForm, box_name
from lamtheo.inspections.discipline.models import (
    FORMS_OF,
    DisciplineForm,
    Organ,
    RecordState,
    SubjectKind,
)
from lamtheo.orgs.scope import Capability, can, get_unit_or_404, has_any, top_units
from lamtheo.people.models import LeavingKind

NOT_FOUND = "Không tìm thấy trang."


def no_store(view):
    """Discipline is sensitive: no copy kept by a proxy or the browser, whoever asks."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        return response

    return wrapped


def _base(request) -> str:
    return request.build_absolute_uri("/")


def _add_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@no_store
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    deciding = selectors.deciding_units(user)
    figure_units = top_units(user, Capability.DISCIPLINE_FIGURES)
    tops = selectors.authority_tops(user)
    if not (deciding or figure_units or tops or has_any(user, Capability.VIEW_DISCIPLINE)):
        raise Http404(NOT_FOUND)
    return render(request, "inspections/discipline/home.html", {
        "records": list(selectors.records_for(user)[:200]),
        "deciding": deciding, "figure_units": figure_units, "tops": tops,
        "year": timezone.localdate().year,
    })  # fmt: skip


@no_store
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "inspections/discipline/mine.html",
        {"records": list(selectors.own_records(request.user))},
    )  # fmt: skip


def _decision_input(form: DecisionForm, unit, record=None) -> services.DecisionInput:
    data = form.cleaned_data
    person = organization = None
    if record is None:
        code = data["subject_code"]
        if data["subject_kind"] == SubjectKind.MEMBER:
            person = selectors.person_for(unit, code)
            if person is None:
                raise DomainError(
                    f"Không tìm thấy đảng viên mã “{code}” sinh hoạt trong {unit.name}.",
                    field="subject_code",
                )
        else:
            organization = selectors.organization_for(unit, code)
            if organization is None:
                raise DomainError(
                    f"Không tìm thấy tổ chức đảng mã “{code}” trực thuộc {unit.name}.",
                    field="subject_code",
                )
    return services.DecisionInput(
        organ=data["organ"], form=data["form"], decision_number=data["decision_number"],
        decision_date=data["decision_date"], reason=data["reason"],
        effective_from=data["effective_from"], effective_to=data.get("effective_to"),
        person=person, organization=organization, inspection=data.get("inspection"),
    )  # fmt: skip


def _decision_form(request, unit, **kwargs) -> DecisionForm:
    return DecisionForm(
        request.POST or None,
        organs=selectors.organs_of(unit),
        inspections=selectors.inspections_for(unit),
        **kwargs,
    )


@no_store
@login_required
def record_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.RECORD_DISCIPLINE)
    if (done := form_tokens.already(request)) is not None:
        messages.info(request, form_tokens.ALREADY)
        return redirect("inspections:discipline_record", done.pk)
    today = timezone.localdate()
    form = _decision_form(request, unit, initial={
        "subject_kind": SubjectKind.MEMBER, "decision_date": today, "effective_from": today,
    })  # fmt: skip
    preview = None
    if request.method == "POST" and not request.POST.get("edit") and form.is_valid():
        try:
            data = _decision_input(form, unit)
            if request.POST.get("confirmed") == "1":
                record, created = form_tokens.once(
                    user=request.user, token=request.POST.get(form_tokens.FIELD),
                    create=lambda: services.discipline_record(
                        actor=request.user, unit=unit, data=data, base_url=_base(request)
                    ),
                )  # fmt: skip
                if created:
                    messages.success(request, _recorded_message(record))
                else:
                    messages.info(request, form_tokens.ALREADY)
                return redirect("inspections:discipline_record", record.pk)
            preview = services.discipline_preview(actor=request.user, unit=unit, data=data)
        except DomainError as e:
            _add_error(form, e)
    return render(request, "inspections/discipline/check.html" if preview else
                  "inspections/discipline/form.html", {
        "form": form, "unit": unit, "preview": preview, "date_fields": DATE_FIELDS,
        "form_token": form_tokens.token_for(request), "allowed": _allowed(unit),
    })  # fmt: skip


def _recorded_message(record) -> str:
    who = (f"Đồng chí {record.person.full_name}" if record.person_id
           else f"Cấp ủy {record.organization.name}")  # fmt: skip
    return (f"Đã ghi quyết định số {record.decision_number}. {who} đã được thông báo trong phần "
            "mềm (và qua thư điện tử nếu có địa chỉ); số liệu kỷ luật của năm đã được cập nhật.")  # fmt: skip


def _allowed(unit) -> list[tuple[str, str, list[str]]]:
    """What each organ of the unit may decide, for the form's hint."""
    table = selectors.authority_table(unit)
    return [
        (Organ(o).label, SubjectKind(k).label,
         [DisciplineForm(f).label.lower() for f in FORMS_OF[k] if f in table[o][k]])
        for o in selectors.organs_of(unit) for k in SubjectKind.values
    ]  # fmt: skip


@no_store
@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.get_record_or_404(request.user, pk)
    services.log_read(actor=request.user, record=rec)
    keeper = selectors.may_change(request.user, rec)
    history = rec.history.all()
    return render(request, "inspections/discipline/record.html", {
        "record": rec,
        "own": bool(rec.person_id) and rec.person.user_id == request.user.pk,
        "may_change": keeper and rec.state == RecordState.IN_FORCE,
        "leave_url": _leave_url(rec) if selectors.expulsion_to_record(request.user, rec) else "",
        # The trail (who recorded, corrected or annulled, and why) for the deciding body.
        "history": changes_of(history, what=f"Quyết định số {rec.decision_number}")
        if keeper else [],
    })  # fmt: skip


def _leave_url(rec) -> str:
    """The roster's "ra khỏi Đảng" form for the member, filled in from the decision."""
    query = urlencode({
        "kind": LeavingKind.LEFT_PARTY, "month": f"{rec.effective_from:%m/%Y}",
        "note": f"Khai trừ theo quyết định số {rec.decision_number} ngày "
                f"{format_date(rec.decision_date)}",
    })  # fmt: skip
    return f"{reverse('people:leave', args=[rec.person_id])}?{query}"


def _changeable_or_404(request, pk: int):
    rec = selectors.get_record_or_404(request.user, pk)
    if not selectors.may_change(request.user, rec):
        raise Http404(NOT_FOUND)
    return rec


@no_store
@login_required
def record_correct(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _changeable_or_404(request, pk)
    if rec.state != RecordState.IN_FORCE:
        return redirect("inspections:discipline_record", pk)
    form = _decision_form(request, rec.unit, correcting=True, initial={
        "organ": rec.organ, "form": rec.form, "decision_number": rec.decision_number,
        "decision_date": rec.decision_date, "reason": rec.reason, "inspection": rec.inspection,
        "effective_from": rec.effective_from, "effective_to": rec.effective_to,
        "version": rec.version,
    })  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.discipline_correct(
                actor=request.user, record=rec, data=_decision_input(form, rec.unit, rec),
                reason=form.cleaned_data["correct_reason"], version=form.cleaned_data["version"],
                base_url=_base(request),
            )  # fmt: skip
            messages.success(request, "Đã sửa quyết định; người liên quan đã được thông báo.")
            return redirect("inspections:discipline_record", pk)
        except DomainError as e:
            _add_error(form, e)
    return render(request, "inspections/discipline/correct.html", {
        "form": form, "record": rec, "date_fields": DATE_FIELDS, "allowed": _allowed(rec.unit),
    })  # fmt: skip


@no_store
@login_required
def record_annul(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _changeable_or_404(request, pk)
    if rec.state != RecordState.IN_FORCE:
        return redirect("inspections:discipline_record", pk)
    form = ReasonForm(request.POST or None, initial={"version": rec.version},
                      label="Lý do hủy quyết định", required="Ghi rõ lý do hủy quyết định.")  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.discipline_annul(
                actor=request.user, record=rec, reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"], base_url=_base(request),
            )  # fmt: skip
            messages.success(request, "Đã hủy quyết định; quyết định không còn được tính trong "
                             "số liệu, người liên quan đã được thông báo.")  # fmt: skip
            return redirect("inspections:discipline_record", pk)
        except DomainError as e:
            _add_error(form, e)
    return render(request, "inspections/discipline/annul.html", {"form": form, "record": rec})


@no_store
@login_required
def authority(request: HttpRequest, code: str) -> HttpResponse:
    top = next((t for t in selectors.authority_tops(request.user) if t.code == code), None)
    if top is None:
        raise Http404(NOT_FOUND)
    editable = selectors.may_edit_authority(request.user, top)
    kept = selectors.authority_of(top)
    table = selectors.authority_table(top)
    form = AuthorityForm(request.POST or None, table=table,
                         initial={"version": kept.version if kept else 0})  # fmt: skip
    if request.method == "POST":
        if not editable:
            raise Http404(NOT_FOUND)
        if form.is_valid():
            try:
                services.authority_save(actor=request.user, top=top, table=form.table(),
                                        version=form.cleaned_data["version"])  # fmt: skip
                messages.success(request, "Đã lưu bảng thẩm quyền; các quyết định ghi từ nay "
                                 "được kiểm tra theo bảng này.")  # fmt: skip
                return redirect("inspections:discipline_authority", top.code)
            except DomainError as e:
                _add_error(form, e)
    rows = [
        (Organ(o).label, [(SubjectKind(k).label, [
            (DisciplineForm(f).label, form[box_name(o, k, f)], f in table[o][k])
            for f in FORMS_OF[k]]) for k in SubjectKind.values])
        for o in Organ.values
    ]  # fmt: skip
    return render(request, "inspections/discipline/authority.html", {
        "top": top, "form": form, "rows": rows, "editable": editable,
    })  # fmt: skip


@no_store
@login_required
def figures(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.DISCIPLINE_FIGURES)
    year = year_from(request.GET)
    data = discipline_unit_figures(unit, year)
    return render(request, "inspections/discipline/figures.html", {
        "unit": unit, "year": year, "data": data, **exports.tables(data),
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
        "parent": unit.parent if unit.parent and _can_figures(request.user, unit.parent) else None,
    })  # fmt: skip


def _can_figures(user, unit) -> bool:
    return can(user, Capability.DISCIPLINE_FIGURES, unit)


@no_store
@login_required
def figures_export(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.DISCIPLINE_FIGURES)
    year = year_from(request.GET)
    return exports.figures_xlsx(discipline_unit_figures(unit, year))
