from __future__ import annotations

from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "lamtheo.inspections"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self) -> None:
        from lamtheo.core import figures
        from lamtheo.inspections.discipline.figures import DisciplineFigures
        from lamtheo.inspections.figures import InspectionFigures

        figures.register(InspectionFigures())
        figures.register(DisciplineFigures())
        # The formalism signals' table lives in its own part (signals/models.py). Imported
        # here rather than from models.py: the signals read the plans (models.py) to add an
        # inspection, and models.py importing signals back would close a circle.
        import lamtheo.inspections.signals.models  # noqa: F401
