from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "lamtheo.inspections"
    verbose_name = "Kiểm tra, giám sát"
