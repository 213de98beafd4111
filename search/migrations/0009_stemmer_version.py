"""The stemmer exceptions' version (search.stemmer_version). Indexes that exist were built with
today's exceptions: they start at version 1 with today's fingerprint, so only a later change to
the exceptions rebuilds them."""

from django.db import migrations, models


def record_current_rules(apps, schema_editor):
    from search.analysis import rules_fingerprint

    apps.get_model("search", "StemmerVersion").objects.update_or_create(
        pk=1, defaults={"number": 1, "fingerprint": rules_fingerprint()})
    apps.get_model("search", "SearchState").objects.update(stemmer_version=1)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0008_similar_innovations'),
    ]

    operations = [
        migrations.CreateModel(
            name='StemmerVersion',
            fields=[
                ('id', models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ('number', models.PositiveIntegerField(default=0)),
                ('fingerprint', models.CharField(blank=True, max_length=64)),
                ('changed_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AddField(
            model_name='searchstate',
            name='stemmer_version',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(record_current_rules, migrations.RunPython.noop),
    ]
