from django.urls import path

from lamtheo.learning.meetings import views as meetings
from lamtheo.learning.stories import views as stories
from lamtheo.learning.study import views as study_views

app_name = "learning"

# The study of the topic: sessions, attendance, figures (learning.study_views).
urlpatterns = [
    path("buoi-hoc/<id:pk>/", study_views.session_detail, name="study_session"),
    path("buoi-hoc/<id:pk>/sua/", study_views.session_edit, name="study_session_edit"),
    path("buoi-hoc/<id:pk>/huy/", study_views.session_cancel, name="study_session_cancel"),
    path(
        "buoi-hoc/<id:pk>/diem-danh/<code:code>/", study_views.attendance, name="study_attendance"
    ),
    path("<code:code>/buoi-hoc/", study_views.sessions, name="study_sessions"),
    path("<code:code>/buoi-hoc/moi/", study_views.session_create, name="study_session_create"),
    path("<code:code>/ket-qua-hoc-tap/", study_views.figures, name="study_figures"),
    path(
        "<code:code>/ket-qua-hoc-tap/xuat.xlsx",
        study_views.figures_export,
        name="study_figures_export",
    ),
    path("<code:code>/chua-hoc-tap/", study_views.not_studied, name="study_not_studied"),
    path(
        "<code:code>/chua-hoc-tap/xuat.xlsx",
        study_views.not_studied_export,
        name="study_not_studied_export",
    ),
]

# Cell meetings (sinh hoạt chi bộ) and their figures.
urlpatterns += [
    path("sinh-hoat/chi-bo/<code:code>/", meetings.cell, name="meeting_cell"),
    path("sinh-hoat/chi-bo/<code:code>/ghi-bien-ban/", meetings.new, name="meeting_new"),
    path("sinh-hoat/buoi/<id:pk>/", meetings.detail, name="meeting_detail"),
    path("sinh-hoat/buoi/<id:pk>/sua/", meetings.edit, name="meeting_edit"),
    path("sinh-hoat/buoi/<id:pk>/xoa/", meetings.delete, name="meeting_delete"),
    path("sinh-hoat/buoi/<id:pk>/diem-danh/", meetings.attendance, name="meeting_attendance"),
    path("sinh-hoat/buoi/<id:pk>/bien-ban.docx", meetings.minutes, name="meeting_minutes"),
    path("sinh-hoat/chi-bo/<code:code>/trieu-tap/", meetings.announce, name="meeting_announce"),
    path("sinh-hoat/buoi/<id:pk>/trieu-tap/", meetings.announcement, name="meeting_announcement"),
    path(
        "sinh-hoat/buoi/<id:pk>/sua-trieu-tap/",
        meetings.announce_edit,
        name="meeting_announce_edit",
    ),
    path("sinh-hoat/buoi/<id:pk>/huy-trieu-tap/", meetings.cancel, name="meeting_cancel"),
    path("sinh-hoat/buoi/<id:pk>/ghi-bien-ban/", meetings.record, name="meeting_record"),
    path("sinh-hoat/thong-ke/<code:code>/", meetings.figures, name="meeting_figures"),
    path(
        "sinh-hoat/thong-ke/<code:code>/xuat.xlsx",
        meetings.figures_export,
        name="meeting_figures_export",
    ),
    path("sinh-hoat/thong-ke/<code:code>/chua-ghi/", meetings.missing, name="meeting_missing"),
]

# Stories for the morning briefing (mẩu chuyện, buổi thông tin đầu giờ).
urlpatterns += [
    path("mau-chuyen/", stories.library, name="story_library"),
    path("mau-chuyen/them/", stories.new, name="story_new"),
    path("mau-chuyen/<id:pk>/", stories.detail, name="story_detail"),
    path("mau-chuyen/<id:pk>/sua/", stories.edit, name="story_edit"),
    path("mau-chuyen/don-vi/<code:code>/", stories.unit_story, name="story_unit"),
    path("mau-chuyen/don-vi/<code:code>/da-doc/", stories.unit_story_read, name="story_read"),
    path(
        "mau-chuyen/don-vi/<code:code>/nhip-doc/", stories.unit_story_setting, name="story_setting"
    ),
    path("mau-chuyen/thong-ke/<code:code>/", stories.figures, name="story_figures"),
    path(
        "mau-chuyen/thong-ke/<code:code>/xuat.xlsx",
        stories.figures_export,
        name="story_figures_export",
    ),
    path(
        "mau-chuyen/thong-ke/<code:code>/cac-buoi-da-doc/",
        stories.figures_readings,
        name="story_figures_readings",
    ),
]
