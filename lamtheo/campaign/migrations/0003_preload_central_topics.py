from django.db import migrations

from lamtheo.campaign.preload import CAMPAIGN_DIRECTIVE, CAMPAIGN_NAME, CENTRAL_TOPICS


def preload(apps, schema_editor):
    Campaign = apps.get_model("campaign", "Campaign")
    Topic = apps.get_model("campaign", "Topic")
    campaign = Campaign.objects.filter(name=CAMPAIGN_NAME).first() or Campaign.objects.create(
        name=CAMPAIGN_NAME, directive=CAMPAIGN_DIRECTIVE
    )
    for year, kind, year_end, title, summary in CENTRAL_TOPICS:
        Topic.objects.get_or_create(
            unit=None,
            year=year,
            kind=kind,
            defaults={
                "campaign": campaign,
                "year_end": year_end,
                "title": title,
                "summary": summary,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("campaign", "0002_topic_history_materials_manifestations")]
    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
