from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lamtheo.core"
    label = "core"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from lamtheo.core.audit import fill_history_action

        # Each history row takes the action code its record was tagged with (core.audit).
        pre_create_historical_record.connect(fill_history_action, dispatch_uid="history_action")
