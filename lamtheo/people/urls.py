from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("nhap/", views.import_roster, name="import"),
    path("nhap/tep-mau.xlsx", views.import_template, name="import_template"),
]
