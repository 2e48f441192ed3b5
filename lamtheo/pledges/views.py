"""The member's registration (write, check, submit) and the cell's review of it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lamtheo.core.errors import DomainError, StaleRecord
from lamtheo.core.forms import VersionForm, posted_version
from lamtheo.core.periods import FIRST_YEAR, today
from lamtheo.orgs.scope import Capability, can
from lamtheo.people.selectors import own_person
from lamtheo.pledges import services
from lamtheo.pledges.forms import (
    ITEM_ROWS_MIN_BLANK,
    DecisionForm,
    ItemFormSet,
    ReturnWithHintsForm,
)
from lamtheo.pledges.models import PledgeStatus
from lamtheo.pledges.selectors import (
    area_title,
    content_areas_for,
    get_pledge_or_404,
    hints_comment,
    is_own_work,
    item_quality,
    item_verdicts,
    pledge_history,
    pledge_of,
    reviewers_of,
)


def _own(request, year: int):
    """The member's own person and registration for `year` (this year only for writing)."""
    person = own_person(request.user)
    if person is None or not FIRST_YEAR <= year <= today().year:
        raise Http404("Không tìm thấy bản đăng ký.")
    return person, pledge_of(person, year)


def _with_quality(pledge, duties: str) -> list:
    return (
        [
            (
                item,
                item_quality(
                    " ".join([item.text, item.target, item.timeframe]), duties, item.area.title
                ),
            )
            for item in pledge.items.select_related("area")
        ]
        if pledge
        else []
    )


@login_required
def mine(request, year: int):
    person, pledge = _own(request, year)
    return render(
        request,
        "pledges/mine.html",
        {
            "year": year,
            "person": person,
            "pledge": pledge,
            "items": _with_quality(pledge, person.duty),
        },
    )


def _initial_rows(pledge, areas) -> list[dict]:
    rows = (
        [
            {
                "id": i.pk,
                "area": i.area_id,
                "text": i.text,
                "target": i.target,
                "timeframe": i.timeframe,
            }
            for i in pledge.items.all()
        ]
        if pledge
        else []
    )
    if not rows:  # one empty row per area, so the member sees all three parts
        rows = [{"area": a.pk} for a in areas]
    return rows + [{"area": areas[0].pk}] * ITEM_ROWS_MIN_BLANK


@login_required
def edit(request, year: int):
    person, pledge = _own(request, year)
    if year != timezone.localdate().year or (pledge and not pledge.is_editable_by_member):
        messages.info(
            request, "Bản đăng ký đã nộp nên không sửa được; nếu cần sửa, đề nghị chi bộ trả lại."
        )
        return redirect("pledges:mine", year)
    areas = content_areas_for(person.cell)
    formset = ItemFormSet(
        request.POST or None, initial=_initial_rows(pledge, areas), areas=areas, prefix="items"
    )
    # The version this page saw (0: no registration yet); re-shown as posted after an error,
    # so that a refused page stays refused until it is reloaded.
    seen = VersionForm(request.POST or None, initial={"version": pledge.version if pledge else 0})
    if request.method == "POST" and formset.is_valid():
        items = [
            services.ItemInput(**f.cleaned_data)
            for f in formset.forms
            if f.cleaned_data.get("text", "").strip()
        ]
        try:
            if not seen.is_valid():
                raise StaleRecord()
            # A refused first save starts no registration: the page's version 0 stays true.
            with transaction.atomic():
                claimed, version = services.pledge_claim(
                    actor=request.user,
                    person=person,
                    year=year,
                    version=seen.cleaned_data["version"],
                )
                services.pledge_save_items(
                    actor=request.user, pledge=claimed, items=items, version=version
                )
        except DomainError as e:
            formset._non_form_errors = formset.error_class([e.message])
        else:
            if "add_row" in request.POST:
                return redirect("pledges:edit", year)
            messages.success(request, "Đã lưu bản nháp bản đăng ký.")
            return redirect("pledges:check" if "review" in request.POST else "pledges:mine", year)
    return render(
        request,
        "pledges/edit.html",
        {
            "year": year,
            "person": person,
            "pledge": pledge,
            "formset": formset,
            "seen": seen,
            "areas": areas,
        },
    )


@login_required
def check(request, year: int):
    person, pledge = _own(request, year)
    if pledge is None or not pledge.is_editable_by_member:
        return redirect("pledges:mine", year)
    items = _with_quality(pledge, person.duty)
    vague = [i for i, q in items if q is not None and not q.specific]
    error = None
    if request.method == "POST":
        if vague and not request.POST.get("confirm_vague"):
            error = (
                f"Có {len(vague)} việc còn chung chung. Đồng chí hãy sửa cho cụ thể, "
                "hoặc đánh dấu xác nhận vẫn nộp."
            )
        else:
            try:
                services.pledge_submit(
                    actor=request.user, pledge=pledge, version=posted_version(request.POST)
                )
                return redirect("pledges:done", year)
            except DomainError as e:
                error = e.message
    return render(
        request,
        "pledges/check.html",
        {
            "year": year,
            "person": person,
            "pledge": pledge,
            "items": items,
            "vague": vague,
            "error": error,
        },
    )


@login_required
def done(request, year: int):
    person, pledge = _own(request, year)
    if pledge is None or pledge.status == PledgeStatus.DRAFT:
        return redirect("pledges:mine", year)
    return render(
        request,
        "pledges/done.html",
        {"year": year, "pledge": pledge, "due_day": settings.LAMTHEO["HANDBOOK_DUE_DAY"]},
    )


@login_required
def review(request, pk: int):
    pledge = get_pledge_or_404(request.user, pk)
    person = pledge.person
    own = is_own_work(request.user, person)
    # Nobody reviews their own registration (the deputy or the committee above does).
    can_review = not own and can(request.user, Capability.REVIEW, pledge.unit)
    form = DecisionForm(request.POST or None, initial={"version": pledge.version})
    verdicts = item_verdicts(pledge)
    if request.method == "POST":
        if not can_review:
            raise Http404("Không tìm thấy bản đăng ký.")
        accept = request.POST.get("action") == "accept"
        if form.is_valid() and accept and not request.POST.get("confirmed"):
            # "Thông qua" is confirmed on a page of its own (no script needed); a page that
            # is already stale is refused here, before the question.
            if form.cleaned_data["version"] != pledge.version:
                form.add_error(None, StaleRecord().message)
            else:
                return render(
                    request,
                    "pledges/accept_confirm.html",
                    {"pledge": pledge, "person": person, "form": form},
                )
        elif form.is_valid():
            action = services.pledge_accept if accept else services.pledge_return
            try:
                action(
                    actor=request.user,
                    pledge=pledge,
                    comment=form.cleaned_data["comment"],
                    version=form.cleaned_data["version"],
                )
                messages.success(
                    request,
                    f"Đã thông qua bản đăng ký của {person.full_name}."
                    if accept
                    else f"Đã trả lại bản đăng ký của {person.full_name} để sửa.",
                )
                return redirect("handbook:queue_next")
            except DomainError as e:
                form.add_error("comment" if e.field == "comment" else None, e.message)
    return render(
        request,
        "pledges/review.html",
        {
            "pledge": pledge,
            "person": person,
            "form": form,
            "can_review": can_review,
            "own": own,
            "reviewers": reviewers_of(pledge.unit, person.user_id) if own else [],
            "items": verdicts,
            "verdicts": True,
            "needs_work": sum(1 for _i, v in verdicts if v and v.needs_work),
            "history": pledge_history(pledge)
            if can(request.user, Capability.VIEW_AUDIT, pledge.unit)
            else None,
        },
    )


def _reviewable_or_404(request, pk: int):
    """A registration the user may review: in their review scope and not their own."""
    pledge = get_pledge_or_404(request.user, pk)
    if is_own_work(request.user, pledge.person) or not can(
        request.user, Capability.REVIEW, pledge.unit
    ):
        raise Http404("Không tìm thấy bản đăng ký.")
    return pledge


def _seen_version(request, pledge) -> int:
    """The version the review page saw (carried by its link), else the current one."""
    form = VersionForm(request.GET)
    return form.cleaned_data["version"] if form.is_valid() else pledge.version


@login_required
def review_return(request, pk: int):
    """Return a registration with the checker's hints as the comment (editable), through the
    same service as "Trả lại để sửa": version check, notice to the member, audit."""
    pledge = _reviewable_or_404(request, pk)
    person = pledge.person
    if request.method != "POST" and not pledge.is_registered:
        messages.info(request, "Bản đăng ký này không ở trạng thái đã nộp nên không trả lại được.")
        return redirect("pledges:review", pledge.pk)
    verdicts = item_verdicts(pledge)
    form = ReturnWithHintsForm(
        request.POST or None,
        initial={"comment": hints_comment(verdicts), "version": _seen_version(request, pledge)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_return(
                actor=request.user,
                pledge=pledge,
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
            )
        except DomainError as e:
            form.add_error("comment" if e.field == "comment" else None, e.message)
        else:
            messages.success(
                request,
                f"Đã trả lại bản đăng ký của {person.full_name} kèm góp ý. Đồng chí "
                f"{person.full_name} nhận được thông báo, sửa theo góp ý rồi nộp lại để chi bộ "
                "xem xét.",
            )
            return redirect("handbook:queue_next")
    return render(
        request,
        "pledges/review_return.html",
        {
            "pledge": pledge,
            "person": person,
            "form": form,
            "flagged": [(i, v) for i, v in verdicts if v and v.needs_work],
        },
    )


@login_required
@require_POST
def quality(request):
    """htmx: the verdict on one item while the member writes it."""
    prefix = request.POST.get("prefix", "")
    parts = [request.POST.get(f"{prefix}-{k}", "") for k in ("text", "target", "timeframe")]
    person = own_person(request.user)
    area = area_title(request.POST.get(f"{prefix}-area", ""))
    verdict = item_quality(" ".join(parts)[:5000], person.duty if person else "", area)
    return render(request, "pledges/_quality.html", {"q": verdict})
