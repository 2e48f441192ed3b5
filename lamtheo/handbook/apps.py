from django.apps import AppConfig


class HandbookConfig(AppConfig):
    name = "lamtheo.handbook"
    label = "handbook"
