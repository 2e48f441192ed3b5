"""Feedback pages: the public ones (anyone, signed in or not) and the commission's. Thin: a
form, a service call, a redirect. Every answer is `Cache-Control: no-store` (never_cache)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lamtheo.core import form_tokens
from lamtheo.core.errors import DomainError
from lamtheo.core.forms import posted_version
from lamtheo.core.models import StoredFile
from lamtheo.core.uploads import stored_file_response
from lamtheo.inspections import services as inspections
from lamtheo.inspections.feedback import drafts, selectors, services
from lamtheo.inspections.feedback.forms import (
    DecisionForm,
    FeedbackForm,
    ForwardForm,
    LookupForm,
    RejectForm,
    UnitSearchForm,
)
from lamtheo.inspections.feedback.models import FeedbackState
from lamtheo.inspections.forms import InspectionForm

SENT_KEY = "feedback_sent"
KEPT_LOST = (
    "Tệp đã đính kèm ở lần trước không còn được giữ (trang đã mở quá 30 phút). Nếu cần gửi "
    "kèm tệp, vui lòng chọn lại tệp."
)


def _base(request) -> str:
    return request.build_absolute_uri("/")


def _add_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _address(request) -> str | None:
    resolve = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    return resolve(request) if callable(resolve) else request.META.get("REMOTE_ADDR")


def _client(request, *, anonymous: bool = False) -> str:
    """Who is counted by the limits: the account, or the address for an anonymous report
    (its rows must not lead back to the account)."""
    user = None if anonymous else request.user
    return services.client_key(user=user, address=_address(request))


# --- public pages -------------------------------------------------------------------------


@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """Pick the unit to report about, by searching its name (names only, no people)."""
    form = UnitSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "inspections/feedback/start.html",
        {"form": form, "query": query, "units": selectors.search_units(query)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, code: str) -> HttpResponse:
    """The form. A valid post stores the file and shows the check page; nothing is sent yet."""
    unit = selectors.get_reportable_unit_or_404(code)
    form = FeedbackForm(
        request.POST or None, request.FILES or None, signed_in=request.user.is_authenticated
    )
    if request.method == "POST" and _already_sent(request.POST.get(form_tokens.FIELD)):
        return _sent_before(request, unit, _posted_values(request))
    kept, kept_error = _kept(request, unit)
    if request.method == "POST" and form.is_valid() and not kept_error:
        try:
            draft = _checked_draft(request, form, unit, kept)
        except DomainError as e:
            _add_error(form, e)
        else:
            return _check_page(request, unit, draft)
    return _send_page(request, form, unit, kept=kept, errors=[kept_error] if kept_error else [])


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, code: str) -> HttpResponse:
    """The check page's buttons: "Gửi phản ánh" sends exactly the signed draft (counted by
    the limit; a second click gives the same report); "Sửa lại" goes back to the form."""
    unit = selectors.get_reportable_unit_or_404(code)
    if request.method == "GET":  # nothing to send: the form (it posts to its own address)
        return _send_page(request, _form(request), unit)
    try:
        draft = drafts.read(request.POST.get(drafts.FIELD, ""), unit_code=unit.code,
                            user=request.user)  # fmt: skip
    except drafts.DraftError as e:
        return _send_page(request, _form(request), unit, errors=[e.message])  # nothing sent
    if request.POST.get("action") == "edit":
        if _already_sent(draft.form_token):
            return _sent_before(request, unit, drafts.initial(draft))
        return _edit_page(request, unit, draft)
    if selectors.sent_with_token(draft.form_token) is None and not services.attempt_allowed(
        kind=services.SUBMIT, client=_client(request, anonymous=draft.anonymous)
    ):
        return _check_page(request, unit, draft, error=services.TOO_MANY, status=429)
    try:
        report, secret = services.feedback_submit(
            sender=request.user, data=_input(request, unit, draft),
            form_token=draft.form_token, base_url=_base(request),
        )  # fmt: skip
    except DomainError as e:
        return _edit_page(request, unit, draft, errors=[e.message])
    return _sent_answer(request, report, secret)


SENT_BEFORE = (
    "Phản ánh trên trang này đã được gửi trước đó, với nội dung lúc gửi; những gì sửa sau đó "
    "chưa được gửi. Nếu cần phản ánh thêm, vui lòng kiểm tra lại nội dung dưới đây và gửi như "
    "một phản ánh mới."
)


def _already_sent(token) -> bool:
    return selectors.sent_with_token(token) is not None


def _posted_values(request) -> dict:
    names = ("what", "happened_on", "person_code", "person_named", "anonymous",
             "contact_name", "contact_phone", "contact_email")  # fmt: skip
    return {name: request.POST.get(name, "") for name in names}


def _sent_before(request, unit, values: dict) -> HttpResponse:
    """A form whose report was already sent (the browser's Back, then "Tiếp tục" or "Sửa
    lại"): its token may not carry new content — that content would be dropped silently. The
    values come back in a new form with a new token: a new report if the sender goes on."""
    form = FeedbackForm(initial=values, signed_in=request.user.is_authenticated)
    return _send_page(request, form, unit, errors=[SENT_BEFORE], form_token=form_tokens.new_token())


def _form(request, draft: drafts.Draft | None = None) -> FeedbackForm:
    return FeedbackForm(
        initial=drafts.initial(draft) if draft else None,
        signed_in=request.user.is_authenticated,
    )


def _kept(request, unit) -> tuple[StoredFile | None, str]:
    """The file attached at an earlier form step ("Sửa lại"), carried by its signed draft."""
    value = request.POST.get(drafts.FIELD) if request.method == "POST" else None
    if not value:
        return None, ""
    try:
        draft = drafts.read(value, unit_code=unit.code, user=request.user)
    except drafts.DraftError:
        return None, KEPT_LOST
    return selectors.draft_attachment(draft.attachment_id), ""


def _person(request, unit, code: str):
    if not code:
        return None
    person = selectors.person_for_sender(request.user, unit, code)
    if person is None:
        raise DomainError(
            "Không tìm thấy đảng viên có mã này trong đơn vị đã chọn, trong phạm vi đồng "
            "chí được xem. Có thể ghi họ tên vào ô “Người bị phản ánh”.",
            field="person_code",
        )
    return person


def _input(request, unit, draft: drafts.Draft) -> services.FeedbackInput:
    return services.FeedbackInput(
        unit=unit, what=draft.what, happened_on=draft.happened_on,
        person=_person(request, unit, draft.person_code), person_named=draft.person_named,
        anonymous=draft.anonymous, contact_name=draft.contact_name,
        contact_phone=draft.contact_phone, contact_email=draft.contact_email,
        attachment=selectors.draft_attachment(draft.attachment_id),
    )  # fmt: skip


def _checked_draft(request, form, unit, kept: StoredFile | None) -> drafts.Draft:
    """Check the form as the service would, then store the file (only now) and sign the
    draft. The form token drawn with the form goes into the draft: one form, one report."""
    data = form.cleaned_data
    code = data.get("person_code", "").strip()
    checked, _route = services.feedback_check(
        sender=request.user,
        data=services.FeedbackInput(
            unit=unit, what=data["what"], happened_on=data["happened_on"],
            person=_person(request, unit, code), person_named=data.get("person_named", ""),
            anonymous=data.get("anonymous", False),
            contact_name=data.get("contact_name", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_email=data.get("contact_email", ""),
        ),
    )  # fmt: skip
    attachment = _attachment(request, data, kept, anonymous=checked.anonymous)
    return drafts.Draft(
        unit_code=unit.code, what=checked.what, happened_on=checked.happened_on,
        person_code=code, person_named=checked.person_named, anonymous=checked.anonymous,
        contact_name=checked.contact_name, contact_phone=checked.contact_phone,
        contact_email=checked.contact_email,
        attachment_id=attachment.pk if attachment else None,
        form_token=form_tokens.token_for(request),
        sender_id=drafts.sender_id_for(request.user, anonymous=checked.anonymous),
    )  # fmt: skip


def _attachment(request, data, kept: StoredFile | None, *, anonymous: bool):
    """A new file replaces the kept one; the kept one stays unless the sender removes it."""
    upload = data.get("attachment")
    if kept is not None and (upload or data.get("remove_attachment")):
        services.draft_attachment_discard(stored=kept)
        kept = None
    if upload:
        # Files are stored before anything is sent: their number is limited on its own.
        client = _client(request, anonymous=anonymous)
        if not services.attempt_allowed(kind=services.DRAFT_FILE, client=client):
            raise DomainError(services.TOO_MANY_FILES, field="attachment")
        # An anonymous report's file is stored by nobody, like the report itself.
        return services.draft_attachment_store(actor=None if anonymous else request.user,
                                               file=upload)  # fmt: skip
    return services.draft_attachment_keep(stored=kept, anonymous=anonymous) if kept else None


def _signed(draft: drafts.Draft) -> str:
    """The draft signed for another MAX_AGE; its file is kept at least as long."""
    services.draft_attachment_signed(draft.attachment_id)
    return drafts.sign(draft)


def _check_page(request, unit, draft: drafts.Draft, *, error: str = "", status: int = 200):
    return render(
        request,
        "inspections/feedback/check.html",
        {"unit": unit, "draft": draft, "signed": _signed(draft), "error": error,
         **selectors.draft_particulars(request.user, unit, draft)},
        status=status,
    )  # fmt: skip


def _edit_page(request, unit, draft: drafts.Draft, *, errors: list[str] | None = None):
    """The form again with the draft's values; its file stays attached (re-signed: the sender
    has another 30 minutes)."""
    return _send_page(
        request, _form(request, draft), unit,
        kept=selectors.draft_attachment(draft.attachment_id),
        errors=errors or [], signed=_signed(draft), form_token=draft.form_token,
    )  # fmt: skip


def _sent_answer(request, report, secret: str) -> HttpResponse:
    if report.anonymous:
        # Nothing kept in the session ties it to the report: not the account of a signed-in
        # sender, nor the account a visitor signs in with later in the same browser.
        return _sent_page(request, report.reference, secret)
    sent = request.session.get(SENT_KEY, {})
    if secret or sent.get("pk") != report.pk:
        request.session[SENT_KEY] = {
            "pk": report.pk, "reference": report.reference, "secret": secret,
        }  # fmt: skip
    return redirect("feedback:sent")


def _send_page(
    request, form, unit, *, kept=None, errors=(), signed: str = "", form_token: str = ""
) -> HttpResponse:
    if kept is not None and not signed:
        signed = request.POST.get(drafts.FIELD, "")  # the draft that carries the kept file
    return render(
        request,
        "inspections/feedback/send.html",
        {"form": form, "unit": unit, "kept": kept, "errors": errors, "signed": signed,
         "form_token": form_token or form_tokens.token_for(request),
         "max_mb": settings.LAMTHEO["FEEDBACK_MAX_UPLOAD_MB"]},
    )  # fmt: skip


@never_cache
def sent(request: HttpRequest) -> HttpResponse:
    """The confirmation: the reference, the secret shown this once, what happens next."""
    info = request.session.get(SENT_KEY) or {}
    secret = info.get("secret", "")
    if secret:
        request.session[SENT_KEY] = {**info, "secret": ""}  # shown once
    return _sent_page(request, info.get("reference", ""), secret)


def _sent_page(request, reference: str, secret: str) -> HttpResponse:
    return render(
        request, "inspections/feedback/sent.html", {"reference": reference, "secret": secret}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """The outcome of a report, by its reference and secret (POST: the secret stays out of
    addresses and logs). A wrong pair says nothing about which part was wrong."""
    form = LookupForm(request.POST or None)
    report, status = None, 200
    if request.method == "POST":
        if not services.attempt_allowed(kind=services.LOOKUP, client=_client(request)):
            form.is_valid()
            form.errors.clear()
            form.add_error(None, services.TOO_MANY)
            status = 429
        elif form.is_valid():
            report = services.feedback_lookup(
                reference=form.cleaned_data["reference"], secret=form.cleaned_data["secret"]
            )
            if report is None:
                form.add_error(None, "Mã tra cứu hoặc mã bí mật không đúng. Kiểm tra lại hai mã "
                               "đã nhận khi gửi phản ánh.")  # fmt: skip
    return render(
        request,
        "inspections/feedback/lookup.html",
        {"form": form, "report": report,
         "outcome": selectors.outcome_text(report) if report else ""},
        status=status,
    )  # fmt: skip


@never_cache
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    reports = [(r, selectors.outcome_text(r)) for r in selectors.sent_by(request.user)]
    return render(request, "inspections/feedback/mine.html", {"reports": reports})


# --- the commission's pages ---------------------------------------------------------------


@never_cache
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not selectors.may_handle_any(request.user):
        raise Http404(selectors.NOT_FOUND)
    oldest = request.GET.get("thu-tu") == "cu-nhat"
    everything = request.GET.get("xem") == "tat-ca"
    reports = selectors.queue(request.user, oldest_first=oldest, waiting_only=not everything)
    return render(
        request,
        "inspections/feedback/queue.html",
        {"reports": reports, "oldest": oldest, "everything": everything},
    )


@never_cache
@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_or_404(request.user, pk)
    return render(
        request,
        "inspections/feedback/report.html",
        {"report": report, "history": selectors.history_of(report),
         "can_open_inspection": report.state == FeedbackState.ACCEPTED
         and report.inspection_id is None},
    )  # fmt: skip


@never_cache
@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_or_404(request.user, pk)
    if report.attachment is None:
        raise Http404(selectors.NOT_FOUND)
    return stored_file_response(request, report.attachment)


def _waiting_or_back(request, report):
    if not report.is_waiting:
        messages.info(request, "Phản ánh này đã được xử lý.")
        return redirect("inspections:feedback_report", report.pk)
    return None


def _decide_page(request, report, form, *, title: str, button: str, intro: str):
    return render(
        request,
        "inspections/feedback/decide.html",
        {"report": report, "form": form, "title": title, "button": button, "intro": intro},
    )


@never_cache
@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_or_404(request.user, pk)
    if (back := _waiting_or_back(request, report)) is not None:
        return back
    form = DecisionForm(request.POST or None, initial={"version": report.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_accept(
                actor=request.user, report=report, note=form.cleaned_data["note"],
                version=form.cleaned_data["version"], base_url=_base(request),
            )  # fmt: skip
            messages.success(request, "Đã tiếp nhận phản ánh; người gửi (nếu biết) được báo.")
            return redirect("inspections:feedback_report", pk)
        except DomainError as e:
            _add_error(form, e)
    return _decide_page(
        request, report, form, title="Tiếp nhận phản ánh", button="Tiếp nhận",
        intro="Phản ánh được tiếp nhận để xem xét; sau đó có thể mở cuộc kiểm tra về nội dung "
        "phản ánh. Người gửi (nếu biết) được báo kết quả cùng ghi chú dưới đây.",
    )  # fmt: skip


@never_cache
@login_required
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_or_404(request.user, pk)
    if (back := _waiting_or_back(request, report)) is not None:
        return back
    form = RejectForm(request.POST or None, initial={"version": report.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_reject(
                actor=request.user, report=report, reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"], base_url=_base(request),
            )  # fmt: skip
            messages.success(request, "Đã ghi không tiếp nhận phản ánh; người gửi (nếu biết) "
                             "được báo lý do.")  # fmt: skip
            return redirect("inspections:feedback_report", pk)
        except DomainError as e:
            _add_error(form, e)
    return _decide_page(
        request, report, form, title="Không tiếp nhận phản ánh", button="Không tiếp nhận",
        intro="Người gửi (nếu biết) được báo lý do dưới đây; lý do cũng hiện ở trang tra cứu.",
    )  # fmt: skip


@never_cache
@login_required
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_or_404(request.user, pk)
    if (back := _waiting_or_back(request, report)) is not None:
        return back
    targets = selectors.forward_targets(report)
    form = ForwardForm(
        request.POST or None,
        targets=report.unit.__class__.objects.filter(pk__in=[u.pk for u in targets]),
        initial={"version": report.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_forward(
                actor=request.user, report=report, to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"], version=form.cleaned_data["version"],
                base_url=_base(request),
            )  # fmt: skip
            messages.success(request, f"Đã chuyển phản ánh đến {form.cleaned_data['to'].name}.")
            return redirect("inspections:feedback_queue")
        except DomainError as e:
            _add_error(form, e)
    return _decide_page(
        request, report, form, title="Chuyển phản ánh đến cấp khác", button="Chuyển",
        intro="Phản ánh chuyển đến ủy ban kiểm tra (hoặc cấp ủy, nếu chưa có ủy ban kiểm tra) "
        "của cấp được chọn; sau khi chuyển, cấp này không xem phản ánh nữa.",
    )  # fmt: skip


@never_cache
@login_required
def open_inspection(request: HttpRequest, pk: int) -> HttpResponse:
    """Mở cuộc kiểm tra: an inspection of the unit concerned in this level's plan, prefilled."""
    report = selectors.get_report_or_404(request.user, pk)
    if report.state != FeedbackState.ACCEPTED or report.inspection_id is not None:
        messages.info(request, "Chỉ mở cuộc kiểm tra từ phản ánh đã tiếp nhận, một lần.")
        return redirect("inspections:feedback_report", pk)
    form = InspectionForm(
        request.POST or None,
        units=selectors.inspection_units(report),
        initial=services.inspection_prefill(report) | {"version": report.version},
    )
    del form.fields["person_code"]  # the unit is inspected; a named member is in the subject
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.feedback_open_inspection(
                actor=request.user,
                report=report,
                data=inspections.InspectionInput(
                    kind=data["kind"], subject=data["subject"], unit=data["unit"],
                    period_start=data["period_start"], period_end=data["period_end"],
                    starts_on=data["starts_on"], ends_on=data["ends_on"],
                    team=_team(request.user, data["team_codes"]),
                ),
                version=_version(request),
            )  # fmt: skip
            messages.success(request, "Đã mở cuộc kiểm tra trong kế hoạch của cấp này.")
            return redirect("inspections:inspection", inspection.pk)
        except DomainError as e:
            _add_error(form, e)
    return render(
        request, "inspections/feedback/open_inspection.html", {"report": report, "form": form}
    )


def _version(request) -> int:
    return posted_version(request.POST)


def _team(actor, codes: list[str]) -> list[User]:
    """The actor and the people named by code or log-in name (the plan checks who may be on
    the team)."""
    named = list(User.objects.filter(username__in=codes)) if codes else []
    named += list(User.objects.filter(person__code__in=[c.upper() for c in codes])) if codes else []
    known = {u.username for u in named} | {u.person.code.lower() for u in named
                                            if hasattr(u, "person")}  # fmt: skip
    missing = [c for c in codes if c not in known]
    if missing:
        raise DomainError("Không tìm thấy người có tài khoản với mã: " + ", ".join(missing[:10]),
                          field="team_codes")  # fmt: skip
    return list({u.pk: u for u in [actor, *named]}.values())
