from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lamtheo.campaign.models import Campaign, Manifestation, Topic
from lamtheo.core.admin import AuditedAdmin


@admin.register(Campaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ["name", "directive", "is_active"]


@admin.register(Topic)
class TopicAdmin(AuditedAdmin, SimpleHistoryAdmin):
    list_display = ["year", "kind", "title", "unit"]
    list_filter = ["kind", "year"]
    raw_id_fields = ["unit"]
    exclude = ["version"]


@admin.register(Manifestation)
class ManifestationAdmin(AuditedAdmin, SimpleHistoryAdmin):
    """An organization may replace the shipped short labels with the official text."""

    list_display = ["code", "label"]
    list_display_links = ["code"]
    list_filter = ["group"]
    fields = ["group", "number", "label"]
    readonly_fields = ["group", "number"]

    def has_add_permission(self, request) -> bool:
        return False  # the list is fixed at 27 items

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="số")
    def code(self, obj: Manifestation) -> str:
        return obj.code
