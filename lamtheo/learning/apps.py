from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "lamtheo.learning"
    verbose_name = "Học tập, quán triệt và sinh hoạt chi bộ"
