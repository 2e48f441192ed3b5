"""Views for people: importing the tree and the roster from an .xlsx file; the member
profile; transfers, exemptions, leaving and return."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lamtheo.core.audit import record_view
from lamtheo.core.downloads import attachment_response
from lamtheo.core.errors import DomainError
from lamtheo.core.models import StoredFile
from lamtheo.core.periods import add_months
from lamtheo.core.uploads import discard_upload, store_upload, stored_path
from lamtheo.core.xlsx import XLSX_TYPE, xlsx_response
from lamtheo.orgs.scope import (
    Capability,
    can,
    get_unit_or_404,
    may_move_between,
    may_take_over_account,
    top_units,
)
from lamtheo.people import services
from lamtheo.people.actions import PeopleAction
from lamtheo.people.exports import profiles_workbook
from lamtheo.people.forms import (
    ColumnMappingForm,
    ContactForm,
    ExemptForm,
    ExemptionEndForm,
    LeaveForm,
    PartyDataForm,
    ReturnForm,
    RosterImportForm,
    TransferForm,
)
from lamtheo.people.imported import remember
from lamtheo.people.imports import (
    ImportResult,
    build_template,
    may_import,
    people_columns,
    roster_import,
)
from lamtheo.people.models import LeavingKind
from lamtheo.people.selectors import (
    PEOPLE_SHOWN,
    cells_to_move_to,
    cells_to_return_to,
    current_exemption,
    exemption_of_or_404,
    home_cell,
    left_from_subtree,
    open_leaving,
    own_person,
    people_of_subtree,
    profile_history,
    profile_person_or_404,
    standing,
    without_account_count,
)

# The page lists at most this many problems; the summary gives the full count.
PROBLEMS_SHOWN = 1000


def _require_roster_manager(user) -> None:
    if not may_import(user):
        raise Http404("Không tìm thấy trang.")


@login_required
@require_http_methods(["GET", "POST"])
def import_roster(request: HttpRequest) -> HttpResponse:
    _require_roster_manager(request.user)
    if request.method == "GET":
        return render(request, "people/import.html", {"form": RosterImportForm()})
    form = RosterImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "people/import.html", {"form": form})
    upload = form.cleaned_data["file"]
    columns = people_columns(upload, upload.name)
    if columns is not None and not columns.matches_template:
        # Laid out otherwise (an export of the national member database): kept on the
        # server, the administrator says which column is which, then the import runs.
        try:
            stored = store_upload(actor=request.user, file=upload)
        except ValidationError:
            pass  # not storable as an .xlsx: the import below says what is wrong
        else:
            upload.seek(0)
            return redirect("people:import_map", stored.key)
    return _run_import(request, form, upload, upload.name)[0]


def _run_import(request, form, file, file_name: str, mapping=None) -> tuple[HttpResponse, bool]:
    """The import's page, and whether the file was imported."""
    try:
        result = roster_import(actor=request.user, file=file, file_name=file_name, mapping=mapping)
    except DomainError as e:
        form.add_error(None, e.message)
        return render(request, "people/import.html", {"form": form}), False
    if not result.ok:
        return render(request, "people/import.html", _report(result)), False
    # Rendered, not redirected: sending the same file again changes nothing.
    without_account = without_account_count(result.person_ids)
    token = remember(request.session, result.person_ids) if without_account else ""
    context = {"result": result, "without_account": without_account, "token": token}
    return render(request, "people/import_done.html", context), True


@login_required
@require_http_methods(["GET", "POST"])
def import_map(request: HttpRequest, key: str) -> HttpResponse:
    """The column mapping of a roster laid out otherwise than the template: each column of
    its people's sheet → a field of Lamtheo or “bỏ qua”, guessed from the headers; once
    confirmed, the usual check and all-or-nothing import run on the file kept on the server."""
    _require_roster_manager(request.user)
    stored = StoredFile.objects.filter(key=key, uploaded_by=request.user).first()
    if stored is None:
        raise Http404("Không tìm thấy tệp đã tải lên.")
    with stored_path(stored).open("rb") as file:
        columns = people_columns(file, stored.original_name)
        if columns is None:
            raise Http404("Không tìm thấy tệp đã tải lên.")
        form = ColumnMappingForm(request.POST or None, columns=columns)
        if request.method == "POST" and form.is_valid():
            response, imported = _run_import(
                request, RosterImportForm(), file, stored.original_name, form.mapping()
            )
            if imported:
                # Imported: the roster (identity numbers among its columns) is not kept.
                discard_upload(stored)
            return response
    rows = [
        (form[f"col_{i}"], "; ".join(v for v in columns.samples[i] if v))
        for i in range(len(columns.headers))
    ]
    return render(
        request,
        "people/import_map.html",
        {"form": form, "rows": rows, "columns": columns, "file_name": stored.original_name},
    )


def _report(result: ImportResult) -> dict:
    """The error summary (file-level problems and the count) and the table of row problems."""
    rows = [p for p in result.problems if p.row]
    summary = [p.message for p in result.problems if not p.row]
    if rows:
        summary.append(
            f"Tệp “{result.file_name}” có {len(rows)} lỗi ở các dòng liệt kê trong bảng dưới "
            "đây."
            + (
                f" Bảng chỉ liệt kê {PROBLEMS_SHOWN} lỗi đầu tiên."
                if len(rows) > PROBLEMS_SHOWN
                else ""
            )
        )
    return {
        "form": RosterImportForm(),
        "result": result,
        "summary": summary,
        "problems": rows[:PROBLEMS_SHOWN],
        "truncated": len(rows) > PROBLEMS_SHOWN,
    }


@login_required
@require_http_methods(["GET"])
def import_template(request: HttpRequest) -> HttpResponse:
    _require_roster_manager(request.user)
    return attachment_response(build_template(), "mau-nhap-danh-sach.xlsx", XLSX_TYPE)


# --- the member profile -------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def my_profile(request: HttpRequest) -> HttpResponse:
    person = own_person(request.user)
    if person is None:
        raise Http404("Đồng chí chưa có hồ sơ cán bộ, đảng viên.")
    return redirect("people:profile", person.pk)


@login_required
@require_http_methods(["GET"])
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.VIEW_PROFILES)
    cell = home_cell(person)
    user = request.user
    manage = can(user, Capability.MANAGE_PEOPLE, cell)
    is_self = person.user_id is not None and person.user_id == user.pk
    # Personal data (identity numbers, dates): someone else's look is logged, as for a
    # handbook.
    record_view(viewer=user, person=person, action=PeopleAction.PERSON_VIEWED, what="Hồ sơ")
    history = profile_history(person)
    return render(
        request,
        "people/profile.html",
        {
            "person": person,
            "cell": cell,
            "standing": standing(person),
            "leaving": open_leaving(person),
            "current_exemption": current_exemption(person),
            "memberships": history.memberships,
            "exemptions": history.exemptions,
            "leavings": history.leavings,
            "history": history.changes
            if is_self or can(user, Capability.VIEW_AUDIT, cell)
            else None,
            "is_self": is_self,
            "can_manage": manage,
            "can_edit_contact": is_self or _may_edit_contact_of_other(user, person, cell),
        },
    )


def _may_edit_contact_of_other(user, person, cell) -> bool:
    """Someone else's phone and e-mail: those who keep the person's cell, and for a holder of
    a role only those who could give them a new one-time code (the reset of a password goes
    to that e-mail, the log-in by phone to that number)."""
    return can(user, Capability.MANAGE_PEOPLE, cell) and may_take_over_account(user, person.user)


def _stale_or_domain(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def edit_contact(request: HttpRequest, pk: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.VIEW_PROFILES)
    is_self = person.user_id is not None and person.user_id == request.user.pk
    if not (is_self or _may_edit_contact_of_other(request.user, person, home_cell(person))):
        raise Http404("Không tìm thấy trang.")
    if request.method == "GET":
        form = ContactForm(
            initial={"phone": person.phone, "email": person.email, "version": person.version}
        )
    else:
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                services.person_update_contact(
                    actor=request.user, person=person, **form.cleaned_data
                )
            except DomainError as e:
                _stale_or_domain(form, e)
            else:
                messages.success(request, "Đã lưu điện thoại và thư điện tử.")
                return redirect("people:profile", person.pk)
    return render(request, "people/edit.html", {
        "person": person, "form": form, "title": "Sửa thông tin liên lạc",
        "lead": "Chi bộ dùng điện thoại và thư điện tử để liên lạc và gửi thông báo cho đồng chí.",
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def edit_party_data(request: HttpRequest, pk: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.MANAGE_PEOPLE)
    if request.method == "GET":
        form = PartyDataForm(
            initial={f: getattr(person, f) for f in services.PARTY_FIELDS}
            | {"version": person.version}
        )
    else:
        form = PartyDataForm(request.POST)
        if form.is_valid():
            try:
                services.person_update_party_data(
                    actor=request.user, person=person, **form.cleaned_data
                )
            except DomainError as e:
                _stale_or_domain(form, e)
            else:
                messages.success(request, "Đã lưu thông tin đảng viên.")
                return redirect("people:profile", person.pk)
    return render(request, "people/edit.html", {
        "person": person, "form": form, "title": "Sửa thông tin đảng viên",
        "lead": "Thông tin theo hồ sơ đảng viên do chi bộ quản lý. Mọi thay đổi được ghi vào "
                "lịch sử hồ sơ.",
    })  # fmt: skip


# --- transfer, exemption, leaving, return: form → check your answers → done ---------------


def _two_steps(request, person, form, *, template: str, context: dict, act, done: str):
    """A consequential action: the form, then a page that repeats the answers (hidden
    fields) with “Xác nhận” and “Sửa lại”, then the service and the confirmation page."""
    context = {"person": person, "form": form, **context}
    if request.method == "GET" or "sua-lai" in request.POST or not form.is_valid():
        return render(request, template, context | {"step": "form"})
    if "xac-nhan" not in request.POST:
        return render(request, template, context | {"step": "check"})
    try:
        act(form.cleaned_data)
    except DomainError as e:
        _stale_or_domain(form, e)
        return render(request, template, context | {"step": "form"})
    return redirect("people:done", person.pk, done)


def _with_a_cell_or_back(request, person) -> HttpResponse | None:
    if person.cell_id is None:
        messages.info(request, "Đồng chí này hiện không sinh hoạt ở chi bộ nào trong Đảng bộ.")
        return redirect("people:profile", person.pk)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.MANAGE_PEOPLE)
    if back := _with_a_cell_or_back(request, person):
        return back
    cells = [c for c in cells_to_move_to(request.user, person)
             if may_move_between(request.user, person.cell, c)]  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = TransferForm(data, cells=cells, initial={"version": person.version})

    def act(d):
        if d["where"] == TransferForm.WITHIN:
            if not may_move_between(request.user, person.cell, d["cell"]):
                raise DomainError("Đồng chí không quản lý chi bộ này.", "to_cell")
            services.person_transfer(actor=request.user, person=person, to_cell=d["cell"],
                                     month=d["month"], version=d["version"])  # fmt: skip
        else:
            services.person_leave(actor=request.user, person=person,
                                  kind=LeavingKind.MOVED_OUT, month=d["month"],
                                  receiving_unit=d["receiving_unit"], note=d["note"],
                                  version=d["version"])  # fmt: skip

    return _two_steps(request, person, form, template="people/transfer.html",
                      context={"cells": cells}, act=act, done="chuyen-sinh-hoat")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def exempt(request: HttpRequest, pk: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.MANAGE_PEOPLE)
    if back := _with_a_cell_or_back(request, person):
        return back
    data = request.POST if request.method == "POST" else None
    form = ExemptForm(data, initial={"version": person.version})

    def act(d):
        last = d["end_month"]
        services.person_exempt(actor=request.user, person=person, start_month=d["start_month"],
                               end_month=add_months(last, 1) if last else None,
                               reason=d["reason"], version=d["version"])  # fmt: skip

    return _two_steps(request, person, form, template="people/exempt.html", context={},
                      act=act, done="mien-sinh-hoat")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def exemption_end(request: HttpRequest, pk: int, exemption_id: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.MANAGE_PEOPLE)
    exemption = exemption_of_or_404(person, exemption_id)
    data = request.POST if request.method == "POST" else None
    form = ExemptionEndForm(data, initial={"version": person.version})

    def act(d):
        services.exemption_end(actor=request.user, exemption=exemption,
                               end_month=add_months(d["last_month"], 1),
                               version=d["version"])  # fmt: skip

    return _two_steps(request, person, form, template="people/exemption_end.html",
                      context={"exemption": exemption}, act=act, done="ket-thuc-mien")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.MANAGE_PEOPLE)
    if back := _with_a_cell_or_back(request, person):
        return back
    data = request.POST if request.method == "POST" else None
    # A decision elsewhere (a khai trừ recorded in discipline) may fill the form in; the
    # secretary still checks and confirms it.
    prefill = {k: request.GET[k][:500] for k in ("kind", "month", "note") if k in request.GET}
    form = LeaveForm(data, initial={"version": person.version, **prefill})

    def act(d):
        services.person_leave(actor=request.user, person=person, kind=d["kind"],
                              month=d["month"], note=d["note"],
                              version=d["version"])  # fmt: skip

    return _two_steps(request, person, form, template="people/leave.html", context={},
                      act=act, done="ra-khoi-dang")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def come_back(request: HttpRequest, pk: int) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.MANAGE_PEOPLE)
    leaving = open_leaving(person)
    if leaving is None or leaving.kind == LeavingKind.DIED:
        messages.info(request, "Không có việc trở lại sinh hoạt nào để ghi nhận cho người này.")
        return redirect("people:profile", person.pk)
    cells = list(cells_to_return_to(request.user))
    data = request.POST if request.method == "POST" else None
    form = ReturnForm(data, cells=cells, initial={"version": person.version})

    def act(d):
        services.person_return(actor=request.user, person=person, cell=d["unit"],
                               month=d["month"], version=d["version"])  # fmt: skip

    return _two_steps(request, person, form, template="people/return.html",
                      context={"leaving": leaving}, act=act, done="tro-lai")  # fmt: skip


DONE_PAGES = {
    "chuyen-sinh-hoat": "Đã ghi nhận chuyển sinh hoạt",
    "mien-sinh-hoat": "Đã ghi nhận miễn công tác và sinh hoạt đảng",
    "ket-thuc-mien": "Đã ghi nhận kết thúc miễn sinh hoạt",
    "ra-khoi-dang": "Đã ghi nhận",
    "tro-lai": "Đã ghi nhận trở lại sinh hoạt",
}


@login_required
@require_http_methods(["GET"])
def done(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    person = profile_person_or_404(request.user, pk, Capability.MANAGE_PEOPLE)
    if what not in DONE_PAGES:
        raise Http404("Không tìm thấy trang.")
    history = profile_history(person)
    return render(request, "people/done.html", {
        "person": person, "what": what, "title": DONE_PAGES[what],
        "leaving": history.leavings[0] if history.leavings else None,
        "membership": history.memberships[0] if history.memberships else None,
        "previous": history.memberships[1] if len(history.memberships) > 1 else None,
        "exemption": history.exemptions[0] if history.exemptions else None,
    })  # fmt: skip


@login_required
@require_http_methods(["GET"])
def export_profiles(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.VIEW_PROFILES)
    return xlsx_response(profiles_workbook(unit), f"ho-so-dang-vien-{unit.code}.xlsx")


@login_required
@require_http_methods(["GET"])
def people_home(request: HttpRequest) -> HttpResponse:
    units = top_units(request.user, Capability.VIEW_PROFILES)
    if not units:
        raise Http404("Không tìm thấy trang.")
    if len(units) == 1:
        return redirect("people:unit_people", units[0].code)
    return render(request, "people/people_home.html", {"units": units})


@login_required
@require_http_methods(["GET"])
def unit_people(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.VIEW_PROFILES)
    text = request.GET.get("q", "")[:100] if isinstance(request.GET.get("q"), str) else ""
    found = people_of_subtree(unit, text)
    shown = list(found[: PEOPLE_SHOWN + 1])
    return render(request, "people/unit_people.html", {
        "unit": unit, "q": text.strip(), "people": shown[:PEOPLE_SHOWN],
        "more": len(shown) > PEOPLE_SHOWN, "shown_max": PEOPLE_SHOWN,
        "left": list(left_from_subtree(unit)[:PEOPLE_SHOWN]),
    })  # fmt: skip
