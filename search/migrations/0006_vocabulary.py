"""The public-service vocabulary (search.vocabulary) and its version, with the starting entries."""

from django.db import migrations, models


def load_vocabulary(apps, schema_editor):
    """The starting vocabulary of search/data/vocabulary.csv (242 entries with their sources)."""
    from search.vocabulary import read_rows

    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.bulk_create(
        [Synonym(term=row["term"], equivalents="\n".join(row["equivalents"]), kind=row["kind"], domain=row["domain"],
                 source=row["source"]) for row in read_rows()],
        ignore_conflicts=True,
    )
    apps.get_model("search", "VocabularyVersion").objects.update_or_create(pk=1, defaults={"number": 1})


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_ranking_keys'),
    ]

    operations = [
        migrations.CreateModel(
            name='Synonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(help_text='Kata atau singkatan yang diketik warga, misalnya SKCK.', max_length=100, unique=True, verbose_name='istilah')),
                ('equivalents', models.TextField(help_text='Satu padanan per baris, misalnya: surat keterangan catatan kepolisian.', verbose_name='padanan')),
                ('kind', models.CharField(choices=[('singkatan', 'Singkatan'), ('sinonim', 'Sinonim atau bentuk lain')], default='singkatan', max_length=10, verbose_name='jenis')),
                ('domain', models.CharField(blank=True, max_length=50, verbose_name='bidang')),
                ('source', models.CharField(help_text='Peraturan, kamus atau lembaga yang memakai istilah ini.', max_length=300, verbose_name='sumber')),
                ('active', models.BooleanField(default=True, verbose_name='aktif')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'padanan kata pencarian',
                'verbose_name_plural': 'kosakata pencarian',
                'ordering': ['term'],
            },
        ),
        migrations.CreateModel(
            name='VocabularyVersion',
            fields=[
                ('id', models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ('number', models.PositiveIntegerField(default=0)),
                ('changed_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(load_vocabulary, migrations.RunPython.noop),
    ]
