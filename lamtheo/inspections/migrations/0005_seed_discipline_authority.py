"""Each existing tree gets its table of who may decide which discipline form, seeded from
FACTS.md ("a chi bộ may reprimand or warn its own members; higher bodies and inspection
commissions hold wider powers"). Its administrators edit it; a tree created later reads the
same default (discipline.models.DEFAULT_AUTHORITY) until they do."""

from django.db import migrations

MEMBER_ALL = ["reprimand", "warning", "dismissal", "expulsion"]
TABLE = {
    "cell": {"member": ["reprimand", "warning"], "organization": []},
    "committee": {"member": MEMBER_ALL, "organization": ["reprimand", "warning", "dissolution"]},
    "standing": {"member": MEMBER_ALL, "organization": ["reprimand", "warning"]},
    "commission": {"member": MEMBER_ALL, "organization": ["reprimand", "warning"]},
}


def seed(apps, schema_editor):
    OrgUnit = apps.get_model("orgs", "OrgUnit")
    DisciplineAuthority = apps.get_model("inspections", "DisciplineAuthority")
    for top in OrgUnit.objects.filter(parent__isnull=True):
        DisciplineAuthority.objects.get_or_create(unit=top, defaults={"table": TABLE})


class Migration(migrations.Migration):
    dependencies = [("inspections", "0004_discipline")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
