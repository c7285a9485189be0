"""Articles by parser version: the API's filter and ``reparse --before-version``."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tracker", "0017_article_metadata_source")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["parser_version", "id"], name="article_parser_version_idx"),
        ),
    ]
