"""The monthly handbook: a task list of the person's items, one question per page,
check-your-answers, confirmation; and the cell's review."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from lamtheo.core.audit import record_view
from lamtheo.core.errors import DomainError
from lamtheo.core.forms import posted_version
from lamtheo.core.periods import (
    FIRST_YEAR,
    month_label,
    month_slug,
    months_offered,
    today,
    year_from,
    years_offered,
)
from lamtheo.handbook import services
from lamtheo.handbook.actions import HandbookAction
from lamtheo.handbook.forms import (
    ItemResultForm,
    PaperEntryForm,
    ReviewForm,
    SelfAssessmentForm,
)
from lamtheo.handbook.models import EntryStatus, Progress
from lamtheo.handbook.selectors import (
    STATE_LABELS,
    entry_access,
    entry_history,
    month_states,
    review_queue,
    selfcheck_of,
)
from lamtheo.orgs.scope import Capability, can, has_any
from lamtheo.people.selectors import get_person_or_404
from lamtheo.pledges.models import Pledge
from lamtheo.pledges.selectors import pledge_of, reviewers_of


def _pledge_items(access):
    """The registration items this month reports on."""
    if access.entry and access.entry.pledge:
        return list(access.entry.pledge.items.select_related("area"))
    pledge = (
        Pledge.objects.registered().filter(person=access.person, year=access.month.year).first()
    )
    return list(pledge.items.select_related("area")) if pledge else None


def _context(access, **extra) -> dict:
    results = {r.item_id: r for r in access.entry.items.all()} if access.entry else {}
    items = _pledge_items(access)
    entry = access.entry
    # Never submitted and past the due day: the page says so (a returned entry was submitted,
    # its lateness is already decided).
    overdue = (entry is None or entry.first_submitted_at is None) and (
        timezone.now() > services.due_at(access.month)
    )
    return {
        "a": access,
        "person": access.person,
        "month": access.month,
        "label": month_label(access.month),
        "entry": entry,
        "rows": [(i, results.get(i.pk)) for i in items or []],
        "has_pledge": items is not None,
        "slug": month_slug(access.month),
        "due": services.due_date(access.month),
        "overdue": overdue,
        # Before the opening day the month is filled in but not yet submitted.
        "opens": services.opens_on(access.month),
        "not_open": services.not_open_yet(access.month),
        # Someone else's month (a secretary entering on behalf): back to that cell.
        "cell": entry.unit if entry else access.person.cell,
        **extra,
    }


def _writable(request, person_id: int, month: str):
    access = entry_access(request.user, person_id, month)
    if not access.can_write:
        raise Http404("Không tìm thấy sổ tay.")
    if access.entry is not None and not access.entry.is_editable_by_member:
        messages.info(request, "Sổ tay tháng này đã nộp nên không sửa được nữa.")
        return access, redirect("handbook:month", person_id, month)
    return access, None


def _claim(request, access, version: int):
    """The entry to save into, checked against the version the page saw (0: no entry yet)."""
    return services.entry_claim(
        actor=request.user, person=access.person, month=access.month, version=version
    )


@login_required
def month(request, person_id: int, month: str):
    access = entry_access(request.user, person_id, month)
    record_view(
        viewer=request.user,
        person=access.person,
        action=HandbookAction.ENTRY_VIEWED,
        what=f"Sổ tay {month}",
    )
    entry = access.entry
    history = (
        entry_history(entry)
        if entry and can(request.user, Capability.VIEW_AUDIT, entry.unit)
        else None
    )
    return render(
        request,
        "handbook/month.html",
        _context(
            access,
            labels=dict(Progress.choices),
            history=history,
            selfcheck=selfcheck_of(request.user, access.person, access.month),
            # Who decides on it: never its author (the deputy, or the committee above).
            reviewers=reviewers_of(entry.unit, access.person.user_id)
            if entry and entry.status == EntryStatus.SUBMITTED
            else [],
        ),
    )


@login_required
def item(request, person_id: int, month: str, item_id: int):
    access, stop = _writable(request, person_id, month)
    if stop:
        return stop
    ctx = _context(access)
    row = next(((i, r) for i, r in ctx["rows"] if i.pk == item_id), None)
    if row is None:
        raise Http404("Không tìm thấy việc này.")
    initial = {
        "progress": row[1].progress if row[1] else None,
        "note": row[1].note if row[1] else "",
        "version": access.entry.version if access.entry else 0,
    }
    form = ItemResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused first save starts no entry
                entry, version = _claim(request, access, form.cleaned_data["version"])
                services.entry_save_item(
                    actor=request.user,
                    entry=entry,
                    item=row[0],
                    progress=form.cleaned_data["progress"],
                    note=form.cleaned_data["note"],
                    version=version,
                )
            access.entry = entry
            return redirect(_next_step(access, ctx["rows"], after=item_id))
        except DomainError as e:
            form.add_error(None, e.message)
    return render(
        request,
        "handbook/item.html",
        {
            **ctx,
            "item": row[0],
            "form": form,
            "position": [i.pk for i, _ in ctx["rows"]].index(item_id) + 1,
        },
    )


def _next_step(access, rows, after: int) -> str:
    from django.urls import reverse

    ids = [i.pk for i, _ in rows]
    later = ids[ids.index(after) + 1 :]
    answered = set(access.entry.items.values_list("item_id", flat=True))
    nxt = next((pk for pk in later if pk not in answered), None)
    args = [access.person.pk, month_slug(access.month)]
    if nxt:
        return reverse("handbook:item", args=[*args, nxt])
    return reverse("handbook:month", args=args)


@login_required
def self_assessment(request, person_id: int, month: str):
    access, stop = _writable(request, person_id, month)
    if stop:
        return stop
    e = access.entry
    form = SelfAssessmentForm(
        request.POST or None,
        initial={
            "self_assessment": e.self_assessment if e else "",
            "self_rating": e.self_rating if e else None,
            "version": e.version if e else 0,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused first save starts no entry
                entry, version = _claim(request, access, form.cleaned_data["version"])
                services.entry_save_self(
                    actor=request.user,
                    entry=entry,
                    self_assessment=form.cleaned_data["self_assessment"],
                    self_rating=form.cleaned_data["self_rating"],
                    version=version,
                )
            return redirect("handbook:check", person_id, month)
        except DomainError as ex:
            form.add_error(None, ex.message)
    return render(request, "handbook/self.html", {**_context(access), "form": form})


@login_required
def check(request, person_id: int, month: str):
    access, stop = _writable(request, person_id, month)
    if stop:
        return stop
    if access.entry is None:
        return redirect("handbook:month", person_id, month)
    missing, error = services.missing_answers(access.entry), None
    if request.method == "POST":
        try:
            services.entry_submit(
                actor=request.user, entry=access.entry, version=posted_version(request.POST)
            )
            return redirect("handbook:done", person_id, month)
        except DomainError as e:
            error = e.message
    return render(
        request,
        "handbook/check.html",
        {
            **_context(access),
            "missing": missing,
            "error": error,
            "selfcheck": selfcheck_of(request.user, access.person, access.month),
            "own": access.person.user_id == request.user.pk,
        },
    )


@login_required
def enter_paper(request, person_id: int, month: str):
    """The secretary enters a paper month on one page: items, self-assessment, check, submit."""
    access, stop = _writable(request, person_id, month)
    if stop:
        return stop
    if access.person.user_id == request.user.pk:
        return redirect("handbook:month", person_id, month)
    items = _pledge_items(access)
    if items is None:
        return redirect("handbook:month", person_id, month)
    e = access.entry
    results = {r.item_id: r for r in e.items.all()} if e else {}
    initial = {
        "self_assessment": e.self_assessment if e else "",
        "self_rating": e.self_rating or None if e else None,
        "version": e.version if e else 0,
    }
    for i in items:
        if i.pk in results:
            initial[f"progress_{i.pk}"] = results[i.pk].progress
            initial[f"note_{i.pk}"] = results[i.pk].note
    form = PaperEntryForm(request.POST or None, initial=initial, items=items)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.entry_enter_paper(
                actor=request.user,
                person=access.person,
                month=access.month,
                results=form.results(),
                self_assessment=form.cleaned_data["self_assessment"],
                self_rating=form.cleaned_data["self_rating"],
                version=form.cleaned_data["version"],
                submit=submit,
            )
        except DomainError as ex:
            form.add_error(None, ex.message)
        else:
            name = access.person.full_name
            if not submit:
                messages.success(request, f"Đã lưu bản nháp sổ tay của {name}.")
                return redirect("handbook:enter", person_id, month)
            messages.success(
                request, f"Đã nộp sổ tay {month_label(access.month).lower()} của {name}."
            )
            return redirect(_next_on_paper(request.user, access))
    return render(request, "handbook/enter.html", {**_context(access), "form": form})


def _next_on_paper(user, access) -> str:
    """After a paper month: the next person of the cell without an account whose month is not
    in yet (the secretary works through the pile), else the cell's page."""
    from django.urls import reverse

    from lamtheo.handbook.selectors import paper_pile

    cell = access.entry.unit if access.entry else access.person.cell
    pile = [p for p in paper_pile(cell, access.month) if p.pk != access.person.pk]
    if pile and can(user, Capability.ENTER_ON_BEHALF, cell):
        return reverse("handbook:enter", args=[pile[0].pk, month_slug(access.month)])
    return reverse("orgs:unit", args=[cell.code])


@login_required
def done(request, person_id: int, month: str):
    access = entry_access(request.user, person_id, month)
    if access.entry is None or access.entry.status == EntryStatus.DRAFT:
        return redirect("handbook:month", person_id, month)
    return render(request, "handbook/done.html", _context(access))


@login_required
def review(request, person_id: int, month: str):
    access = entry_access(request.user, person_id, month)
    if not access.can_review or access.entry is None:
        raise Http404("Không tìm thấy sổ tay.")
    entry = access.entry
    form = ReviewForm(
        request.POST or None,
        initial={
            "review_comment": entry.review_comment,
            "review_rating": entry.review_rating,
            "version": entry.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data, action = form.cleaned_data, request.POST.get("action")
        try:
            if action == "return":
                services.entry_return(
                    actor=request.user,
                    entry=entry,
                    comment=data["review_comment"],
                    version=data["version"],
                )
                messages.success(request, f"Đã trả lại sổ tay của {access.person.full_name}.")
            else:
                services.entry_review(
                    actor=request.user,
                    entry=entry,
                    comment=data["review_comment"],
                    rating=data["review_rating"],
                    version=data["version"],
                )
                messages.success(request, f"Đã lưu nhận xét sổ tay của {access.person.full_name}.")
            return redirect("handbook:queue_next")
        except DomainError as e:
            form.add_error(None, e.message)
    record_view(
        viewer=request.user,
        person=access.person,
        action=HandbookAction.ENTRY_VIEWED,
        what=f"Sổ tay {month}",
    )
    history = entry_history(entry) if can(request.user, Capability.VIEW_AUDIT, entry.unit) else None
    return render(
        request,
        "handbook/review.html",
        {
            **_context(access),
            "form": form,
            "history": history,
            # The 27-manifestations answers, to the person's own cell's secretaries only.
            "selfcheck": selfcheck_of(request.user, access.person, access.month),
            "left": len(review_queue(request.user)),
        },
    )


@login_required
def queue(request):
    """What waits for the user's decision, oldest first (registrations and months)."""
    if not has_any(request.user, Capability.REVIEW):
        raise Http404("Không có việc chờ xem xét.")
    return render(request, "handbook/queue.html", {"items": review_queue(request.user)})


@login_required
def queue_next(request):
    """The next record waiting for the user (after each decision), or the queue when none."""
    if not has_any(request.user, Capability.REVIEW):
        raise Http404("Không có việc chờ xem xét.")
    waiting = review_queue(request.user)
    if not waiting:
        messages.info(request, "Đã xem xét hết: không còn bản đăng ký hay sổ tay nào chờ.")
        return redirect("handbook:queue")
    nxt = waiting[0]
    messages.info(
        request,
        f"Tiếp theo: {nxt.what.lower()} của {nxt.person.full_name} "
        f"(còn {len(waiting)} việc chờ đồng chí, kể cả việc này).",
    )
    return redirect(nxt.url)


@login_required
def person_year(request, person_id: int, year: int):
    """Tổng hợp kết quả của từng đảng viên: every item against every month of the year."""
    person = get_person_or_404(request.user, person_id, Capability.VIEW_RECORDS)
    if not FIRST_YEAR <= year <= today().year:
        raise Http404("Không tìm thấy năm này.")
    record_view(
        viewer=request.user,
        person=person,
        action=HandbookAction.YEAR_RESULTS_VIEWED,
        what=f"Kết quả năm {year}",
    )
    pledge = pledge_of(person, year)
    states = month_states([person], year)[person.pk]
    results = {}
    for s in states:
        if s.entry:
            for r in s.entry.items.all():
                results[(r.item_id, s.month)] = r
    rows = [
        (i, [results.get((i.pk, s.month)) for s in states])
        for i in (pledge.items.all() if pledge else [])
    ]
    done_counts = {
        i.pk: sum(1 for r in cells if r and r.progress == Progress.DONE) for i, cells in rows
    }
    return render(
        request,
        "handbook/person_year.html",
        {
            "person": person,
            "year": year,
            "pledge": pledge,
            "states": states,
            "rows": rows,
            "done_counts": done_counts,
            "labels": STATE_LABELS,
            "months": months_offered(year),
        },
    )


RECENT_MONTHS = 3


@login_required
def roster(request, code: str):
    """The cell secretary's page: each person's registration and every month's entry."""
    from lamtheo.handbook.selectors import cell_roster
    from lamtheo.orgs.scope import get_unit_or_404

    unit = get_unit_or_404(request.user, code, Capability.VIEW_RECORDS)
    if not unit.is_cell:
        return redirect("dashboard:unit", unit.code)
    year = year_from(request.GET)
    return render(
        request,
        "handbook/roster.html",
        {
            "unit": unit,
            "year": year,
            "years": years_offered(),
            "roster": cell_roster(unit, year),
            "months": months_offered(year),
            "labels": STATE_LABELS,
            "can_review": can(request.user, Capability.REVIEW, unit),
            "can_enter": can(request.user, Capability.ENTER_ON_BEHALF, unit),
            # On a phone the page shows one card per person with the last RECENT_MONTHS months;
            # "ca-nam" keeps the whole-year grid instead (on a wide screen both look the same).
            "whole_year": request.GET.get("ca-nam") == "1",
            "recent": RECENT_MONTHS,
            "due_day": settings.LAMTHEO["HANDBOOK_DUE_DAY"],
            # A member without an account whose month is not in: the cell opens the one-page
            # paper entry straight away.
            "paper_keys": ("missing", "draft", "returned"),
        },
    )
