from django.contrib import admin

from lamtheo.pledges.models import ContentArea


@admin.register(ContentArea)
class ContentAreaAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "unit"]
    raw_id_fields = ["unit"]
