from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("<str:code>/", views.unit, name="unit"),
    path("<str:code>/xuat.xlsx", views.unit_export, name="unit_export"),
    path("<str:code>/bieu-do.svg", views.chart, name="chart"),
    path("<str:code>/theo-thang/", views.months, name="months"),
    path("<str:code>/theo-thang/xuat.xlsx", views.months_export, name="months_export"),
    path("<str:code>/danh-sach/<slug:kind>/", views.listing, name="listing"),
    path("<str:code>/danh-sach/<slug:kind>/xuat.xlsx", views.listing_export, name="listing_export"),
    path("<str:code>/danh-sach/<slug:kind>/nhac-nho/", views.remind, name="remind"),
]
