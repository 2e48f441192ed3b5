from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page (the person's task list) and the navigation's figures: they read from
    every domain app, so they sit above them, not in core."""

    name = "lamtheo.home"
    label = "home"
