from django.contrib import admin
from django.urls import include, path

from lamtheo.handbook.urls import unit_urlpatterns
from lamtheo.inspections.feedback.urls import challenge_urlpatterns
from lamtheo.signin.urls import root_urlpatterns as signin_root_urlpatterns

urlpatterns = [
    *signin_root_urlpatterns,
    path("bao-mat/", include("lamtheo.signin.urls")),
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
    path("kiem-tra/", include("lamtheo.inspections.urls")),
    path("phan-anh/", include("lamtheo.inspections.feedback.urls")),
    *challenge_urlpatterns,
    path("thong-ke/", include("lamtheo.dashboard.urls")),
    path("tai-khoan/", include("lamtheo.accounts.urls")),
    path("quan-tri-he-thong/", admin.site.urls),
]
