from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "lamtheo.documents"
    verbose_name = "Văn bản triển khai"
