"""A unit's settings page: what its administrator sets for the unit and its subtree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lamtheo.core.audit import changes_of
from lamtheo.core.dates import party_date_line
from lamtheo.core.errors import DomainError
from lamtheo.orgs import services
from lamtheo.orgs.forms import UnitSettingsForm
from lamtheo.orgs.models import UnitSettings
from lamtheo.orgs.scope import Capability, get_unit_or_404
from lamtheo.orgs.selectors import document_place, own_settings


@login_required
def unit_settings(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.MANAGE_UNIT_SETTINGS)
    own = own_settings(unit)
    form = UnitSettingsForm(
        request.POST or None, initial={"document_place": own.document_place if own else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_settings_save(
                actor=request.user,
                unit=unit,
                document_place=form.cleaned_data["document_place"],
            )
            messages.success(request, "Đã lưu cài đặt của đơn vị.")
            return redirect("units:settings", unit.code)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    place = document_place(unit)
    history = (
        changes_of(UnitSettings.history.filter(id=own.pk), what="Cài đặt của đơn vị") if own else []
    )
    return render(
        request,
        "orgs/settings.html",
        {
            "unit": unit,
            "form": form,
            "place": place,
            "example": party_date_line(place.name, timezone.localdate()),
            "history": list(reversed(history)),
        },
    )
