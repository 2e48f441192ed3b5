from django.urls import path

from lamtheo.orgs import views

app_name = "units"

urlpatterns = [
    path("<code:code>/cai-dat/", views.unit_settings, name="settings"),
]
