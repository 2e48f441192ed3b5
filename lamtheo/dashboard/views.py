"""The dashboards: a unit's figures with one row per child unit, and the named lists
behind each rate with a one-click reminder."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from lamtheo.core.audit import record_view
from lamtheo.core.errors import DomainError
from lamtheo.core.figure_tables import figures_table, sort_links, sort_text
from lamtheo.core.notices import CONFIRM_FIELD, last_sent, recent, reminded_label
from lamtheo.core.periods import month_slug, months_offered, period_from, today, year_links
from lamtheo.core.vietnamese import search_text
from lamtheo.core.xlsx import xlsx_response
from lamtheo.dashboard.chart import LEGEND, monthly_chart
from lamtheo.dashboard.exports import monthly_table_xlsx, people_list_xlsx, unit_table_xlsx
from lamtheo.dashboard.selectors import (
    COLUMNS,
    LISTINGS,
    Listing,
    listing_people,
    listing_rows,
    month_series,
    monthly_figures,
    parse_sort,
    sort_rows,
    unit_figures,
    vague_counts,
    vague_items,
)
from lamtheo.dashboard.services import reminder_send
from lamtheo.inspections.discipline.figures import discipline_unit_figures
from lamtheo.inspections.selectors import inspection_figures
from lamtheo.orgs.scope import Capability, can, get_unit_or_404, top_units
from lamtheo.orgs.selectors import breadcrumbs
from lamtheo.people.selectors import search_people
from lamtheo.pledges.actions import PledgeAction
from lamtheo.pledges.selectors import item_wording, verdict_of

PAGE_SIZE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = top_units(request.user, Capability.VIEW_STATS)
    if not units:
        raise Http404("Đồng chí chưa được giao theo dõi đơn vị nào.")
    if len(units) == 1:
        return redirect("dashboard:unit", units[0].code)
    return render(request, "dashboard/home.html", {"units": units})


def _figures(request: HttpRequest, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    month = period_from(request.GET)
    # Only reads: a year whose rows were never opened (core.figures) shows zeros.
    figures = unit_figures(unit, month)
    sort = parse_sort(request.GET.get("sap-xep"))
    lagging = request.GET.get("cham") == "1"
    return unit, month, figures, sort, lagging, sort_rows(figures.rows, sort, lagging)


@login_required
def unit(request: HttpRequest, code: str) -> HttpResponse:
    unit, month, figures, sort, lagging, rows = _figures(request, code)
    columns = sort_links(COLUMNS, sort, lambda sort_param: _query(month, sort_param))
    return render(
        request,
        "dashboard/unit.html",
        {
            "unit": unit,
            "month": month,
            "figures": figures,
            "rows": rows,
            "table": figures_table(
                COLUMNS,
                rows,
                figures.total,
                url_name="dashboard:unit",
                query=_query(month),
                links=columns,
            ),
            "lagging": lagging,
            "breadcrumbs": breadcrumbs(request.user, unit),
            "legend": LEGEND,
            "columns": columns,
            "periods": year_links(month.year),
            "months": months_offered(month.year),
            "can_remind": can(request.user, Capability.REMIND, unit),
            "can_count_documents": can(request.user, Capability.ISSUE_DOCUMENTS, unit),
            "can_set_unit": can(request.user, Capability.MANAGE_UNIT_SETTINGS, unit),
            # Counts of inspections, findings and remedies: only to those who read the
            # plans and inspections of the unit (orgs.scope, VIEW_INSPECTION_FIGURES).
            "inspections": inspection_figures(unit, month.year, rows=False)
            if can(request.user, Capability.VIEW_INSPECTION_FIGURES, unit)
            else None,
            # Discipline counts, no names (orgs.scope, DISCIPLINE_FIGURES).
            "discipline": discipline_unit_figures(unit, month.year).total
            if can(request.user, Capability.DISCIPLINE_FIGURES, unit)
            else None,
            # The roster shows each person's records: only to those who may read them.
            "can_open_roster": unit.is_cell and can(request.user, Capability.VIEW_RECORDS, unit),
            "sort_param": sort_text(sort),
            "query": _query(month, sort_text(sort), lagging),
            "lagging_query": _query(month, None, not lagging),
        },
    )


@login_required
def unit_export(request: HttpRequest, code: str) -> HttpResponse:
    unit, month, figures, _sort, _lagging, rows = _figures(request, code)
    workbook = unit_table_xlsx(figures, rows, on=today())
    return xlsx_response(workbook, f"thong-ke-{unit.code}-{month_slug(month)}.xlsx")


def _period(request: HttpRequest, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    month = period_from(request.GET)
    return unit, month


@login_required
def chart(request: HttpRequest, code: str) -> HttpResponse:
    """The chart of the monthly rates as an SVG image. It is fetched on its own, beside the
    page: it reads a row per cell per month, and the table need not wait for it."""
    unit, month = _period(request, code)
    chart = monthly_chart(month_series(unit, month))
    # render_to_string, not render: a standalone image needs no menu, so no context
    # processors (and none of their queries).
    svg = render_to_string("dashboard/chart.svg", {"unit": unit, "year": month.year,
                                                   "chart": chart})  # fmt: skip
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


METRICS = {"nop": "Tỷ lệ nộp sổ tay", "nhan-xet": "Tỷ lệ đã nhận xét"}


@login_required
def months(request: HttpRequest, code: str) -> HttpResponse:
    """Month by month: the chart, the unit's figures and each child unit's rate."""
    unit, month = _period(request, code)
    monthly = monthly_figures(unit, month)
    metric = request.GET.get("chi-so") if request.GET.get("chi-so") in METRICS else "nop"
    return render(request, "dashboard/months.html", {
        "unit": unit, "month": month, "year": month.year, "monthly": monthly,
        "chart": monthly_chart(monthly.series), "legend": LEGEND,
        "metric": metric, "metrics": METRICS, "breadcrumbs": breadcrumbs(request.user, unit),
        "periods": year_links(month.year),
    })  # fmt: skip


@login_required
def months_export(request: HttpRequest, code: str) -> HttpResponse:
    unit, month = _period(request, code)
    workbook = monthly_table_xlsx(monthly_figures(unit, month), on=today())
    return xlsx_response(workbook, f"theo-thang-{unit.code}-{month.year}.xlsx")


@login_required
def vague(request: HttpRequest, code: str) -> HttpResponse:
    """The drill-down of the "việc làm cụ thể" share: per child unit, the items of the month's
    population and those not found specific; for a cell, the items themselves, with names,
    to those who may read the cell's records (each person's items read is logged)."""
    unit, month = _period(request, code)
    total, rows = vague_counts(unit, month)
    named = unit.is_cell and can(request.user, Capability.VIEW_RECORDS, unit)
    items = []
    if named:
        for item in vague_items(unit, month):
            person = item.pledge.person
            items.append((item, verdict_of(item_wording(item), person.duty)))
        for person in {item.pledge.person_id: item.pledge.person for item, _v in items}.values():
            record_view(
                viewer=request.user,
                person=person,
                action=PledgeAction.ITEMS_VIEWED,
                what=f"Việc chưa cụ thể, bản đăng ký năm {month.year}",
            )
    return render(
        request,
        "dashboard/vague.html",
        {
            "unit": unit,
            "month": month,
            "total": total,
            "rows": rows,
            "named": named,
            "items": items,
            "breadcrumbs": breadcrumbs(request.user, unit),
            "months": months_offered(month.year),
            "periods": year_links(month.year),
        },
    )


def _query(month: date, sort: str | None = None, lagging: bool = False) -> str:
    params = {"thang": month_slug(month)}
    if sort:
        params["sap-xep"] = sort
    if lagging:
        params["cham"] = "1"
    return urlencode(params)


# --- named lists ------------------------------------------------------------------------
# Names are personal data beyond the aggregate figures, and the list exists to act on:
# it opens for those who may send the reminder (Capability.REMIND: secretaries, committee
# members, propaganda officers, administrators), not for every role that sees figures.


def _listing(request: HttpRequest, code: str, kind: str, params) -> tuple:
    unit = get_unit_or_404(request.user, code, Capability.REMIND)
    listing = LISTINGS.get(kind)
    if listing is None:
        raise Http404("Không có danh sách này.")
    month = period_from(params)
    search = search_text(params.get("q"))
    people = search_people(listing_people(unit, listing, month), search)
    return unit, listing, month, search, people


@login_required
def listing(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    found = _listing(request, code, kind, request.GET)
    return _render_listing(request, *found, page_number=request.GET.get("trang"))


def _render_listing(
    request: HttpRequest,
    unit,
    listing: Listing,
    month: date,
    search: str,
    people,
    *,
    page_number=None,
    errors: list[str] | None = None,
) -> HttpResponse:
    page = Paginator(people, PAGE_SIZE).get_page(page_number)
    reminded_at = last_sent(
        users=people.filter(user__is_active=True).values("user_id"),
        text=listing.reminder_text(month),
    )
    return render(
        request,
        "dashboard/listing.html",
        {
            "unit": unit,
            "listing": listing,
            "month": month,
            "search": search,
            "page": page,
            "rows": listing_rows(list(page.object_list), listing, month),
            "errors": errors or [],
            "with_account": people.filter(user__is_active=True).count(),
            "reminded": reminded_label(reminded_at) if reminded_at else "",
            "confirm_repeat": recent(reminded_at),
            "confirm_field": CONFIRM_FIELD,
            "heading": listing.heading(month),
            "months": months_offered(month.year),
            "query": urlencode({"thang": month_slug(month), **({"q": search} if search else {})}),
        },
    )


@login_required
def listing_export(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    unit, listing, month, _search, people = _listing(request, code, kind, request.GET)
    workbook = people_list_xlsx(
        unit.name, listing, month, listing_rows(people, listing, month), on=today()
    )
    return xlsx_response(workbook, f"danh-sach-{kind}-{unit.code}-{month_slug(month)}.xlsx")


@login_required
@require_POST
def remind(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    unit, listing, month, search, people = _listing(request, code, kind, request.POST)
    try:
        result = reminder_send(
            actor=request.user,
            unit=unit,
            listing=listing,
            month=month,
            people=people,
            url=reverse("home:home"),
            base_url=request.build_absolute_uri("/"),
            confirmed=request.POST.get(CONFIRM_FIELD) == "1",
        )
    except DomainError as e:
        return _render_listing(request, unit, listing, month, search, people, errors=[e.message])
    return render(
        request,
        "dashboard/reminded.html",
        {
            "unit": unit,
            "listing": listing,
            "month": month,
            "result": result,
            "heading": listing.heading(month),
            "text": listing.reminder_text(month),
            "back": _listing_url(unit.code, listing, month, search),
            "in_person": listing_rows(result.without_account, listing, month),
        },
    )


def _listing_url(code: str, listing: Listing, month: date, search: str) -> str:
    params = {"thang": month_slug(month), **({"q": search} if search else {})}
    return f"{reverse('dashboard:listing', args=[code, listing.slug])}?{urlencode(params)}"
