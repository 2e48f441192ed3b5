from django.urls import path

# The cell's page is the roster of handbook states, so its view lives in handbook;
# the URL stays under the unit ("/to-chuc/<mã>/") where people look for it.
from lamtheo.handbook import views as handbook_views

app_name = "orgs"
urlpatterns = [
    path("<str:code>/", handbook_views.roster, name="unit"),
]
