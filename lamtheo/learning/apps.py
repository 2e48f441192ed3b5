from __future__ import annotations

from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "lamtheo.learning"
    verbose_name = "Học tập, quán triệt và sinh hoạt chi bộ"

    def ready(self) -> None:
        from lamtheo.core import figures
        from lamtheo.learning.meetings.figures import MeetingFigures
        from lamtheo.learning.study.figures import StudyFigures

        figures.register(StudyFigures())
        figures.register(MeetingFigures())
