from django.urls import path, register_converter

from lamtheo.core.periods import month_slug, parse_month

from . import selfcheck_views, views


class MonthConverter:
    """A month as "2025-03"; month 00 or 13 matches no URL (404)."""

    regex = "[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> str:
        if parse_month(value) is None:
            raise ValueError(f"{value} is not a month")
        return value

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else month_slug(value)


register_converter(MonthConverter, "month")

app_name = "handbook"
urlpatterns = [
    path("cho-xem-xet/", views.queue, name="queue"),
    path("cho-xem-xet/tiep-theo/", views.queue_next, name="queue_next"),
    path("<id:person_id>/<month:month>/", views.month, name="month"),
    path("<id:person_id>/<month:month>/viec/<id:item_id>/", views.item, name="item"),
    path("<id:person_id>/<month:month>/tu-danh-gia/", views.self_assessment, name="self"),
    path("<id:person_id>/<month:month>/kiem-tra/", views.check, name="check"),
    path("<id:person_id>/<month:month>/nhap-thay/", views.enter_paper, name="enter"),
    path("<id:person_id>/<month:month>/da-nop/", views.done, name="done"),
    path("<id:person_id>/<month:month>/nhan-xet/", views.review, name="review"),
    path("<id:person_id>/nam/<year:year>/", views.person_year, name="person_year"),
    path("<id:person_id>/<month:month>/tu-soi/", selfcheck_views.selfcheck, name="selfcheck"),
    path("tu-soi/<code:code>/", selfcheck_views.selfcheck_stats, name="selfcheck_stats"),
    path(
        "tu-soi/<code:code>/xlsx/",
        selfcheck_views.selfcheck_stats_export,
        name="selfcheck_stats_export",
    ),
]

# The cell's page is the roster of handbook states, so its view lives here; its URL stays under
# the unit ("/to-chuc/<mã>/", name "orgs:unit") where people look for it. lamtheo/urls.py
# mounts it, so that orgs (below handbook in the layers) does not import a handbook view.
unit_urlpatterns = ([path("<code:code>/", views.roster, name="unit")], "orgs")
