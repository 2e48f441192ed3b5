"""Plans, the conduct of an inspection and the follow-up of its remedies. Thin: a form, a
service call, a redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lamtheo.core import form_tokens
from lamtheo.core.audit import changes_of
from lamtheo.core.errors import DomainError
from lamtheo.core.figure_tables import Column, figures_table
from lamtheo.core.forms import ReasonForm, posted_version
from lamtheo.core.notices import CONFIRM_FIELD, recent, reminded_label
from lamtheo.core.periods import year_from, year_links
from lamtheo.core.uploads import store_upload, stored_file_response
from lamtheo.core.xlsx import xlsx_response
from lamtheo.inspections import conclusion_docx, exports, selectors, services
from lamtheo.inspections.feedback import selectors as feedback_selectors
from lamtheo.inspections.forms import (
    CategoryForm,
    ConcludeForm,
    EvidenceForm,
    FindingForm,
    InspectionForm,
    PlanForm,
    RemedyReportForm,
)
from lamtheo.inspections.models import (
    Evidence,
    FindingCategory,
    FindingKind,
    InspectionState,
    RemedyState,
)
from lamtheo.orgs.scope import Capability, can, get_unit_or_404, has_any, top_units
from lamtheo.orgs.selectors import breadcrumbs
from lamtheo.people.models import Person

NOT_FOUND = "Không tìm thấy trang."


def _base(request) -> str:
    return request.build_absolute_uri("/")


def _add_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _attempt(
    request: HttpRequest,
    act: Callable[[], Any],
    *,
    to: tuple | Callable[[Any], tuple],
    done: str = "",
    form=None,
    once: bool = False,
) -> HttpResponse | None:
    """Run one service call and go on: say `done`, redirect to `to` (URL name and arguments,
    or a function of what `act` returned). With a `form`: only when it was posted and is
    valid, and a refusal goes onto the form (None is returned: the caller draws the form
    again). Without (a bare button): a refusal is said in a message before the redirect.
    `once`: `act` creates, guarded by the form token (a second post answers with the first)."""
    if form is not None and not (request.method == "POST" and form.is_valid()):
        return None
    try:
        if once:
            token = request.POST.get(form_tokens.FIELD)
            result, created = form_tokens.once(user=request.user, token=token, create=act)
        else:
            result, created = act(), True
    except DomainError as e:
        if form is not None:
            _add_error(form, e)
            return None
        messages.error(request, e.message)
        return redirect(*to)
    if not created:
        messages.info(request, form_tokens.ALREADY)
    elif done:
        messages.success(request, done)
    return redirect(*(to(result) if callable(to) else to))


def _repeated(request: HttpRequest, to: Callable[[Any], tuple]) -> HttpResponse | None:
    """A second post of a create form that already created: back to what it created."""
    if (done := form_tokens.already(request)) is None:
        return None
    messages.info(request, form_tokens.ALREADY)
    return redirect(*to(done))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What the user has to do with inspections: plans they keep or read, inspections they
    are on the team of, remedies they answer for."""
    units = top_units(request.user, Capability.VIEW_INSPECTIONS)
    keeping = selectors.planning_units(request.user)
    feedback_waiting = (
        feedback_selectors.queue(request.user).count()
        if feedback_selectors.may_handle_any(request.user)
        else None
    )
    team = list(selectors.team_inspections(request.user))
    remedies = list(selectors.remedies_for(request.user))
    if not (units or team or remedies):
        raise Http404(NOT_FOUND)
    return render(
        request,
        "inspections/home.html",
        {
            "units": units,
            "keeping": keeping,
            "team": team,
            "remedies": remedies,
            "today": timezone.localdate(),
            "may_edit_categories": selectors.may_edit_categories(request.user),
            "may_see_signals": has_any(request.user, Capability.VIEW_SIGNALS),
            "feedback_waiting": feedback_waiting,
        },
    )


@login_required
def plans(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.VIEW_INSPECTIONS)
    children = unit.children.filter(is_active=True).order_by("name")
    return render(
        request,
        "inspections/plans.html",
        {
            "unit": unit,
            "plans": selectors.plans_of(request.user, unit),
            "can_keep": unit in selectors.planning_units(request.user),
            "children": children,
        },
    )


@login_required
def plan_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.PLAN_INSPECTIONS)
    if answer := _repeated(request, lambda plan: ("inspections:plan", plan.pk)):
        return answer
    year = timezone.localdate().year
    form = PlanForm(
        request.POST or None,
        initial={"year": year, "title": f"Kế hoạch kiểm tra, giám sát năm {year}"},
    )
    if answer := _attempt(
        request,
        lambda: services.plan_create(
            actor=request.user,
            unit=unit,
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
        ),
        to=lambda plan: ("inspections:plan", plan.pk),
        form=form,
        once=True,
    ):
        return answer
    return render(
        request,
        "inspections/plan_form.html",
        {"form": form, "unit": unit, "form_token": form_tokens.token_for(request)},
    )


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_or_404(request.user, pk)
    return render(
        request,
        "inspections/plan.html",
        {
            "plan": plan,
            "inspections": selectors.inspections_of(plan),
            "can_keep": selectors.can_keep_plan(request.user, plan),
        },
    )


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_or_404(request.user, pk)
    return exports.plan_xlsx(plan, selectors.inspections_of(plan))


def _team(plan, codes: list[str]) -> list[User]:
    if not codes:
        return []
    found = list(
        services.team_candidates(plan).filter(username__in=codes)
        | services.team_candidates(plan).filter(person__code__in=codes)
    )
    known = {u.username for u in found} | {
        getattr(getattr(u, "person", None), "code", "").lower() for u in found
    }
    missing = [c for c in codes if c not in known]
    if missing:
        raise DomainError(
            "Không tìm thấy người có tài khoản thuộc đơn vị lập kế hoạch với mã: "
            + ", ".join(missing[:10]),
            field="team_codes",
        )
    return list({u.pk: u for u in found}.values())


def _person(code: str, field: str) -> Person | None:
    code = (code or "").strip()
    if not code:
        return None
    person = Person.objects.filter(code__iexact=code).select_related("cell").first()
    if person is None:
        raise DomainError("Không tìm thấy đảng viên có mã này.", field=field)
    return person


def _inspection_input(plan, data) -> services.InspectionInput:
    return services.InspectionInput(
        kind=data["kind"],
        subject=data["subject"],
        unit=data["unit"],
        person=_person(data.get("person_code", ""), "person_code"),
        period_start=data["period_start"],
        period_end=data["period_end"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        team=_team(plan, data["team_codes"]),
    )


def _keeper_plan_or_404(request, pk: int):
    plan = selectors.get_plan_or_404(request.user, pk)
    if not selectors.can_keep_plan(request.user, plan):
        raise Http404(NOT_FOUND)
    return plan


@login_required
def inspection_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _keeper_plan_or_404(request, pk)
    if answer := _repeated(request, lambda inspection: ("inspections:inspection", inspection.pk)):
        return answer
    initial = {"unit": request.GET.get("don_vi")} if request.GET.get("don_vi", "").isdigit() else {}
    form = InspectionForm(
        request.POST or None, units=selectors.subject_units(plan), initial=initial
    )
    if answer := _attempt(
        request,
        lambda: services.inspection_create(
            actor=request.user, plan=plan, data=_inspection_input(plan, form.cleaned_data)
        ),
        to=lambda inspection: ("inspections:inspection", inspection.pk),
        done="Đã thêm cuộc kiểm tra vào kế hoạch.",
        form=form,
        once=True,
    ):
        return answer
    return render(
        request,
        "inspections/inspection_form.html",
        {"form": form, "plan": plan, "inspection": None,
         "form_token": form_tokens.token_for(request)},
    )  # fmt: skip


def _runner_inspection_or_404(request, pk: int):
    inspection = selectors.get_inspection_or_404(request.user, pk)
    if not selectors.can_run(request.user, inspection):
        raise Http404(NOT_FOUND)
    return inspection


def _keeper_inspection_or_404(request, pk: int):
    inspection = selectors.get_inspection_or_404(request.user, pk)
    if not selectors.can_keep_plan(request.user, inspection.plan):
        raise Http404(NOT_FOUND)
    return inspection


@login_required
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _keeper_inspection_or_404(request, pk)
    plan = inspection.plan
    if inspection.state not in (InspectionState.PLANNED, InspectionState.OPEN):
        messages.info(request, "Cuộc kiểm tra đã kết thúc hoặc đã hủy, không sửa được nữa.")
        return redirect("inspections:inspection", pk)
    team = inspection.team.select_related("person")
    initial = {
        "kind": inspection.kind,
        "subject": inspection.subject,
        "unit": inspection.unit_id,
        "person_code": inspection.person.code if inspection.person else "",
        "period_start": inspection.period_start,
        "period_end": inspection.period_end,
        "starts_on": inspection.starts_on,
        "ends_on": inspection.ends_on,
        "team_codes": ", ".join(
            getattr(getattr(u, "person", None), "code", "") or u.username for u in team
        ),
        "version": inspection.version,
    }
    form = InspectionForm(
        request.POST or None, units=selectors.subject_units(plan), initial=initial
    )
    form.fields["version"].required = True
    if answer := _attempt(
        request,
        lambda: services.inspection_update(
            actor=request.user,
            inspection=inspection,
            data=_inspection_input(plan, form.cleaned_data),
            version=form.cleaned_data["version"],
        ),
        to=("inspections:inspection", pk),
        done="Đã lưu cuộc kiểm tra.",
        form=form,
    ):
        return answer
    return render(
        request,
        "inspections/inspection_form.html",
        {"form": form, "plan": plan, "inspection": inspection},
    )


@login_required
def inspection(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_or_404(request.user, pk)
    findings = list(
        inspection.findings.in_order().select_related(
            "category", "responsible_unit", "responsible_person"
        )
    )
    return render(
        request,
        "inspections/inspection.html",
        {
            "inspection": inspection,
            "team": inspection.team.order_by("last_name", "first_name"),
            "findings": findings,
            "evidence": inspection.evidence.select_related("file", "created_by"),
            "can_run": selectors.can_run(request.user, inspection),
            "can_keep": selectors.can_keep_plan(request.user, inspection.plan),
            "can_read": selectors.records_window(request.user, inspection) is not None,
            "history": changes_of(inspection.history.all(), what="Cuộc kiểm tra"),
        },
    )


@login_required
@require_POST
def inspection_open(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _runner_inspection_or_404(request, pk)
    return _attempt(
        request,
        lambda: services.inspection_open(
            actor=request.user, inspection=inspection, version=posted_version(request.POST)
        ),
        to=("inspections:inspection", pk),
        done="Cuộc kiểm tra đã bắt đầu; đoàn xem được hồ sơ của thời kỳ kiểm tra.",
    )


@login_required
def inspection_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _keeper_inspection_or_404(request, pk)
    form = ReasonForm(
        request.POST or None,
        label="Lý do hủy",
        required="Ghi rõ lý do hủy cuộc kiểm tra.",
        initial={"version": inspection.version},
    )
    if answer := _attempt(
        request,
        lambda: services.inspection_cancel(
            actor=request.user,
            inspection=inspection,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        ),
        to=("inspections:plan", inspection.plan_id),
        done="Đã hủy cuộc kiểm tra.",
        form=form,
    ):
        return answer
    return render(request, "inspections/cancel.html", {"form": form, "inspection": inspection})


# --- the records the team reads (each read logged) ---------------------------------------


@login_required
def records(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_records_inspection_or_404(request.user, pk)
    return render(
        request,
        "inspections/records.html",
        {
            "inspection": inspection,
            "people": selectors.inspected_people(inspection),
            "meetings": selectors.meetings_in_period(inspection),
        },
    )


@login_required
def person_records(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    inspection = selectors.get_records_inspection_or_404(request.user, pk)
    person = selectors.get_inspected_person_or_404(inspection, person_id)
    services.log_records_read(
        actor=request.user, inspection=inspection, person=person, what="hồ sơ học tập và làm theo"
    )
    return render(
        request,
        "inspections/person_records.html",
        {
            "inspection": inspection,
            "person": person,
            "pledges": selectors.pledges_in_period(inspection, person),
            "entries": selectors.entries_in_period(inspection, person),
            "study": selectors.study_in_period(inspection, person),
        },
    )


# --- evidence and findings ---------------------------------------------------------------


@login_required
def evidence_new(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _runner_inspection_or_404(request, pk)
    if answer := _repeated(request, lambda ev: ("inspections:inspection", ev.inspection_id)):
        return answer
    form = EvidenceForm(request.POST or None, request.FILES or None)

    def create():
        data = form.cleaned_data
        stored = store_upload(actor=request.user, file=data["file"]) if data.get("file") else None
        return services.evidence_add(
            actor=request.user, inspection=inspection, note=data["note"], file=stored
        )

    if answer := _attempt(
        request,
        create,
        to=("inspections:inspection", pk),
        done="Đã lưu tài liệu, minh chứng.",
        form=form,
        once=True,
    ):
        return answer
    return render(
        request,
        "inspections/evidence_form.html",
        {"form": form, "inspection": inspection, "form_token": form_tokens.token_for(request)},
    )


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = Evidence.objects.select_related("file", "inspection").filter(pk=pk).first()
    if evidence is None or evidence.file is None:
        raise Http404(NOT_FOUND)
    if not selectors.can_view(request.user, evidence.inspection):
        raise Http404(NOT_FOUND)
    return stored_file_response(request, evidence.file)


def _finding_input(inspection, data) -> services.FindingInput:
    return services.FindingInput(
        kind=data["kind"],
        text=data["text"],
        category=data.get("category"),
        remedy=data.get("remedy", ""),
        responsible_unit=data.get("responsible_unit"),
        responsible_person=_person(data.get("responsible_code", ""), "responsible_code"),
        deadline=data.get("deadline"),
    )


def _finding_form(request, inspection, initial=None):
    return FindingForm(
        request.POST or None,
        categories=FindingCategory.objects.filter(is_active=True),
        units=selectors.responsible_candidates(inspection),
        initial=initial,
    )


@login_required
def finding_new(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _runner_inspection_or_404(request, pk)
    if answer := _repeated(request, lambda f: ("inspections:inspection", f.inspection_id)):
        return answer
    if inspection.state != InspectionState.OPEN:
        messages.info(request, "Chỉ ghi được khi cuộc kiểm tra đang tiến hành.")
        return redirect("inspections:inspection", pk)
    form = _finding_form(request, inspection, {"responsible_unit": inspection.unit_id})
    if answer := _attempt(
        request,
        lambda: services.finding_add(
            actor=request.user,
            inspection=inspection,
            data=_finding_input(inspection, form.cleaned_data),
        ),
        to=("inspections:inspection", pk),
        done="Đã ghi nội dung.",
        form=form,
        once=True,
    ):
        return answer
    return render(
        request,
        "inspections/finding_form.html",
        {"form": form, "inspection": inspection, "finding": None,
         "form_token": form_tokens.token_for(request)},
    )  # fmt: skip


@login_required
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _runner_finding_or_404(request, pk)
    inspection = finding.inspection
    if inspection.state != InspectionState.OPEN:
        messages.info(request, "Chỉ sửa được khi cuộc kiểm tra đang tiến hành.")
        return redirect("inspections:inspection", inspection.pk)
    initial = {
        "kind": finding.kind,
        "category": finding.category_id,
        "text": finding.text,
        "remedy": finding.remedy,
        "responsible_unit": finding.responsible_unit_id,
        "responsible_code": finding.responsible_person.code if finding.responsible_person else "",
        "deadline": finding.deadline,
        "version": finding.version,
    }
    form = _finding_form(request, inspection, initial)
    form.fields["version"].required = True
    if answer := _attempt(
        request,
        lambda: services.finding_update(
            actor=request.user,
            finding=finding,
            data=_finding_input(inspection, form.cleaned_data),
            version=form.cleaned_data["version"],
        ),
        to=("inspections:inspection", inspection.pk),
        done="Đã lưu nội dung.",
        form=form,
    ):
        return answer
    return render(
        request,
        "inspections/finding_form.html",
        {"form": form, "inspection": inspection, "finding": finding},
    )


@login_required
@require_POST
def finding_remove(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _runner_finding_or_404(request, pk)
    return _attempt(
        request,
        lambda: services.finding_remove(
            actor=request.user, finding=finding, version=posted_version(request.POST)
        ),
        to=("inspections:inspection", finding.inspection_id),
        done="Đã bỏ nội dung.",
    )


# --- the conclusion: form → check → confirmation ------------------------------------------


@login_required
def conclude(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _runner_inspection_or_404(request, pk)
    if inspection.state != InspectionState.OPEN:
        return redirect("inspections:inspection", pk)
    form = ConcludeForm(
        request.POST or None,
        initial={"version": inspection.version, "concluded_on": timezone.localdate(),
                 "conclusion": inspection.conclusion},
    )  # fmt: skip
    findings = list(
        inspection.findings.in_order().select_related(
            "category", "responsible_unit", "responsible_person"
        )
    )
    # A valid post without "confirmed" shows the check-your-answers page first.
    checking = request.method == "POST" and request.POST.get("confirmed") != "1"
    if not checking and (
        answer := _attempt(
            request,
            lambda: services.inspection_conclude(
                actor=request.user,
                inspection=inspection,
                conclusion=form.cleaned_data["conclusion"],
                concluded_on=form.cleaned_data["concluded_on"],
                version=form.cleaned_data["version"],
                base_url=_base(request),
            ),
            to=("inspections:concluded", pk),
            form=form,
        )
    ):
        return answer
    return render(
        request,
        "inspections/conclude_check.html"
        if checking and form.is_valid()
        else "inspections/conclude.html",
        {
            "form": form,
            "inspection": inspection,
            "findings": findings,
            "remedies": [f for f in findings if f.kind != FindingKind.STRENGTH],
        },
    )


@login_required
def concluded(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_or_404(request.user, pk)
    if inspection.state != InspectionState.CONCLUDED:
        return redirect("inspections:inspection", pk)
    remedies = inspection.findings.exclude(remedy_state=RemedyState.NONE).select_related(
        "responsible_unit", "responsible_person"
    )
    return render(
        request, "inspections/concluded.html", {"inspection": inspection, "remedies": remedies}
    )


@login_required
def conclusion_file(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_or_404(request.user, pk)
    if inspection.state != InspectionState.CONCLUDED:
        raise Http404(NOT_FOUND)
    return conclusion_docx.conclusion_response(inspection)


# --- remedies ------------------------------------------------------------------------------


@login_required
def remedy(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.get_finding_or_404(request.user, pk)
    if finding.remedy_state == RemedyState.NONE:
        raise Http404(NOT_FOUND)
    responsible = selectors.is_responsible(request.user, finding)
    form = None
    if responsible and finding.remedy_state == RemedyState.OPEN:
        form = RemedyReportForm(
            request.POST or None, request.FILES or None, initial={"version": finding.version}
        )

        def report():
            data = form.cleaned_data
            stored = (
                store_upload(actor=request.user, file=data["file"]) if data.get("file") else None
            )
            return services.remedy_report(
                actor=request.user,
                finding=finding,
                text=data["text"],
                file=stored,
                version=data["version"],
                base_url=_base(request),
            )

        if answer := _attempt(
            request,
            report,
            to=("inspections:remedy", pk),
            done="Đã báo cáo kết quả khắc phục; đoàn kiểm tra sẽ xem xét.",
            form=form,
        ):
            return answer
    elif request.method == "POST":
        raise Http404(NOT_FOUND)
    return render(
        request,
        "inspections/remedy.html",
        {
            "finding": finding,
            "inspection": finding.inspection,
            "form": form,
            "can_judge": selectors.can_run(request.user, finding.inspection),
            **_reminder_context(request.user, finding),
            "history": changes_of(finding.history.all(), what="Khắc phục"),
        },
    )


@login_required
def remedy_file(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.get_finding_or_404(request.user, pk)
    if finding.report_file is None:
        raise Http404(NOT_FOUND)
    return stored_file_response(request, finding.report_file)


def _runner_finding_or_404(request, pk: int):
    finding = selectors.get_finding_or_404(request.user, pk)
    if not selectors.can_run(request.user, finding.inspection):
        raise Http404(NOT_FOUND)
    return finding


@login_required
@require_POST
def remedy_accept(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _runner_finding_or_404(request, pk)
    return _attempt(
        request,
        lambda: services.remedy_accept(
            actor=request.user,
            finding=finding,
            version=posted_version(request.POST),
            base_url=_base(request),
        ),
        to=("inspections:remedy", pk),
        done="Đã công nhận khắc phục xong.",
    )


@login_required
def remedy_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _runner_finding_or_404(request, pk)
    if finding.remedy_state != RemedyState.REPORTED:
        return redirect("inspections:remedy", pk)
    form = ReasonForm(
        request.POST or None,
        label="Lý do chưa công nhận",
        required="Ghi rõ vì sao chưa công nhận đã khắc phục.",
        initial={"version": finding.version},
    )
    if answer := _attempt(
        request,
        lambda: services.remedy_reopen(
            actor=request.user,
            finding=finding,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            base_url=_base(request),
        ),
        to=("inspections:remedy", pk),
        done="Đã yêu cầu khắc phục tiếp.",
        form=form,
    ):
        return answer
    return render(request, "inspections/reopen.html", {"form": form, "finding": finding})


def _reminder_context(user, finding) -> dict:
    if not (finding.is_overdue and selectors.can_run(user, finding.inspection)):
        return {"can_remind": False}
    at = services.remedy_last_reminded(finding)
    return {
        "can_remind": True,
        "reminded": reminded_label(at) if at else "",
        "confirm_repeat": recent(at),
        "confirm_field": CONFIRM_FIELD,
    }


@login_required
@require_POST
def remedy_remind(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _runner_finding_or_404(request, pk)
    try:
        reminded = services.remedy_remind(
            actor=request.user,
            finding=finding,
            confirmed=request.POST.get(CONFIRM_FIELD) == "1",
            base_url=_base(request),
        )
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"Đã gửi nhắc nhở đến {reminded} người chịu trách nhiệm.")
    return redirect("inspections:remedy", pk)


# --- the list of categories ---------------------------------------------------------------


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    if not selectors.may_edit_categories(request.user):
        raise Http404(NOT_FOUND)
    form = CategoryForm(request.POST or None)
    if answer := _attempt(
        request,
        lambda: services.category_save(actor=request.user, name=form.cleaned_data["name"]),
        to=("inspections:categories",),
        done="Đã thêm nhóm vào danh mục.",
        form=form,
    ):
        return answer
    return render(
        request,
        "inspections/categories.html",
        {"form": form, "categories": FindingCategory.objects.all()},
    )


@login_required
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not selectors.may_edit_categories(request.user):
        raise Http404(NOT_FOUND)
    category = FindingCategory.objects.filter(pk=pk).first()
    if category is None:
        raise Http404(NOT_FOUND)
    form = CategoryForm(
        request.POST or None,
        initial={
            "name": category.name,
            "is_active": category.is_active,
            "version": category.version,
        },
    )
    form.fields["version"].required = True
    if answer := _attempt(
        request,
        lambda: services.category_save(
            actor=request.user,
            category=category,
            name=form.cleaned_data["name"],
            is_active=form.cleaned_data["is_active"],
            version=form.cleaned_data["version"],
        ),
        to=("inspections:categories",),
        done="Đã lưu nhóm.",
        form=form,
    ):
        return answer
    return render(request, "inspections/category_form.html", {"form": form, "category": category})


# --- figures ------------------------------------------------------------------------------

FIGURE_COLUMNS = [
    Column("Kiểm tra", "inspection"),
    Column("Giám sát thường xuyên", "supervision_regular"),
    Column("Giám sát chuyên đề", "supervision_thematic"),
    Column("Khảo sát", "survey"),
    Column("Cộng", "total"),
    Column("Đã kết luận", "concluded"),
]
FINDING_COLUMNS = [
    Column("Ưu điểm", "strength"),
    Column("Hạn chế, khuyết điểm", "shortcoming"),
    Column("Vi phạm", "violation"),
    Column("Đã khắc phục xong", "remedied"),
    Column("Đang khắc phục", "remedying"),
    Column("Quá hạn khắc phục", "overdue"),
]


def _figures(request: HttpRequest, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_INSPECTION_FIGURES)
    year = year_from(request.GET)
    raw = request.GET.get("nhom", "")
    category = FindingCategory.objects.filter(pk=raw).first() if raw.isdigit() else None
    return selectors.inspection_figures(unit, year, category=category)


def _figures_query(figures, with_category: bool = True) -> str:
    params = {"nam": figures.year}
    if with_category and figures.category is not None:
        params["nhom"] = figures.category.pk
    return urlencode(params)


@login_required
def figures(request: HttpRequest, code: str) -> HttpResponse:
    """Inspections by the level that ran them, findings and remedies by the unit inspected,
    each child unit's row opening its own page; findings by category, each opening the
    rows of that category."""
    figures = _figures(request, code)
    unit, query = figures.unit, _figures_query(figures)
    tables = {
        "inspections_table": figures_table(
            FIGURE_COLUMNS, figures.rows, figures.total, url_name="inspections:figures",
            query=_figures_query(figures, False), labelled_by="theo-cap",
        ),
        "findings_table": figures_table(
            FINDING_COLUMNS, figures.rows, figures.total, url_name="inspections:figures",
            query=query, labelled_by="theo-don-vi",
        ),
    }  # fmt: skip
    return render(request, "inspections/figures.html", {
        "figures": figures, "unit": unit, "t": figures.total, "query": query,
        "breadcrumbs": [a for a in breadcrumbs(request.user, unit)
                        if can(request.user, Capability.VIEW_INSPECTION_FIGURES, a)],
        "periods": year_links(figures.year),
        "year_query": _figures_query(figures, False), **tables,
    })  # fmt: skip


@login_required
def figures_export(request: HttpRequest, code: str) -> HttpResponse:
    figures = _figures(request, code)
    workbook = exports.figures_xlsx(figures, FIGURE_COLUMNS, FINDING_COLUMNS)
    name = f"so-lieu-kiem-tra-{figures.unit.code}-{figures.year}.xlsx"
    return xlsx_response(workbook, name)
