"""Accounts (issue, new code, lock, unlock, the first password) and roles (who holds what,
assign, end). Thin: a scoped fetch, a form, a service call, a page or a redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lamtheo.accounts import selectors, services
from lamtheo.accounts.forms import (
    FirstPasswordForm,
    ReasonForm,
    RoleEndForm,
    RoleForm,
    role_kinds,
)
from lamtheo.accounts.middleware import SESSION_KEY, forget_must_change_password
from lamtheo.accounts.models import AccountState, AccountStatus, BatchKind, IssueBatch
from lamtheo.accounts.slips import WHAT_TO_DO, slips_data_url
from lamtheo.core import form_tokens
from lamtheo.core.errors import DomainError
from lamtheo.orgs import services as orgs_services
from lamtheo.orgs.scope import Capability, can, has_any, may_end_role
from lamtheo.people.imported import recall

PAGE_SIZE = 100
T = TypeVar("T")


def can_issue_anywhere(user) -> bool:
    return has_any(user, Capability.ISSUE_ACCOUNTS)


def _address(request) -> str:
    """The site's address, printed on the slips."""
    return request.build_absolute_uri("/")


def _login_address(request) -> str:
    """The log-in page's full address, the link in the code's e-mail (on the site's address
    LAMTHEO_BASE_URL when set, as every e-mailed link)."""
    base = settings.LAMTHEO_BASE_URL or request.build_absolute_uri("/")
    return base.rstrip("/") + reverse("login")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    units = selectors.start_units(request.user)
    if not units:
        raise Http404(selectors.NOT_FOUND)
    rows = [
        (
            u,
            any(can(request.user, c, u) for c in selectors.LIST_CAPABILITIES),
            can(request.user, Capability.VIEW_ROLES, u),
        )
        for u in units
    ]
    return render(request, "accounts/start.html", {"rows": rows})


@login_required
def unit(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.list_unit_or_404(request.user, code)
    status = request.GET.get("trang-thai", "")
    status = status if status in AccountStatus.values else ""
    page = Paginator(selectors.people_of(unit, status), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    people = list(page)
    rights = selectors.rights_for(request.user, people)
    rows = [(p, selectors.status_of(p), r) for p, r in zip(people, rights, strict=True)]
    counts = selectors.status_counts(unit)
    return render(
        request,
        "accounts/unit.html",
        {
            "unit": unit,
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": [(s, label, counts[s]) for s, label in AccountStatus.choices],
            "can_issue": can(request.user, Capability.ISSUE_ACCOUNTS, unit),
            "can_roles": can(request.user, Capability.VIEW_ROLES, unit),
        },
    )


def _with_slips(request, issue: Callable[[], T]) -> tuple[T, str]:
    """Issue codes with `issue()` (a service answering the codes, or the batch and the codes)
    and build their slips in the same transaction: a slip that cannot be built leaves no code
    saved that nobody could read (the person would be locked out)."""
    with transaction.atomic():
        result = issue()
        codes = result[1] if isinstance(result, tuple) else result
        return result, slips_data_url(codes, address=_address(request))


def _issued_page(
    request, *, unit, batch: IssueBatch, issued, slips_url: str, person=None
) -> HttpResponse:
    """The answer that carries the codes: the slips as a link inside this page only."""
    response = render(
        request,
        "accounts/issued.html",
        {
            "unit": unit,
            "batch": batch,
            "issued": issued,
            "person": person,
            "code": issued[0].code if person is not None else "",
            "slips_url": slips_url,
            "slips_name": f"phieu-tai-khoan-{unit.code.lower()}.docx",
            "address": _address(request),
            "what_to_do": WHAT_TO_DO,
            "mailed": sum(1 for i in issued if i.person.email),
            "new_accounts": sum(1 for i in issued if i.new_account),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _already_page(request, batch: IssueBatch) -> HttpResponse:
    return render(request, "accounts/already.html", {"batch": batch})


def _issue_batch(request, *, unit, people, kind) -> HttpResponse:
    """Issue codes to `people` once per form (a second post of the same form shows what the
    first issued) and answer with the codes and their slips. A refusal raises DomainError."""
    issued: list = []
    slips: list[str] = []

    def create():
        (batch, codes), slips_url = _with_slips(
            request,
            lambda: services.codes_issue(
                actor=request.user,
                unit=unit,
                people=people,
                kind=kind,
                login_url=_login_address(request),
            ),
        )
        issued.extend(codes)
        slips.append(slips_url)
        return batch

    batch, created = form_tokens.once(
        user=request.user, token=request.POST.get(form_tokens.FIELD), create=create
    )
    if not created:
        return _already_page(request, batch)
    return _issued_page(request, unit=unit, batch=batch, issued=issued, slips_url=slips[0])


@login_required
def issue_all(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.list_unit_or_404(request.user, code)
    if not can(request.user, Capability.ISSUE_ACCOUNTS, unit):
        raise Http404("Không tìm thấy tổ chức đảng.")
    if (done := form_tokens.already(request)) is not None:
        return _already_page(request, done)
    people = list(selectors.without_account(unit))
    error = ""
    if request.method == "POST" and people:
        try:
            return _issue_batch(request, unit=unit, people=people, kind=BatchKind.UNIT)
        except DomainError as e:
            error = e.message
    return render(
        request,
        "accounts/issue_all.html",
        {"unit": unit, "people": people, "error": error, "token": form_tokens.token_for(request)},
    )


@login_required
def issue_imported(request: HttpRequest, token: str) -> HttpResponse:
    """Accounts for the people an import just added (its done page links here): the check
    page, then the codes and the slips, as for a whole unit."""
    ids = recall(request.session, token)
    if ids is None or not can_issue_anywhere(request.user):
        raise Http404(selectors.NOT_FOUND)
    if (done := form_tokens.already(request)) is not None:
        return _already_page(request, done)
    people = selectors.imported_without_account(request.user, ids)
    error = ""
    if request.method == "POST" and people:
        unit = selectors.common_unit(people)
        try:
            return _issue_batch(request, unit=unit, people=people, kind=BatchKind.IMPORT)
        except DomainError as e:
            error = e.message
    return render(
        request,
        "accounts/issue_imported.html",
        {
            "people": people,
            "cells": len({p.cell_id for p in people}),
            "error": error,
            "token": form_tokens.token_for(request),
        },
    )


@login_required
def issue_one(request: HttpRequest, pk: int) -> HttpResponse:
    """An account for a person without one, or a new one-time code (the cell secretary's
    reset for a member who forgot their password and has no e-mail)."""
    person = selectors.person_or_404(request.user, pk, need="reset")
    rights = selectors.rights_on(request.user, person)
    if person.user is None and not rights.issue:
        raise Http404("Không tìm thấy người này.")
    if (done := form_tokens.already(request)) is not None:
        return _already_page(request, done)
    status = selectors.status_of(person)
    error = ""
    if request.method == "POST":
        issued: list = []
        slips: list[str] = []
        kind = BatchKind.PERSON if rights.issue else BatchKind.RESET

        def create():
            (batch, codes), slips_url = _with_slips(
                request,
                lambda: services.codes_issue(
                    actor=request.user,
                    unit=person.cell,
                    people=[person],
                    kind=kind,
                    login_url=_login_address(request),
                ),
            )
            issued.extend(codes)
            slips.append(slips_url)
            return batch

        try:
            batch, created = form_tokens.once(
                user=request.user, token=request.POST.get(form_tokens.FIELD), create=create
            )
        except DomainError as e:
            error = e.message
        else:
            if not created:
                return _already_page(request, batch)
            return _issued_page(
                request,
                unit=person.cell,
                batch=batch,
                issued=issued,
                slips_url=slips[0],
                person=issued[0].person,
            )
    return render(
        request,
        "accounts/issue_one.html",
        {
            "person": person,
            "status": status,
            "error": error,
            "token": form_tokens.token_for(request),
            "username": services.username_for(person),
        },
    )


@login_required
@require_POST
def batch_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_or_404(request.user, pk)
    try:
        issued, slips_url = _with_slips(
            request,
            lambda: services.batch_reissue(
                actor=request.user, batch=batch, login_url=_login_address(request)
            ),
        )
    except DomainError as e:
        messages.info(request, e.message)
        return redirect("accounts:unit", batch.unit.code)
    person = issued[0].person if batch.kind != BatchKind.UNIT and len(issued) == 1 else None
    new_batch = issued[0].person.user.account_state.batch
    return _issued_page(
        request,
        unit=batch.unit,
        batch=new_batch,
        issued=issued,
        slips_url=slips_url,
        person=person,
    )


def _lock_page(request, pk: int, *, lock: bool) -> HttpResponse:
    person = selectors.person_or_404(request.user, pk, need="issue")
    if person.user is None or person.user.is_active != lock:
        return redirect("accounts:unit", person.cell.code)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.account_deactivate if lock else services.account_reactivate
        try:
            service(actor=request.user, user=person.user, reason=form.cleaned_data["reason"])
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            done = "Đã khóa tài khoản của" if lock else "Đã mở khóa tài khoản của"
            messages.success(request, f"{done} đồng chí {person.full_name}.")
            return redirect("accounts:unit", person.cell.code)
    return render(request, "accounts/lock.html", {"person": person, "form": form, "lock": lock})


@login_required
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _lock_page(request, pk, lock=True)


@login_required
def reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _lock_page(request, pk, lock=False)


@login_required
def set_password(request: HttpRequest) -> HttpResponse:
    """The first log-in with a one-time code: a new password before anything else."""
    state = AccountState.objects.filter(user=request.user, must_change_password=True).first()
    if state is None:
        forget_must_change_password(request)
        return redirect("home:home")
    form = FirstPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.first_password_set(user=request.user, form=form)
        update_session_auth_hash(request, form.user)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request, "Đã đặt mật khẩu mới. Lần sau đồng chí đăng nhập bằng mật khẩu này."
        )
        return redirect("home:home")
    return render(request, "accounts/set_password.html", {"form": form})


# An officer who must set up two-factor sign-in first sets the password (signin's middleware).
set_password.lamtheo_open_before_two_factor = True


# --- roles ------------------------------------------------------------------------------


@login_required
def roles(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.roles_unit_or_404(request.user, code)
    rows = selectors.roles_in(request.user, unit)
    missing = [r for r in rows if not r.has_secretary]
    only_missing = request.GET.get("chua-co-bi-thu") == "1"
    return render(
        request,
        "accounts/roles.html",
        {
            "unit": unit,
            "rows": missing if only_missing else rows,
            "missing": len(missing),
            "only_missing": only_missing,
        },
    )


@login_required
def role_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.roles_unit_or_404(request.user, code)
    if not can(request.user, Capability.MANAGE_ROLES, unit):
        raise Http404("Không tìm thấy tổ chức đảng.")
    kinds = role_kinds(with_admin=can(request.user, Capability.GRANT_ADMIN, unit))
    form = RoleForm(request.POST or None, kinds=kinds, initial={"kind": request.GET.get("vai-tro")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = selectors.person_for_role(request.user, data["person_code"])
        if person is None:
            form.add_error(
                "person_code", "Không tìm thấy người có mã này trong phạm vi đồng chí quản lý."
            )
        elif person.user_id is not None and person.user_id == request.user.pk:
            form.add_error(
                "person_code",
                "Đồng chí không tự giao vai trò cho mình được: đề nghị người có thẩm quyền "
                "giao vai trò này.",
            )
        elif person.user is None or not person.user.is_active:
            form.add_error(
                "person_code",
                f"Đồng chí {person.full_name} chưa có tài khoản đang hoạt động: cấp tài khoản "
                "(hoặc mở khóa) trước khi giao vai trò.",
            )
        elif (
            held := selectors.open_role(person.user, unit, data["kind"])
        ) and held.start_date != data["start_date"]:
            form.add_error(
                "start_date",
                f"Đồng chí {person.full_name} đang giữ vai trò này từ "
                f"{held.start_date:%d/%m/%Y}. Muốn đổi ngày bắt đầu, vui lòng ghi việc thôi "
                "giữ vai trò rồi giao lại.",
            )
        else:
            try:
                orgs_services.role_grant(
                    actor=request.user,
                    user=person.user,
                    unit=unit,
                    kind=data["kind"],
                    start_date=data["start_date"],
                )
            except DomainError as e:
                form.add_error(e.field if e.field in form.fields else None, e.message)
            else:
                label = dict(kinds)[data["kind"]]
                messages.success(
                    request,
                    f"Đã giao vai trò {label} của {unit.name} cho đồng chí {person.full_name}.",
                )
                return redirect("accounts:roles", unit.code)
    return render(request, "accounts/role_new.html", {"unit": unit, "form": form})


@login_required
def role_end(request: HttpRequest, pk: int) -> HttpResponse:
    role = selectors.role_or_404(request.user, pk)
    if role.end_date is not None:
        return redirect("accounts:roles", role.unit.code)
    form = RoleEndForm(request.POST or None)
    refusal = (
        ""
        if may_end_role(request.user, role)
        else "Đồng chí không tự thôi vai trò quản trị viên của mình được: đề nghị một quản trị "
        "viên khác ghi việc này."
    )
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            orgs_services.role_end(
                actor=request.user,
                role=role,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            messages.success(
                request,
                f"Đã ghi việc thôi giữ vai trò {role.get_kind_display()} của đồng chí "
                f"{selectors.holder_name(role)}.",
            )
            return redirect("accounts:roles", role.unit.code)
    return render(
        request,
        "accounts/role_end.html",
        {"role": role, "form": form, "name": selectors.holder_name(role), "refusal": refusal},
    )
