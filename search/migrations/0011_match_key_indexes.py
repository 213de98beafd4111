"""Indexes for the exact title or acronym match of a ranking done in memory (search.embedded)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0010_vector_inline'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['title_key', 'id'], name='search_title_key'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['acronym_key', 'id'], name='search_acronym_key'),
        ),
    ]
