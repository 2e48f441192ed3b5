from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo organization and `manage.py load_demo`: no models, only the generator."""

    name = "lamtheo.demo"
    label = "demo"
