"""The private monthly self-check against the 27 manifestations, and its counts.

The text and the ticks are for the person and their own cell's secretaries only; every
other page shows counts, never names."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from lamtheo.core.audit import record_view
from lamtheo.core.errors import DomainError
from lamtheo.core.figure_tables import Column, figures_table
from lamtheo.core.periods import (
    month_label,
    month_slug,
    months_offered,
    period_from,
    years_offered,
)
from lamtheo.core.xlsx import xlsx_response
from lamtheo.handbook import services
from lamtheo.handbook.forms import SelfCheckForm
from lamtheo.handbook.selectors import selfcheck_access, selfcheck_history
from lamtheo.orgs.scope import Capability, get_unit_or_404
from lamtheo.orgs.selectors import breadcrumbs


@login_required
def selfcheck(request, person_id: int, month: str):
    a = selfcheck_access(request.user, person_id, month)
    record_view(viewer=request.user, person=a.person, what=f"Tự soi, tự sửa {month}")
    check = a.check
    ticked = (
        list(
            check.marks.select_related("manifestation").order_by(
                "manifestation__group", "manifestation__number"
            )
        )
        if check
        else []
    )
    form = None
    if a.can_write:
        form = SelfCheckForm(
            request.POST or None,
            initial={
                "manifestations": [m.manifestation_id for m in ticked],
                "correction": check.correction if check else "",
                "version": check.version if check else 0,
            },
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                services.selfcheck_save(
                    actor=request.user,
                    person=a.person,
                    month=a.month,
                    manifestation_ids=[m.pk for m in d["manifestations"]],
                    correction=d["correction"],
                    version=d["version"],
                )
                messages.success(request, "Đã lưu phần tự soi, tự sửa.")
                return redirect("handbook:month", person_id, month)
            except DomainError as e:
                form.add_error(None, e.message)
    elif request.method == "POST":
        raise Http404("Không tìm thấy trang.")
    return render(
        request,
        "handbook/selfcheck.html",
        {
            "a": a,
            "person": a.person,
            "month": a.month,
            "label": month_label(a.month),
            "slug": month,
            "check": check,
            "ticked": ticked,
            "form": form,
            "history": selfcheck_history(check) if check else [],
        },
    )


def _period(request, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    return unit, period_from(request.GET)


# Counts only, per unit below; no total row: the card above the table gives it.
COLUMNS = [
    Column("Số cán bộ, đảng viên", "members"),
    Column("Số người tự nhận có biểu hiện", "people"),
]


@login_required
def selfcheck_stats(request, code: str):
    from lamtheo.handbook.selectors import selfcheck_figures

    unit, month = _period(request, code)
    figures = selfcheck_figures(unit, month).for_display()
    table = figures_table(
        COLUMNS,
        figures.rows,
        None,
        url_name="handbook:selfcheck_stats",
        query=urlencode({"thang": month_slug(month)}),
        labelled_by="theo-to-chuc",
        figures_of=lambda row: row,  # a row carries its counts itself
    )
    return render(
        request,
        "handbook/selfcheck_stats.html",
        {
            "unit": unit,
            "month": month,
            "figures": figures,
            "table": table,
            "months": months_offered(month.year),
            "years": years_offered(),
            "breadcrumbs": breadcrumbs(request.user, unit),
        },
    )


@login_required
def selfcheck_stats_export(request, code: str):
    from lamtheo.handbook.exports import selfcheck_xlsx
    from lamtheo.handbook.selectors import selfcheck_figures

    unit, month = _period(request, code)
    workbook = selfcheck_xlsx(selfcheck_figures(unit, month).for_display())
    return xlsx_response(workbook, f"tu-soi-27-bieu-hien-{unit.code}-{month_slug(month)}.xlsx")
