from django.contrib import admin

from lamtheo.core.admin import AuditedAdmin
from lamtheo.pledges.models import ContentArea


@admin.register(ContentArea)
class ContentAreaAdmin(AuditedAdmin):
    list_display = ["title", "order", "unit"]
    raw_id_fields = ["unit"]
