"""Feedback URLs: the public pages (/phan-anh/, namespace "feedback", no log-in), the
commission's pages (under /kiem-tra/phan-anh/, in the inspections namespace) and the image
of the public form's challenge (its name is the one django-simple-captcha reverses)."""

from __future__ import annotations

from captcha import views as captcha_views
from django.urls import path, re_path

from lamtheo.inspections.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.start, name="start"),
    path("gui/<code:code>/", views.send, name="send"),
    path("gui/<code:code>/kiem-tra/", views.confirm, name="confirm"),
    path("da-gui/", views.sent, name="sent"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("cua-toi/", views.mine, name="mine"),
]

commission_urlpatterns = [
    path("phan-anh/", views.queue, name="feedback_queue"),
    path("phan-anh/<id:pk>/", views.report, name="feedback_report"),
    path("phan-anh/<id:pk>/tep/", views.attachment, name="feedback_attachment"),
    path("phan-anh/<id:pk>/tiep-nhan/", views.accept, name="feedback_accept"),
    path("phan-anh/<id:pk>/khong-tiep-nhan/", views.reject, name="feedback_reject"),
    path("phan-anh/<id:pk>/chuyen/", views.forward, name="feedback_forward"),
    path("phan-anh/<id:pk>/mo-cuoc-kiem-tra/", views.open_inspection,
         name="feedback_open_inspection"),
]  # fmt: skip

challenge_urlpatterns = [
    re_path(
        r"^phan-anh/ma-xac-nhan/(?P<key>[0-9a-z]{1,40})\.png$",
        captcha_views.captcha_image,
        name="captcha-image",
        kwargs={"scale": 1},
    ),
]
