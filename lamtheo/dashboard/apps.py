from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "lamtheo.dashboard"
    label = "dashboard"
