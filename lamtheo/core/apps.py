from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lamtheo.core"
    label = "core"

    def ready(self) -> None:
        from django.urls import register_converter
        from simple_history.signals import pre_create_historical_record

        from lamtheo.core.converters import CodeConverter, IdConverter, YearConverter

        # <id:…>, <year:…> and <code:…> in every urls.py (core.converters): an id out of the
        # database's range is a 404, not a server error. Registered before any URLconf is read.
        register_converter(CodeConverter, "code")
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")

        from lamtheo.core.audit import fill_history_action

        # Each history row takes the action code its record was tagged with (core.audit).
        pre_create_historical_record.connect(fill_history_action, dispatch_uid="history_action")

        from lamtheo.core.forms import install_length_messages, install_typed_text_check

        # Every form's text is checked for invisible and control characters (core.forms), and
        # a text too long or too short is told in the app's own Vietnamese.
        install_typed_text_check()
        install_length_messages()
