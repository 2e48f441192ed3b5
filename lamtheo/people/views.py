"""Views for people: importing the tree and the roster from an .xlsx file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from lamtheo.core.downloads import attachment_response
from lamtheo.core.errors import DomainError
from lamtheo.core.xlsx import XLSX_TYPE
from lamtheo.people.forms import RosterImportForm
from lamtheo.people.imports import ImportResult, build_template, may_import, roster_import

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
    try:
        result = roster_import(actor=request.user, file=upload, file_name=upload.name)
    except DomainError as e:
        form.add_error(None, e.message)
        return render(request, "people/import.html", {"form": form})
    if not result.ok:
        return render(request, "people/import.html", _report(result))
    # Rendered, not redirected: sending the same file again changes nothing.
    return render(request, "people/import_done.html", {"result": result})


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
