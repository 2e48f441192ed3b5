from django.urls import path

from . import views

app_name = "campaign"
urlpatterns = [
    path("", views.topics, name="topics"),
    path("them/", views.topic_create, name="topic_create"),
    path("<int:pk>/", views.topic, name="topic"),
    path("<int:pk>/sua/", views.topic_edit, name="topic_edit"),
    path("<int:pk>/tai-lieu/them/", views.material_add, name="material_add"),
    path("tai-lieu/<int:pk>/go/", views.material_remove, name="material_remove"),
    path("tai-lieu/<int:pk>/tai-ve/", views.material_download, name="material_download"),
]
