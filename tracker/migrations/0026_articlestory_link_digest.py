"""Deal linking remembers what it last read: the clean text's hash and a digest of its inputs.

An article linked again with the same text is not fingerprinted again, and one
whose transfers, statements, events, date and catalogue are all as they were
is not relinked at all (``tracker.services.deals``).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tracker", "0025_eu_actor_code")]

    operations = [
        migrations.AddField(
            model_name="articlestory",
            name="link_digest",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
        migrations.AddField(
            model_name="articlestory",
            name="text_hash",
            field=models.BigIntegerField(blank=True, null=True),
        ),
    ]
