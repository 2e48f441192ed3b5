from django.urls import path

from . import print_views, programme_views, views

app_name = "pledges"
urlpatterns = [
    path("<year:year>/", views.mine, name="mine"),
    path("<year:year>/sua/", views.edit, name="edit"),
    path("<year:year>/kiem-tra/", views.check, name="check"),
    path("<year:year>/da-nop/", views.done, name="done"),
    path("xem-xet/<id:pk>/", views.review, name="review"),
    path("xem-xet/<id:pk>/tra-lai-kem-gop-y/", views.review_return, name="review_return"),
    path("in/<id:pk>/", print_views.registration_print, name="print"),
    path("chat-luong/", views.quality, name="quality"),
    path("cong-khai/", programme_views.index, name="programmes_index"),
    path("cong-khai/<code:code>/", programme_views.programmes, name="programmes"),
    path(
        "cong-khai/<code:code>/tai-ve/", programme_views.programmes_export, name="programmes_export"
    ),
    path("cong-khai/<code:code>/quan-ly/", programme_views.manage, name="programmes_manage"),
    path("cong-khai/<code:code>/cong-bo/", programme_views.publish, name="programme_publish"),
    path(
        "cong-khai/<code:code>/thoi/<id:pk>/", programme_views.unpublish, name="programme_unpublish"
    ),
]
