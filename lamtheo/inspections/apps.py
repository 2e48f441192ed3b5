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
