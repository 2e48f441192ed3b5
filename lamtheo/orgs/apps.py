from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "lamtheo.orgs"
    label = "orgs"
