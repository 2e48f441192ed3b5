"""Inspections, supervisions and surveys: plans, conduct, findings and their follow-up."""

from __future__ import annotations

from django.urls import path

from lamtheo.inspections import views
from lamtheo.inspections.discipline.urls import urlpatterns as discipline_urlpatterns
from lamtheo.inspections.feedback.urls import commission_urlpatterns
from lamtheo.inspections.signals import views as signals

app_name = "inspections"
urlpatterns = [
    path("", views.home, name="home"),
    path("dau-hieu/", signals.index, name="signals_index"),
    path("dau-hieu/don-vi/<code:code>/", signals.ranking, name="signals"),
    path("dau-hieu/chi-bo/<code:code>/", signals.cell, name="signals_cell"),
    path(
        "dau-hieu/chi-bo/<code:code>/dua-vao-ke-hoach/",
        signals.add_to_plan,
        name="signals_add_to_plan",
    ),  # fmt: skip
    path("dau-hieu/can-cu/<id:pk>/", signals.evidence, name="signals_evidence"),
    path("danh-muc/", views.categories, name="categories"),
    path("danh-muc/<id:pk>/", views.category_edit, name="category_edit"),
    path("don-vi/<code:code>/", views.plans, name="plans"),
    path("don-vi/<code:code>/ke-hoach-moi/", views.plan_new, name="plan_new"),
    path("ke-hoach/<id:pk>/", views.plan, name="plan"),
    path("ke-hoach/<id:pk>/xlsx/", views.plan_export, name="plan_export"),
    path("ke-hoach/<id:pk>/them/", views.inspection_new, name="inspection_new"),
    path("<id:pk>/", views.inspection, name="inspection"),
    path("<id:pk>/sua/", views.inspection_edit, name="inspection_edit"),
    path("<id:pk>/bat-dau/", views.inspection_open, name="inspection_open"),
    path("<id:pk>/huy/", views.inspection_cancel, name="inspection_cancel"),
    path("<id:pk>/ho-so/", views.records, name="records"),
    path("<id:pk>/ho-so/<id:person_id>/", views.person_records, name="person_records"),
    path("<id:pk>/minh-chung/", views.evidence_new, name="evidence_new"),
    path("minh-chung/<id:pk>/tep/", views.evidence_file, name="evidence_file"),
    path("<id:pk>/noi-dung/", views.finding_new, name="finding_new"),
    path("noi-dung/<id:pk>/sua/", views.finding_edit, name="finding_edit"),
    path("noi-dung/<id:pk>/bo/", views.finding_remove, name="finding_remove"),
    path("<id:pk>/ket-luan/", views.conclude, name="conclude"),
    path("<id:pk>/da-ket-luan/", views.concluded, name="concluded"),
    path("<id:pk>/thong-bao-ket-luan.docx", views.conclusion_file, name="conclusion_file"),
    path("khac-phuc/<id:pk>/", views.remedy, name="remedy"),
    path("khac-phuc/<id:pk>/tep/", views.remedy_file, name="remedy_file"),
    path("khac-phuc/<id:pk>/cong-nhan/", views.remedy_accept, name="remedy_accept"),
    path("khac-phuc/<id:pk>/khac-phuc-tiep/", views.remedy_reopen, name="remedy_reopen"),
    path("khac-phuc/<id:pk>/nhac/", views.remedy_remind, name="remedy_remind"),
    path("so-lieu/<code:code>/", views.figures, name="figures"),
    path("so-lieu/<code:code>/xuat.xlsx", views.figures_export, name="figures_export"),
    *commission_urlpatterns,
]
urlpatterns += discipline_urlpatterns  # /kiem-tra/ky-luat/…
