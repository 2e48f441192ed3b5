"""The topic library: topics by year, one topic with its materials, and the pages where a
propaganda officer or committee member keeps their unit's topics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from lamtheo.campaign import selectors, services
from lamtheo.campaign.forms import MaterialForm, TopicEditForm, TopicForm
from lamtheo.campaign.models import TopicKind, TopicMaterial
from lamtheo.core.audit import changes_of
from lamtheo.core.errors import DomainError
from lamtheo.core.uploads import stored_file_response
from lamtheo.orgs.models import CELL_KINDS
from lamtheo.orgs.scope import Capability, has_any, visible_units


def _managed_units(user):
    return visible_units(user, Capability.MANAGE_TOPICS).exclude(kind__in=CELL_KINDS)


@login_required
def topics(request):
    year = timezone.localdate().year
    unit = selectors.home_unit(request.user)
    return render(
        request,
        "campaign/topics.html",
        {
            "years": selectors.topics_by_year(request.user),
            "this_year": year,
            "current": selectors.topic_for(unit=unit, year=year),
            "term": selectors.term_topic_for(unit=unit, year=year),
            "can_create": has_any(request.user, Capability.MANAGE_TOPICS),
        },
    )


@login_required
def topic(request, pk: int):
    t = selectors.get_topic_or_404(request.user, pk)
    manage = selectors.can_manage(request.user, t)
    history = None
    if manage:
        history = changes_of(t.history.all(), what="Chuyên đề", skip={"campaign"})
        history += changes_of(
            TopicMaterial.history.filter(topic_id=t.pk),
            what="Tài liệu",
            skip={"topic", "file", "added_at"},
        )
        history.sort(key=lambda c: c.at, reverse=True)
    return render(
        request,
        "campaign/topic.html",
        {
            "topic": t,
            "materials": list(t.materials.select_related("file")),
            "can_manage": manage,
            "history": history,
        },
    )


def _add_domain_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def topic_create(request):
    units = _managed_units(request.user)
    if not has_any(request.user, Capability.MANAGE_TOPICS):
        raise Http404("Không tìm thấy trang.")
    form = TopicForm(
        request.POST or None,
        units=units,
        initial={"year": timezone.localdate().year, "unit": units.order_by("path").first()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            t = services.topic_create(
                actor=request.user,
                unit=d["unit"],
                kind=d["kind"],
                year=d["year"],
                year_end=d["year_end"],
                title=d["title"],
                summary=d["summary"],
            )
            messages.success(request, "Đã lưu chuyên đề. Có thể đính kèm tài liệu học tập.")
            return redirect("campaign:topic", t.pk)
        except DomainError as e:
            _add_domain_error(form, e)
    return render(
        request, "campaign/topic_form.html", {"form": form, "topic": None, "kinds": TopicKind}
    )


def _managed_topic(request, pk: int):
    t = selectors.get_topic_or_404(request.user, pk)
    if not selectors.can_manage(request.user, t):
        raise Http404("Không tìm thấy chuyên đề.")
    return t


@login_required
def topic_edit(request, pk: int):
    t = _managed_topic(request, pk)
    form = TopicEditForm(
        request.POST or None,
        initial={
            "title": t.title,
            "summary": t.summary,
            "year_end": t.year_end,
            "version": t.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.topic_update(
                actor=request.user,
                topic=t,
                title=d["title"],
                summary=d["summary"],
                year_end=d["year_end"],
                version=d["version"],
            )
            messages.success(request, "Đã lưu thay đổi của chuyên đề.")
            return redirect("campaign:topic", t.pk)
        except DomainError as e:
            _add_domain_error(form, e)
    return render(request, "campaign/topic_form.html", {"form": form, "topic": t})


@login_required
def material_add(request, pk: int):
    t = _managed_topic(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.material_add(
                actor=request.user,
                topic=t,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
            messages.success(request, "Đã đính kèm tài liệu học tập.")
            return redirect("campaign:topic", t.pk)
        except DomainError as e:
            _add_domain_error(form, e)
    return render(request, "campaign/material_form.html", {"form": form, "topic": t})


@login_required
def material_remove(request, pk: int):
    material = selectors.get_material_or_404(request.user, pk)
    if not selectors.can_manage(request.user, material.topic):
        raise Http404("Không tìm thấy tài liệu.")
    if request.method == "POST":
        services.material_remove(actor=request.user, material=material)
        messages.success(request, f"Đã gỡ tài liệu “{material.title}”.")
        return redirect("campaign:topic", material.topic_id)
    return render(
        request, "campaign/material_remove.html", {"material": material, "topic": material.topic}
    )


@login_required
def material_download(request, pk: int):
    material = selectors.get_material_or_404(request.user, pk)
    return stored_file_response(request, material.file)
