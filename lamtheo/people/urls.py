from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("nhap/", views.import_roster, name="import"),
    path("nhap/tep-mau.xlsx", views.import_template, name="import_template"),
    path("nhap/ghep-cot/<slug:key>/", views.import_map, name="import_map"),
    path("ho-so/", views.my_profile, name="my_profile"),
    path("<id:pk>/", views.profile, name="profile"),
    path("<id:pk>/lien-lac/", views.edit_contact, name="edit_contact"),
    path("<id:pk>/thong-tin-dang-vien/", views.edit_party_data, name="edit_party_data"),
    path("<id:pk>/chuyen-sinh-hoat/", views.transfer, name="transfer"),
    path("<id:pk>/mien-sinh-hoat/", views.exempt, name="exempt"),
    path(
        "<id:pk>/mien-sinh-hoat/<id:exemption_id>/ket-thuc/",
        views.exemption_end,
        name="exemption_end",
    ),
    path("<id:pk>/ra-khoi-dang/", views.leave, name="leave"),
    path("<id:pk>/tro-lai/", views.come_back, name="return"),
    path("<id:pk>/da-ghi-nhan/<code:what>/", views.done, name="done"),
    path("", views.people_home, name="home"),
    path("don-vi/<code:code>/", views.unit_people, name="unit_people"),
    path("don-vi/<code:code>/ho-so.xlsx", views.export_profiles, name="export"),
]
