from __future__ import annotations

from django.apps import AppConfig


class HandbookConfig(AppConfig):
    name = "lamtheo.handbook"
    label = "handbook"

    def ready(self) -> None:
        from lamtheo.core import figures
        from lamtheo.handbook.figures import SelfCheckFigures

        figures.register(SelfCheckFigures())
