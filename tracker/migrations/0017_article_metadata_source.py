"""Where an article's title, source, published date and url came from (client or parser)."""

from django.db import migrations, models

# What is known of existing rows: a url only ever came from the client, and a
# source on an article never parsed too (the parser fills a source only when empty).
_BACKFILL = """
UPDATE tracker_article SET metadata_source =
    CASE WHEN url <> '' THEN '{"url": "client"}'::jsonb ELSE '{}'::jsonb END
 || CASE WHEN source <> '' AND parsed_at IS NULL THEN '{"source": "client"}'::jsonb ELSE '{}'::jsonb END
"""


class Migration(migrations.Migration):
    dependencies = [("tracker", "0016_article_content_hash_normalised")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="metadata_source",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunSQL(_BACKFILL, migrations.RunSQL.noop),
    ]
