from django.urls import path

from . import views

app_name = "pledges"
urlpatterns = [
    path("<int:year>/", views.mine, name="mine"),
    path("<int:year>/sua/", views.edit, name="edit"),
    path("<int:year>/kiem-tra/", views.check, name="check"),
    path("<int:year>/da-nop/", views.done, name="done"),
    path("xem-xet/<int:pk>/", views.review, name="review"),
    path("chat-luong/", views.quality, name="quality"),
]
