"""The sign-in's pages: the log-in and log-out at the site's root (`login`, `logout`, as
LOGIN_URL and the tests know them), the rest under /bao-mat/ (namespace `signin`)."""

from __future__ import annotations

from django.urls import path

from lamtheo.signin import views

root_urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
]

app_name = "signin"
urlpatterns = [
    path("", views.account, name="account"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("doi-mat-khau/xong/", views.password_change_done, name="password_change_done"),
    path("quen-mat-khau/", views.password_reset, name="password_reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_done, name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<code:uidb64>/<code:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", views.password_reset_complete, name="password_reset_complete"),
    path("xac-thuc-hai-buoc/", views.two_factor, name="two_factor"),
    path("xac-thuc-hai-buoc/cai-dat/", views.setup, name="setup"),
    path("xac-thuc-hai-buoc/tao-khoa/", views.setup_start, name="setup_start"),
    path("xac-thuc-hai-buoc/ma-du-phong/", views.codes_renew, name="codes_renew"),
    path("xac-thuc-hai-buoc/tat/", views.two_factor_off, name="two_factor_off"),
    path("xac-thuc-hai-buoc/dat-lai/", views.reset_two_factor, name="reset_two_factor"),
    path("xac-thuc/", views.verify, name="verify"),
]
