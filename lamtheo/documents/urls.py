"""Documents a committee issues for the campaign, and their cascade to recipient units."""

from __future__ import annotations

from django.urls import path

from lamtheo.documents import views

app_name = "documents"
urlpatterns = [
    path("moi/", views.start, name="start"),
    path("den/", views.inbox, name="inbox"),
    path("den/<int:pk>/", views.receipt, name="receipt"),
    path("so/<str:code>/", views.register, name="register"),
    path("so/<str:code>/moi/", views.new, name="new"),
    path("so/<str:code>/thong-ke/", views.counts, name="counts"),
    path("so/<str:code>/thong-ke/xlsx/", views.counts_export, name="counts_export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tep/", views.download, name="file"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/kiem-tra/", views.check, name="check"),
    path("<int:pk>/xoa/", views.discard, name="discard"),
    path("<int:pk>/da-gui/", views.sent, name="sent"),
    path("<int:pk>/thu-hoi/", views.withdraw, name="withdraw"),
    path("<int:pk>/nhac-nho/", views.remind, name="remind"),
    path("<int:pk>/xlsx/", views.receipts_export, name="receipts_export"),
]
