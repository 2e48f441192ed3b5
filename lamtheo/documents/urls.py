"""Documents a committee issues for the campaign, and their cascade to recipient units."""

from __future__ import annotations

from django.urls import path

from lamtheo.documents import views

app_name = "documents"
urlpatterns = [
    path("moi/", views.start, name="start"),
    path("den/", views.inbox, name="inbox"),
    path("den/<id:pk>/", views.receipt, name="receipt"),
    path("so/<code:code>/", views.register, name="register"),
    path("so/<code:code>/moi/", views.new, name="new"),
    path("so/<code:code>/thong-ke/", views.counts, name="counts"),
    path("so/<code:code>/thong-ke/xlsx/", views.counts_export, name="counts_export"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/tep/", views.download, name="file"),
    path("<id:pk>/sua/", views.edit, name="edit"),
    path("<id:pk>/kiem-tra/", views.check, name="check"),
    path("<id:pk>/xoa/", views.discard, name="discard"),
    path("<id:pk>/da-gui/", views.sent, name="sent"),
    path("<id:pk>/thu-hoi/", views.withdraw, name="withdraw"),
    path("<id:pk>/nhac-nho/", views.remind, name="remind"),
    path("<id:pk>/xlsx/", views.receipts_export, name="receipts_export"),
]
