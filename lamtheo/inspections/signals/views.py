"""The formalism signals pages: the ranking of a subtree's cells, one cell's signals, the named
records behind a signal (logged) and "Đưa vào kế hoạch" (check page, then the service)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lamtheo.core import form_tokens
from lamtheo.core.errors import DomainError
from lamtheo.core.periods import year_from
from lamtheo.inspections import services
from lamtheo.inspections.models import InspectionKind
from lamtheo.inspections.signals import selectors
from lamtheo.inspections.signals.forms import AddToPlanForm
from lamtheo.inspections.signals.kinds import EXPLANATIONS
from lamtheo.inspections.signals.models import SignalKind
from lamtheo.orgs.models import CELL_KINDS
from lamtheo.orgs.scope import Capability, get_unit_or_404, top_units

NOT_FOUND = "Không tìm thấy trang."


def _legend():
    return [(label, EXPLANATIONS[kind]) for kind, label in SignalKind.choices]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    units = top_units(request.user, Capability.VIEW_SIGNALS)
    if not units:
        raise Http404(NOT_FOUND)
    if len(units) == 1:
        return redirect("inspections:signals", units[0].code)
    return render(request, "inspections/signals/index.html", {"units": units})


@login_required
def ranking(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.VIEW_SIGNALS)
    year = year_from(request.GET)
    ranks = selectors.ranking(unit, year)
    page = Paginator(ranks, selectors.PAGE).get_page(request.GET.get("trang"))
    shown = selectors.with_units(list(page.object_list))
    return render(
        request,
        "inspections/signals/ranking.html",
        {
            "unit": unit,
            "year": year,
            "years": sorted(set(selectors.years_with_signals(unit)) | {year}, reverse=True),
            "page": page,
            "offset": page.start_index() - 1 if ranks else 0,
            "total": len(ranks),
            "shown": shown,
            "legend": _legend(),
        },
    )


def _cell_or_404(request, code: str):
    cell = get_unit_or_404(request.user, code, Capability.VIEW_SIGNALS)
    if cell.kind not in CELL_KINDS:
        raise Http404(NOT_FOUND)
    return cell


@login_required
def cell(request: HttpRequest, code: str) -> HttpResponse:
    cell = _cell_or_404(request, code)
    year = year_from(request.GET)
    signals = selectors.cell_signals(cell, year)
    rows = [(s, EXPLANATIONS[s.kind]) for s in signals]
    return render(
        request,
        "inspections/signals/cell.html",
        {
            "cell": cell,
            "year": year,
            "rows": rows,
            "may_plan": bool(selectors.planning_units_for(request.user, cell)),
        },
    )


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The named records behind one signal; opening them is logged for each person."""
    signal = selectors.get_signal_or_404(request.user, pk)
    found = selectors.evidence(signal)
    services.log_signal_evidence_read(
        actor=request.user, people=found.people, kind_label=signal.get_kind_display()
    )
    return render(
        request,
        "inspections/signals/evidence.html",
        {
            "signal": signal,
            "found": found,
            "why": EXPLANATIONS[signal.kind],
            "yearly": signal.kind in selectors.YEARLY_KINDS,
        },
    )


def _subject(signals) -> str:
    kinds = sorted({s.get_kind_display().lower() for s in signals})
    base = "Việc thực hiện sổ tay và bản đăng ký học tập và làm theo"
    return f"{base} (dấu hiệu: {', '.join(kinds)})"[:300] if kinds else base


@login_required
def add_to_plan(request: HttpRequest, code: str) -> HttpResponse:
    """Check page of the prefilled inspection of the cell; the post adds it to the chosen plan
    (once per form token: a double click adds one)."""
    cell = _cell_or_404(request, code)
    if not selectors.planning_units_for(request.user, cell):
        raise Http404(NOT_FOUND)
    if (done := form_tokens.already(request)) is not None:
        messages.info(request, form_tokens.ALREADY)
        return redirect("inspections:inspection", done.pk)
    today = timezone.localdate()
    year = year_from(request.GET)
    plans = selectors.plans_for(request.user, cell, today.year)
    if (planned := selectors.inspection_in_plans(plans, cell)) is not None:
        messages.info(
            request,
            f"{cell.name} đã có trong kế hoạch: “{planned.subject}” "
            f"(bắt đầu {planned.starts_on:%d/%m/%Y}). Không thêm cuộc thứ hai.",
        )
        return redirect("inspections:inspection", planned.pk)
    signals = selectors.cell_signals(cell, year)
    first, last = selectors.signal_period(signals, year)
    starts = max(today + timedelta(days=14), today)
    initial = {
        "plan": plans[0].pk if len(plans) == 1 else None,
        "kind": InspectionKind.SUPERVISION_THEMATIC,
        "subject": _subject(signals),
        "period_start": first,
        "period_end": min(last, today),
        "starts_on": starts if starts.year == today.year else today,
        "ends_on": min(starts + timedelta(days=14), today.replace(month=12, day=31)),
    }
    form = AddToPlanForm(request.POST or None, plans=plans, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = next(p for p in plans if p.pk == data["plan"])
        inspection_input = services.InspectionInput(
            kind=data["kind"], subject=data["subject"], unit=cell,
            period_start=data["period_start"], period_end=data["period_end"],
            starts_on=data["starts_on"], ends_on=data["ends_on"],
        )  # fmt: skip
        try:
            inspection, created = form_tokens.once(
                user=request.user,
                token=request.POST.get(form_tokens.FIELD),
                create=lambda: services.inspection_create(
                    actor=request.user, plan=plan, data=inspection_input
                ),
            )
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            if created:
                messages.success(
                    request,
                    f"Đã đưa {cell.name} vào {plan.title.lower()}. Cuộc kiểm tra ở tình trạng "
                    "\u201cTrong kế hoạch\u201d: tiếp theo, đồng chí chọn đoàn kiểm tra (Sửa cuộc "
                    "kiểm tra) và bấm \u201cBắt đầu cuộc kiểm tra\u201d khi đến ngày kiểm tra.",
                )
            else:
                messages.info(request, form_tokens.ALREADY)
            return redirect("inspections:inspection", inspection.pk)
    return render(
        request,
        "inspections/signals/add_to_plan.html",
        {
            "cell": cell,
            "year": year,
            "form": form,
            "plans": plans,
            "planning_units": selectors.planning_units_for(request.user, cell),
            "signals": signals,
            "form_token": form_tokens.token_for(request),
        },
    )
