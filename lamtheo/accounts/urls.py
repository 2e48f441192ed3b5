from django.urls import path

from lamtheo.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.start, name="start"),
    path("dat-mat-khau/", views.set_password, name="set_password"),
    path("to-chuc/<code:code>/", views.unit, name="unit"),
    path("to-chuc/<code:code>/cap-tai-khoan/", views.issue_all, name="issue_all"),
    path("nguoi/<id:pk>/cap-ma/", views.issue_one, name="issue_one"),
    path("nguoi/<id:pk>/khoa/", views.deactivate, name="deactivate"),
    path("nguoi/<id:pk>/mo-khoa/", views.reactivate, name="reactivate"),
    path("luot-cap/<id:pk>/cap-lai/", views.batch_reissue, name="batch_reissue"),
    path("nhap/<slug:token>/", views.issue_imported, name="issue_imported"),
    path("vai-tro/<code:code>/", views.roles, name="roles"),
    path("vai-tro/<code:code>/giao/", views.role_new, name="role_new"),
    path("vai-tro/ket-thuc/<id:pk>/", views.role_end, name="role_end"),
]
