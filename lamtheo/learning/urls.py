from django.urls import path  # noqa: F401

app_name = "learning"
urlpatterns: list = []

# The study of the topic: sessions, attendance, figures (learning.study_views).
from lamtheo.learning import study_views  # noqa: E402

urlpatterns += [
    path("buoi-hoc/<int:pk>/", study_views.session_detail, name="study_session"),
    path("buoi-hoc/<int:pk>/sua/", study_views.session_edit, name="study_session_edit"),
    path(
        "buoi-hoc/<int:pk>/diem-danh/<str:code>/", study_views.attendance, name="study_attendance"
    ),
    path("<str:code>/buoi-hoc/", study_views.sessions, name="study_sessions"),
    path("<str:code>/buoi-hoc/moi/", study_views.session_create, name="study_session_create"),
    path("<str:code>/ket-qua-hoc-tap/", study_views.figures, name="study_figures"),
    path(
        "<str:code>/ket-qua-hoc-tap/xuat.xlsx",
        study_views.figures_export,
        name="study_figures_export",
    ),
    path("<str:code>/chua-hoc-tap/", study_views.not_studied, name="study_not_studied"),
    path(
        "<str:code>/chua-hoc-tap/xuat.xlsx",
        study_views.not_studied_export,
        name="study_not_studied_export",
    ),
]
