from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "lamtheo.inspections"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self) -> None:
        from lamtheo.core import figures
        from lamtheo.inspections.discipline.figures import DisciplineFigures

        figures.register(DisciplineFigures())
