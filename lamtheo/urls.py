from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lamtheo.core.forms import LoginForm
from lamtheo.handbook.urls import unit_urlpatterns

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="core/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("lamtheo.home.urls")),
    path("", include("lamtheo.core.urls")),
    path("dang-ky/", include("lamtheo.pledges.urls")),
    path("so-tay/", include("lamtheo.handbook.urls")),
    path("to-chuc/", include(unit_urlpatterns)),
    path("to-chuc/", include("lamtheo.orgs.urls")),
    path("nhan-su/", include("lamtheo.people.urls")),
    path("hoc-tap/", include("lamtheo.learning.urls")),
    path("chuyen-de/", include("lamtheo.campaign.urls")),
    path("van-ban/", include("lamtheo.documents.urls")),
    path("thong-ke/", include("lamtheo.dashboard.urls")),
    path("quan-tri-he-thong/", admin.site.urls),
]
