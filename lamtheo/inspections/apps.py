from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "lamtheo.inspections"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self) -> None:
        # The formalism signals' table lives in its own part (signals/models.py). Imported
        # here rather than from models.py: the signals read the plans (models.py) to add an
        # inspection, and models.py importing signals back would close a circle.
        import lamtheo.inspections.signals.models  # noqa: F401
