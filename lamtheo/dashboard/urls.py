from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("<code:code>/", views.unit, name="unit"),
    path("<code:code>/xuat.xlsx", views.unit_export, name="unit_export"),
    path("<code:code>/bieu-do.svg", views.chart, name="chart"),
    path("<code:code>/theo-thang/", views.months, name="months"),
    path("<code:code>/theo-thang/xuat.xlsx", views.months_export, name="months_export"),
    path("<code:code>/viec-chua-cu-the/", views.vague, name="vague"),
    path("<code:code>/danh-sach/<slug:kind>/", views.listing, name="listing"),
    path(
        "<code:code>/danh-sach/<slug:kind>/xuat.xlsx", views.listing_export, name="listing_export"
    ),
    path("<code:code>/danh-sach/<slug:kind>/nhac-nho/", views.remind, name="remind"),
]
