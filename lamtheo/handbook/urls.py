from django.urls import path, register_converter

from lamtheo.core.periods import month_slug

from . import selfcheck_views, views


class MonthConverter:
    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else month_slug(value)


register_converter(MonthConverter, "month")

app_name = "handbook"
urlpatterns = [
    path("<int:person_id>/<month:month>/", views.month, name="month"),
    path("<int:person_id>/<month:month>/viec/<int:item_id>/", views.item, name="item"),
    path("<int:person_id>/<month:month>/tu-danh-gia/", views.self_assessment, name="self"),
    path("<int:person_id>/<month:month>/kiem-tra/", views.check, name="check"),
    path("<int:person_id>/<month:month>/da-nop/", views.done, name="done"),
    path("<int:person_id>/<month:month>/nhan-xet/", views.review, name="review"),
    path("<int:person_id>/nam/<int:year>/", views.person_year, name="person_year"),
    path("<int:person_id>/<month:month>/tu-soi/", selfcheck_views.selfcheck, name="selfcheck"),
    path("tu-soi/<str:code>/", selfcheck_views.selfcheck_stats, name="selfcheck_stats"),
    path(
        "tu-soi/<str:code>/xlsx/",
        selfcheck_views.selfcheck_stats_export,
        name="selfcheck_stats_export",
    ),
]
