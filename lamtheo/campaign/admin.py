from django.contrib import admin

from lamtheo.campaign.models import Campaign, Topic


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "directive", "is_active"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["year", "kind", "title", "unit"]
    list_filter = ["kind", "year"]
    raw_id_fields = ["unit"]
