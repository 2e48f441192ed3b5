from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lamtheo.people"
    label = "people"
