"""Log-in, passwords and the second step. Thin: a form, a service call, a redirect."""

from __future__ import annotations

import base64
from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from lamtheo.orgs.scope import Capability, has_any, requires_two_factor
from lamtheo.signin import selectors, services
from lamtheo.signin.forms import (
    CodeForm,
    FindPersonForm,
    LoginForm,
    ResetTwoFactorForm,
    SetupCodeForm,
    VietnamesePasswordChangeForm,
    VietnamesePasswordResetForm,
    VietnameseSetPasswordForm,
)

login = auth_views.LoginView.as_view(
    template_name="signin/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()

password_change = auth_views.PasswordChangeView.as_view(
    template_name="signin/password_change.html",
    form_class=VietnamesePasswordChangeForm,
    success_url=reverse_lazy("signin:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="signin/password_change_done.html"
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name="signin/password_reset.html",
    form_class=VietnamesePasswordResetForm,
    email_template_name="signin/email/password_reset.txt",
    subject_template_name="signin/email/password_reset_subject.txt",
    success_url=reverse_lazy("signin:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="signin/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="signin/password_reset_confirm.html",
    form_class=VietnameseSetPasswordForm,
    success_url=reverse_lazy("signin:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="signin/password_reset_complete.html"
)


def _next(request, default: str = "home:home") -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(default)


def _required(user) -> bool:
    return settings.LAMTHEO_REQUIRE_2FA and requires_two_factor(user)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "signin/account.html",
        {
            "two_factor_on": selectors.has_second_factor(user),
            "two_factor_required": _required(user),
            "may_reset_others": has_any(user, Capability.RESET_TWO_FACTOR),
        },
    )


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "signin/two_factor.html",
        {
            "device": selectors.confirmed_totp(user),
            "state": selectors.two_factor_state(user),
            "codes_left": selectors.recovery_codes_left(user),
            "required": _required(user),
        },
    )


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def _key_text(device) -> str:
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Step 1: a button makes a key (setup_start). Step 2: scan it, type the first code."""
    user = request.user
    device = selectors.pending_totp(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = services.totp_confirm(user=user, device=device, code=form.cleaned_data["code"])
        except services.TooManyTries:
            form.add_error(
                "code",
                "Vừa nhập sai mã. Vui lòng chờ vài giây rồi nhập mã mới đang hiện trong ứng dụng.",
            )
        except services.WrongCode:
            form.add_error(
                "code",
                "Mã chưa đúng. Vui lòng nhập mã sáu chữ số đang hiện trong ứng dụng "
                "(kiểm tra giờ của điện thoại là giờ tự động).",
            )
        else:
            otp_login(request, selectors.confirmed_totp(user))
            return _codes_page(request, codes, first=True)
    elif request.method == "POST" and device is None:
        return redirect("signin:setup")
    return render(
        request,
        "signin/setup.html",
        {
            "device": device,
            "form": form,
            "qr": _qr_data_uri(device.config_url) if device else "",
            "key": _key_text(device) if device else "",
            "already_on": selectors.has_second_factor(user),
            "required": _required(user),
            "next": _next(request),
        },
    )


@login_required
@require_POST
def setup_start(request: HttpRequest) -> HttpResponse:
    services.totp_start(user=request.user)
    return redirect(reverse("signin:setup") + "?" + urlencode({"next": _next(request)}))


def _codes_page(request, codes: list[str], *, first: bool = False) -> HttpResponse:
    # Shown once, in the answer to the post that made them; never stored for a later page.
    return render(
        request,
        "signin/codes.html",
        {"codes": codes, "first": first, "next": _next(request)},
    )


@login_required
@require_POST
def codes_renew(request: HttpRequest) -> HttpResponse:
    if not selectors.has_second_factor(request.user):
        return redirect("signin:two_factor")
    return _codes_page(request, services.codes_renew(user=request.user))


@login_required
@require_POST
def two_factor_off(request: HttpRequest) -> HttpResponse:
    if _required(request.user):
        messages.error(
            request,
            "Vai trò của đồng chí bắt buộc xác thực hai bước nên không tắt được. "
            "Nếu mất điện thoại, vui lòng dùng mã dự phòng hoặc nhờ quản trị viên đặt lại.",
        )
    elif selectors.has_second_factor(request.user):
        services.two_factor_off(user=request.user)
        messages.success(request, "Đã tắt xác thực hai bước.")
    return redirect("signin:two_factor")


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() or not selectors.has_second_factor(user):
        return HttpResponseRedirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_step(user=user, code=form.cleaned_data["code"])
        except services.TooManyTries:
            form.add_error(
                "code",
                "Vừa nhập sai mã. Vui lòng chờ vài giây rồi thử lại (nhập sai nhiều lần thì phải chờ lâu hơn).",
            )
        except services.WrongCode:
            form.add_error("code", "Mã xác thực chưa đúng hoặc đã dùng rồi. Vui lòng nhập lại.")
        else:
            otp_login(request, device)
            left = selectors.recovery_codes_left(user)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(
                    request,
                    f"Đồng chí vừa dùng một mã dự phòng; còn {left} mã. "
                    "Mỗi mã chỉ dùng được một lần.",
                )
            return HttpResponseRedirect(_next(request))
    return render(request, "signin/verify.html", {"form": form, "next": _next(request)})


@login_required
def reset_two_factor(request: HttpRequest) -> HttpResponse:
    """An administrator clears the second step of a person of their subtree (a lost phone):
    find by log-in name, check, confirm with a reason."""
    if not has_any(request.user, Capability.RESET_TWO_FACTOR):
        raise Http404("Không tìm thấy trang.")
    target = None
    confirm = None
    if request.method == "POST":
        confirm = ResetTwoFactorForm(request.POST)
        if confirm.is_valid():
            target = selectors.resettable_user_or_none(request.user, confirm.cleaned_data["name"])
            if target is None:
                raise Http404("Không tìm thấy người này.")
            services.two_factor_reset(
                actor=request.user, user=target, reason=confirm.cleaned_data["reason"]
            )
            messages.success(
                request,
                f"Đã đặt lại xác thực hai bước của {target.get_full_name() or target.username}. "
                "Lần đăng nhập sau, người đó cài đặt lại (nếu vai trò bắt buộc).",
            )
            return redirect("signin:reset_two_factor")
        find = FindPersonForm({"name": request.POST.get("name", "")})
        find.is_valid()
        target = selectors.resettable_user_or_none(request.user, request.POST.get("name", ""))
    else:
        find = FindPersonForm(request.GET or None)
        if find.is_valid():
            target = selectors.resettable_user_or_none(request.user, find.cleaned_data["name"])
            if target is None:
                find.add_error(
                    "name",
                    "Không tìm thấy người có tên đăng nhập này trong phạm vi đồng chí quản trị.",
                )
            else:
                confirm = ResetTwoFactorForm(initial={"name": find.cleaned_data["name"]})
    return render(
        request,
        "signin/reset_two_factor.html",
        {
            "find": find,
            "confirm": confirm,
            "target": target,
            "target_on": bool(target) and selectors.has_second_factor(target),
        },
    )
