from django.urls import path

from . import views

app_name = "campaign"
urlpatterns = [
    path("", views.topics, name="topics"),
    path("them/", views.topic_create, name="topic_create"),
    path("<id:pk>/", views.topic, name="topic"),
    path("<id:pk>/sua/", views.topic_edit, name="topic_edit"),
    path("<id:pk>/tai-lieu/them/", views.material_add, name="material_add"),
    path("tai-lieu/<id:pk>/go/", views.material_remove, name="material_remove"),
    path("tai-lieu/<id:pk>/tai-ve/", views.material_download, name="material_download"),
]
