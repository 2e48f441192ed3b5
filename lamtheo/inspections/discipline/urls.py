"""Discipline pages, under /kiem-tra/ky-luat/ (included from inspections/urls.py)."""

from __future__ import annotations

from django.urls import path

from lamtheo.inspections.discipline import views

urlpatterns = [
    path("ky-luat/", views.home, name="discipline_home"),
    path("ky-luat/cua-toi/", views.mine, name="discipline_mine"),
    path("ky-luat/don-vi/<code:code>/ghi/", views.record_new, name="discipline_new"),
    path("ky-luat/<id:pk>/", views.record, name="discipline_record"),
    path("ky-luat/<id:pk>/sua/", views.record_correct, name="discipline_correct"),
    path("ky-luat/<id:pk>/huy/", views.record_annul, name="discipline_annul"),
    path("ky-luat/tham-quyen/<code:code>/", views.authority, name="discipline_authority"),
    path("ky-luat/thong-ke/<code:code>/", views.figures, name="discipline_figures"),
    path(
        "ky-luat/thong-ke/<code:code>/xlsx/", views.figures_export, name="discipline_figures_export"
    ),
]
