"""Public action programmes of key leaders (công khai chương trình hành động cá nhân)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lamtheo.core.errors import DomainError
from lamtheo.core.periods import year_from, years_offered
from lamtheo.core.xlsx import xlsx_response
from lamtheo.orgs.scope import Capability, can, get_unit_or_404, top_units
from lamtheo.pledges import selectors, services
from lamtheo.pledges.exports import programmes_xlsx
from lamtheo.pledges.models import Pledge, Publication


@login_required
def index(request):
    year = year_from(request.GET)
    return render(
        request,
        "pledges/programmes_index.html",
        {
            "year": year,
            "units": selectors.programme_units_for(request.user, year),
            "publish_units": top_units(request.user, Capability.PUBLISH_PROGRAMMES),
        },
    )


@login_required
def programmes(request, code: str):
    unit = selectors.get_programme_unit_or_404(request.user, code)
    year = year_from(request.GET)
    return render(
        request,
        "pledges/programmes.html",
        {
            "unit": unit,
            "year": year,
            "years": years_offered(),
            "publications": selectors.published_programmes(unit, year),
            "can_publish": can(request.user, Capability.PUBLISH_PROGRAMMES, unit),
        },
    )


@login_required
def programmes_export(request, code: str):
    unit = selectors.get_programme_unit_or_404(request.user, code)
    year = year_from(request.GET)
    workbook = programmes_xlsx(unit, year, selectors.published_programmes(unit, year))
    return xlsx_response(workbook, f"chuong-trinh-hanh-dong-{unit.code}-{year}.xlsx")


@login_required
def manage(request, code: str):
    unit = get_unit_or_404(request.user, code, Capability.PUBLISH_PROGRAMMES)
    year, q = year_from(request.GET), request.GET.get("q", "")
    published = {
        p.pledge_id: p
        for p in Publication.objects.filter(unit=unit, is_published=True, pledge__year=year)
    }
    return render(
        request,
        "pledges/programmes_manage.html",
        {
            "unit": unit,
            "year": year,
            "q": q,
            "published": published,
            "leaders": selectors.leaders_of(unit, year),
            "found": selectors.programme_search(unit, year, q),
            "publications": selectors.published_programmes(unit, year),
            "history": selectors.publication_history(unit),
        },
    )


def _back(unit, year: int) -> str:
    return f"{reverse('pledges:programmes_manage', args=[unit.code])}?nam={year}"


@login_required
@require_POST
def publish(request, code: str):
    unit = get_unit_or_404(request.user, code, Capability.PUBLISH_PROGRAMMES)
    pledge = (
        Pledge.objects.select_related("person", "unit")
        .filter(
            pk=request.POST.get("pledge") if str(request.POST.get("pledge", "")).isdigit() else None
        )
        .first()
    )
    if pledge is None:
        messages.error(request, "Vui lòng chọn bản đăng ký cần công khai.")
        return redirect("pledges:programmes_manage", unit.code)
    try:
        services.programme_publish(actor=request.user, unit=unit, pledge=pledge)
        messages.success(
            request, f"Đã công khai chương trình hành động của {pledge.person.full_name}."
        )
    except DomainError as e:
        messages.error(request, e.message)
    return redirect(_back(unit, pledge.year))


@login_required
@require_POST
def unpublish(request, code: str, pk: int):
    unit = get_unit_or_404(request.user, code, Capability.PUBLISH_PROGRAMMES)
    publication = (
        Publication.objects.select_related("pledge__person", "unit")
        .filter(pk=pk, unit=unit)
        .first()
    )
    if publication is None:
        raise Http404("Không tìm thấy.")
    try:
        services.programme_unpublish(actor=request.user, publication=publication)
        messages.success(
            request,
            f"Đã thôi công khai chương trình hành động của {publication.pledge.person.full_name}.",
        )
    except DomainError as e:
        messages.error(request, e.message)
    return redirect(_back(unit, publication.pledge.year))
