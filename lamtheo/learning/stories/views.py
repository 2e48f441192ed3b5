"""The story library, the story of the day (or week) at a unit's morning briefing, and the
figures of the stories read at the briefings of a unit's subtree."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lamtheo.core.audit import changes_of
from lamtheo.core.errors import DomainError
from lamtheo.core.figure_tables import Column, figures_table
from lamtheo.core.forms import version_required
from lamtheo.core.periods import month_slug, months_offered, period_from, year_links
from lamtheo.core.vietnamese import search_text
from lamtheo.core.xlsx import xlsx_response
from lamtheo.learning.stories import services
from lamtheo.learning.stories.exports import story_table_xlsx
from lamtheo.learning.stories.figures import readings_behind, story_unit_figures
from lamtheo.learning.stories.forms import CadenceForm, StoryForm
from lamtheo.learning.stories.models import Story
from lamtheo.learning.stories.selectors import recent_readings, search_stories, story_of_period
from lamtheo.orgs.scope import Capability, can, get_unit_or_404, has_any, top_units
from lamtheo.orgs.selectors import breadcrumbs


def _manager(request: HttpRequest) -> bool:
    return has_any(request.user, Capability.MANAGE_STORIES)


def _story_or_404(request: HttpRequest, pk: int) -> Story:
    qs = Story.objects.all() if _manager(request) else Story.objects.filter(is_active=True)
    story = qs.filter(pk=pk).first()
    if story is None:
        raise Http404("Không tìm thấy mẩu chuyện.")
    return story


@login_required
def library(request: HttpRequest) -> HttpResponse:
    manager = _manager(request)
    search = search_text(request.GET.get("q"))
    qs = Story.objects.all() if manager else Story.objects.filter(is_active=True)
    page = Paginator(search_stories(qs.order_by("title"), search), 30)
    return render(request, "learning/story_library.html", {
        "page": page.get_page(request.GET.get("trang")), "search": search, "manager": manager,
        "units": top_units(request.user, Capability.READ_STORIES),
    })  # fmt: skip


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = _story_or_404(request, pk)
    manager = _manager(request)
    history = changes_of(story.history.all(), what="Mẩu chuyện") if manager else None
    return render(
        request,
        "learning/story_detail.html",
        {"story": story, "manager": manager, "history": history},
    )


def _form_view(request: HttpRequest, story: Story | None) -> HttpResponse:
    if not _manager(request):
        raise Http404("Không tìm thấy trang.")
    initial = {"is_active": True}
    if story is not None:
        initial = {
            "title": story.title,
            "text": story.text,
            "source": story.source,
            "tags": story.tags,
            "is_active": story.is_active,
            "version": story.version,
        }
    form = StoryForm(request.POST or None, initial=initial)
    if story is not None:
        version_required(form)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if story is None:
                story = services.story_create(
                    actor=request.user,
                    title=d["title"],
                    text=d["text"],
                    source=d["source"],
                    tags=d["tags"],
                )
            else:
                services.story_update(
                    actor=request.user,
                    story=story,
                    version=d["version"],
                    title=d["title"],
                    text=d["text"],
                    source=d["source"],
                    tags=d["tags"],
                    is_active=d["is_active"],
                )
            messages.success(request, "Đã lưu mẩu chuyện.")
            return redirect("learning:story_detail", story.pk)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    return render(request, "learning/story_form.html", {"form": form, "story": story})


@login_required
def new(request: HttpRequest) -> HttpResponse:
    return _form_view(request, None)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_view(request, _story_or_404(request, pk))


@login_required
def unit_story(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.READ_STORIES)
    current = story_of_period(unit, timezone.localdate())
    return render(request, "learning/story_unit.html", {
        "unit": unit, "current": current, "readings": recent_readings(unit),
        "can_set": can(request.user, Capability.MANAGE_STORIES, unit),
        "cadence_form": CadenceForm(initial={"cadence": current.cadence}),
    })  # fmt: skip


@login_required
@require_POST
def unit_story_read(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.READ_STORIES)
    try:
        reading = services.story_mark_read(actor=request.user, unit=unit)
        messages.success(
            request, f"Đã ghi nhận: đơn vị đã đọc mẩu chuyện \u201c{reading.story.title}\u201d."
        )
    except DomainError as e:
        messages.error(request, e.message)
    return redirect("learning:story_unit", unit.code)


@login_required
@require_POST
def unit_story_setting(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.MANAGE_STORIES)
    form = CadenceForm(request.POST)
    if form.is_valid():
        try:
            services.story_setting_save(
                actor=request.user, unit=unit, cadence=form.cleaned_data["cadence"]
            )
            messages.success(request, "Đã lưu nhịp đọc mẩu chuyện của đơn vị.")
        except DomainError as e:
            messages.error(request, e.message)
    else:
        messages.error(request, "Vui lòng chọn nhịp đọc mẩu chuyện.")
    return redirect("learning:story_unit", unit.code)


# --- figures of the briefings ------------------------------------------------------------

COLUMNS = [
    Column("Buổi có đọc mẩu chuyện", "readings"),
    Column("Số đơn vị", "units"),
    Column("Đơn vị có đọc mẩu chuyện", "reading_rate", part="reading_units", whole="units"),
]


def _figures(request: HttpRequest, code: str):
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    month = period_from(request.GET)
    return unit, month, story_unit_figures(unit, month)


@login_required
def figures(request: HttpRequest, code: str) -> HttpResponse:
    unit, month, fig = _figures(request, code)
    query = urlencode({"thang": month_slug(month)})
    return render(request, "learning/story_figures.html", {
        "unit": unit, "month": month, "figures": fig, "t": fig.total,
        "table": figures_table(COLUMNS, fig.rows, fig.total, url_name="learning:story_figures",
                               query=query),
        "breadcrumbs": breadcrumbs(request.user, unit), "months": months_offered(month.year),
        "periods": year_links(month.year), "query": query,
        "can_open_briefing": can(request.user, Capability.READ_STORIES, unit),
    })  # fmt: skip


@login_required
def figures_export(request: HttpRequest, code: str) -> HttpResponse:
    unit, month, fig = _figures(request, code)
    workbook = story_table_xlsx(fig, readings_behind(unit, month), on=timezone.localdate())
    return xlsx_response(workbook, f"doc-mau-chuyen-{unit.code}-{month_slug(month)}.xlsx")


@login_required
def figures_readings(request: HttpRequest, code: str) -> HttpResponse:
    """The readings behind the figure: date, unit, story, who marked it."""
    unit = get_unit_or_404(request.user, code, Capability.VIEW_STATS)
    month = period_from(request.GET)
    page = Paginator(readings_behind(unit, month), 100).get_page(request.GET.get("trang"))
    return render(request, "learning/story_readings.html", {
        "unit": unit, "month": month, "page": page, "months": months_offered(month.year),
        "query": urlencode({"thang": month_slug(month)}),
    })  # fmt: skip
