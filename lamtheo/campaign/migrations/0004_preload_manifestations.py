from django.db import migrations

from lamtheo.campaign.preload import MANIFESTATIONS


def preload(apps, schema_editor):
    Manifestation = apps.get_model("campaign", "Manifestation")
    for group, labels in MANIFESTATIONS.items():
        for number, label in enumerate(labels, start=1):
            Manifestation.objects.get_or_create(
                group=group, number=number, defaults={"label": label}
            )


class Migration(migrations.Migration):
    dependencies = [("campaign", "0003_preload_central_topics")]
    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
