from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "lamtheo.dashboard"
    label = "dashboard"

    def ready(self) -> None:
        from lamtheo.core import figures
        from lamtheo.dashboard.figures import DashboardFigures

        figures.register(DashboardFigures())
