from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "lamtheo.pledges"
    label = "pledges"
