from django.db import migrations


def load(apps, schema_editor):
    from innovations.reference import load_reference

    load_reference(
        apps.get_model("innovations", "SDG"),
        apps.get_model("innovations", "AwardTier"),
        apps.get_model("innovations", "Category"),
        english=False,
    )


class Migration(migrations.Migration):
    dependencies = [("innovations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
