"""The register of documents issued (sổ văn bản đi), the way a new one is sent
(form → check → confirmation), and the inbox of the recipient units (văn bản đến)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lamtheo.core import form_tokens
from lamtheo.core.audit import changes_of
from lamtheo.core.errors import DomainError
from lamtheo.core.forms import posted_version, version_required
from lamtheo.core.notices import CONFIRM_FIELD, recent, reminded_label
from lamtheo.core.periods import FIRST_YEAR
from lamtheo.core.uploads import store_upload, stored_file_response
from lamtheo.documents import exports, selectors, services
from lamtheo.documents.forms import (
    CorrectionForm,
    NewDocumentForm,
    ReportForm,
    WithdrawForm,
)
from lamtheo.documents.models import DocStatus, DocType
from lamtheo.orgs.scope import Capability, can, get_unit_or_404


def _year(request, default: int) -> int | None:
    raw = request.GET.get("nam", str(default))
    if raw == "":
        return None
    try:
        return min(max(int(raw), FIRST_YEAR), default + 1)
    except ValueError:
        return default


@login_required
def register(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.ISSUE_DOCUMENTS)
    this_year = timezone.localdate().year
    year = _year(request, this_year)
    doc_type = request.GET.get("loai", "")
    doc_type = doc_type if doc_type in DocType.values else ""
    search = request.GET.get("q", "")[:100]
    qs = selectors.register(request.user, unit, doc_type=doc_type, year=year, search=search)
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "documents/register.html",
        {
            "unit": unit,
            "page": page,
            "year": year,
            "doc_type": doc_type,
            "search": search,
            "types": DocType.choices,
            "years": range(this_year, this_year - 6, -1),
            "can_issue": unit in selectors.issuer_units(request.user),
        },
    )


@login_required
def start(request: HttpRequest) -> HttpResponse:
    units = selectors.issuer_units(request.user)
    if not units:
        raise Http404("Không tìm thấy trang.")
    if len(units) == 1:
        return redirect("documents:new", units[0].code)
    return render(request, "documents/start.html", {"units": units})


def _issuer_or_404(request, code: str):
    unit = next((u for u in selectors.issuer_units(request.user) if u.code == code), None)
    if unit is None:
        raise Http404("Không tìm thấy tổ chức đảng.")
    return unit


def _input(data, file) -> services.DocumentInput:
    return services.DocumentInput(
        doc_type=data["doc_type"],
        symbol=data["symbol"],
        issued_on=data["issued_on"],
        summary=data["summary"],
        signer=data["signer"],
        deadline=data.get("deadline"),
        file=file,
    )


def _recipients(issuer, data):
    picked = [int(pk) for pk in data.get("picked") or []]
    return selectors.recipients_for(issuer, data["recipient_mode"], picked)


def _add_domain_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def new(request: HttpRequest, code: str) -> HttpResponse:
    issuer = _issuer_or_404(request, code)
    if (done := form_tokens.already(request)) is not None:
        messages.info(request, form_tokens.ALREADY)
        return redirect("documents:check", done.pk)
    candidates = list(
        selectors.recipient_candidates(issuer).select_related("parent").order_by("path")
    )
    form = NewDocumentForm(
        request.POST or None,
        request.FILES or None,
        candidates=candidates,
        depth=issuer.depth,
        initial={"recipient_mode": "children"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:

            def create():
                stored = store_upload(actor=request.user, file=data["file"])
                return services.document_create(
                    actor=request.user,
                    issuer=issuer,
                    data=_input(data, stored),
                    recipients=_recipients(issuer, data),
                )

            document, created = form_tokens.once(
                user=request.user, token=request.POST.get(form_tokens.FIELD), create=create
            )
            if not created:
                messages.info(request, form_tokens.ALREADY)
            return redirect("documents:check", document.pk)
        except DomainError as e:
            _add_domain_error(form, e)
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "issuer": issuer,
            "candidates": candidates,
            "document": None,
            "form_token": form_tokens.token_for(request),
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_managed_document_or_404(request.user, pk)
    if document.status == DocStatus.WITHDRAWN:
        messages.info(request, "Văn bản đã thu hồi, không sửa được nữa.")
        return redirect("documents:detail", pk)
    issuer = document.issuer
    candidates = list(
        selectors.recipient_candidates(issuer).select_related("parent").order_by("path")
    )
    initial = {
        f: getattr(document, f)
        for f in ("doc_type", "symbol", "issued_on", "summary", "signer", "deadline", "version")
    }
    if document.is_draft:
        picked = [str(pk) for pk in document.receipts.values_list("unit_id", flat=True)]
        form = version_required(
            NewDocumentForm(
                request.POST or None,
                request.FILES or None,
                candidates=candidates,
                depth=issuer.depth,
                has_file=bool(document.file_id),
                initial={**initial, "recipient_mode": "picked", "picked": picked},
            )
        )
    else:
        form = CorrectionForm(
            request.POST or None,
            request.FILES or None,
            has_file=bool(document.file_id),
            initial=initial,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            stored = (
                store_upload(actor=request.user, file=data["file"]) if data.get("file") else None
            )
            services.document_update(
                actor=request.user,
                document=document,
                data=_input(data, stored),
                version=data["version"],
                reason=data.get("reason", ""),
                recipients=_recipients(issuer, data) if document.is_draft else None,
            )
            if document.is_draft:
                return redirect("documents:check", pk)
            messages.success(request, "Đã lưu nội dung đính chính.")
            return redirect("documents:detail", pk)
        except DomainError as e:
            _add_domain_error(form, e)
    return render(
        request,
        "documents/form.html",
        {"form": form, "issuer": issuer, "candidates": candidates, "document": document},
    )


@login_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_managed_document_or_404(request.user, pk)
    if not document.is_draft:
        return redirect("documents:detail", pk)
    error = None
    if request.method == "POST":
        try:
            services.document_send(
                actor=request.user,
                document=document,
                version=posted_version(request.POST),
                url=reverse("documents:inbox"),
                base_url=request.build_absolute_uri("/"),
            )
            return redirect("documents:sent", pk)
        except DomainError as e:
            error = e.message
    units = [r.unit for r in document.receipts.select_related("unit").order_by("unit__path")]
    return render(
        request, "documents/check.html", {"document": document, "units": units, "error": error}
    )


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_managed_document_or_404(request.user, pk)
    code = document.issuer.code
    try:
        services.document_discard(actor=request.user, document=document)
    except DomainError as e:
        messages.error(request, e.message)
        return redirect("documents:detail", pk)
    messages.success(request, "Đã xóa văn bản chưa gửi.")
    return redirect("documents:register", code)


@login_required
def sent(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_managed_document_or_404(request.user, pk)
    if document.is_draft:
        return redirect("documents:check", pk)
    return render(
        request, "documents/sent.html", {"document": document, "n_units": document.receipts.count()}
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_or_404(request.user, pk)
    manage = selectors.can_manage(request.user, document)
    show_receipts = manage or can(request.user, Capability.ISSUE_DOCUMENTS, document.issuer)
    rows = selectors.receipt_rows(document, timezone.localdate()) if show_receipts else []
    lagging = {
        "chua-nhan": lambda r: not r.receipt.received_at,
        "chua-bao-cao": lambda r: not r.receipt.reported_at,
    }
    only = request.GET.get("loc", "")
    mine = [r for r in selectors.inbox(request.user).filter(document=document)]
    history = (
        changes_of(
            document.history.all(),
            what="Văn bản",
            skip={"search_text", "number_value", "number", "year"},
        )
        if manage
        else None
    )
    can_remind = manage and document.is_sent and any(not r.receipt.reported_at for r in rows)
    reminded_at = services.document_last_reminded(document) if can_remind else None
    return render(
        request,
        "documents/detail.html",
        {
            "reminded": reminded_label(reminded_at) if reminded_at else "",
            "confirm_repeat": recent(reminded_at),
            "confirm_field": CONFIRM_FIELD,
            "document": document,
            "manage": manage,
            "rows": rows,
            "show_receipts": show_receipts,
            "mine": mine,
            "history": history,
            "not_received": [r for r in rows if not r.receipt.received_at],
            "not_reported": [r for r in rows if not r.receipt.reported_at],
            "only": only if only in lagging else "",
            "shown": [r for r in rows if lagging[only](r)] if only in lagging else rows,
        },
    )


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_or_404(request.user, pk)
    if document.file is None:
        raise Http404("Văn bản chưa có tệp.")
    return stored_file_response(request, document.file)


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_managed_document_or_404(request.user, pk)
    if not document.is_sent:
        return redirect("documents:detail", pk)
    form = WithdrawForm(request.POST or None, initial={"version": document.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.document_withdraw(
                actor=request.user,
                document=document,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
            messages.success(request, f"Đã thu hồi văn bản số {document.symbol}.")
            return redirect("documents:detail", pk)
        except DomainError as e:
            _add_domain_error(form, e)
    return render(request, "documents/withdraw.html", {"document": document, "form": form})


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_managed_document_or_404(request.user, pk)
    try:
        result = services.document_remind(
            actor=request.user,
            document=document,
            url=reverse("documents:inbox"),
            base_url=request.build_absolute_uri("/"),
            confirmed=request.POST.get(CONFIRM_FIELD) == "1",
        )
    except DomainError as e:
        messages.error(request, e.message)
        return redirect("documents:detail", pk)
    names = ", ".join(u.name for u in result.units_without_receiver)
    in_person = f"Các đơn vị chưa có người nhận văn bản trên phần mềm, cần nhắc trực tiếp: {names}."
    if result.reminded:
        reached = len(result.units) - len(result.units_without_receiver)
        text = f"Đã gửi nhắc nhở đến {result.reminded} người ở {reached} đơn vị."
        messages.success(request, f"{text} {in_person}" if names else text)
    else:
        messages.warning(request, f"Chưa gửi được nhắc nhở trên phần mềm. {in_person}")
    return redirect("documents:detail", pk)


@login_required
def receipts_export(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_or_404(request.user, pk)
    if not can(request.user, Capability.ISSUE_DOCUMENTS, document.issuer):
        raise Http404("Không tìm thấy văn bản.")
    rows = selectors.receipt_rows(document, timezone.localdate())
    return exports.receipts_response(document, rows)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    ids = selectors.receiving_unit_ids(request.user)
    if not ids:
        raise Http404("Không tìm thấy trang.")
    pending = request.GET.get("loc") == "chua-nhan"
    page = Paginator(selectors.inbox(request.user, only_pending=pending), 50).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "documents/inbox.html",
        {
            "page": page,
            "pending": pending,
            "unread": selectors.unread_count(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors.get_receipt_or_404(request.user, pk)
    act = selectors.can_act_on(request.user, r) and r.document.is_sent
    form = ReportForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") == "report"
        else None,
        initial={
            "implementation": r.implementation,
            "version": r.version,
            "implemented_on": r.implemented_on or timezone.localdate(),
        },
    )
    if request.method == "POST":
        if not act:
            raise Http404("Không tìm thấy văn bản.")
        if request.POST.get("action") == "report":
            if form.is_valid():
                try:
                    services.receipt_report(
                        actor=request.user,
                        receipt=r,
                        text=form.cleaned_data["implementation"],
                        implemented_on=form.cleaned_data["implemented_on"],
                        version=form.cleaned_data["version"],
                    )
                    messages.success(request, "Đã lưu kết quả thực hiện.")
                    return redirect("documents:receipt", pk)
                except DomainError as e:
                    _add_domain_error(form, e)
        else:
            try:
                services.receipt_acknowledge(
                    actor=request.user, receipt=r, version=posted_version(request.POST)
                )
                messages.success(request, f"Đã xác nhận nhận văn bản số {r.document.symbol}.")
            except DomainError as e:
                messages.error(request, e.message)
            return redirect("documents:receipt", pk)
    history = changes_of(r.history.all(), what="Văn bản đến", skip={"document", "unit"})
    return render(
        request,
        "documents/receipt.html",
        {
            "r": r,
            "document": r.document,
            "form": form,
            "act": act,
            "history": history,
            "today": timezone.localdate(),
        },
    )


def _counts_context(request, unit):
    this_year = timezone.localdate().year
    year = _year(request, this_year) or this_year
    period = request.GET.get("ky", "quy")
    period = period if period in selectors.PERIODS else "quy"
    rows = selectors.type_counts(unit, year, period)
    total = selectors.total_row(rows)
    return {
        "unit": unit,
        "year": year,
        "period": period,
        "rows": rows,
        "total": total,
        "sentence": selectors.counts_sentence(total),
        "children": selectors.child_counts(unit, year),
        "types": DocType.choices,
        "periods": selectors.PERIODS,
        "years": range(this_year, this_year - 6, -1),
    }


@login_required
def counts(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.ISSUE_DOCUMENTS)
    return render(request, "documents/counts.html", _counts_context(request, unit))


@login_required
def counts_export(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_or_404(request.user, code, Capability.ISSUE_DOCUMENTS)
    return exports.counts_response(_counts_context(request, unit))
