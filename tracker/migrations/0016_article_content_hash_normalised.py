"""Articles' content hashes over the normalised text, so a BOM or a trailing newline is no new article.

The hash was over the text as sent; it is now over ``article_normalised`` (copied
here as it is today: a migration must not change when the service does). Articles
stored before may already be duplicates under the new rule. The hash is unique, so
of each group one article takes the new hash (one whose hash is already right,
else the oldest) and the others keep theirs: nothing is deleted or merged, and new
copies of the text are answered with that one article.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.db import migrations, models

_BATCH = 500


def _trimmed(text: str) -> str:
    while (trimmed := text.strip().strip("\ufeff")) != text:
        text = trimmed
    return text


def _normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", _trimmed(text))


def _hash(text: str) -> str:
    return hashlib.sha256(_normalised(text).encode("utf-8", errors="surrogatepass")).hexdigest()


def rehash(apps, schema_editor):
    Article = apps.get_model("tracker", "Article")
    current: dict[int, str] = {}
    wanted: dict[int, str] = {}
    for pk, content_hash, raw in Article.objects.order_by("pk").values_list("pk", "content_hash", "raw").iterator(
            chunk_size=_BATCH):
        current[pk], wanted[pk] = content_hash, _hash(raw)
    holder: dict[str, int] = {}
    for pk in sorted(wanted):
        new = wanted[pk]
        if new not in holder or current[pk] == new:
            holder[new] = pk
    # A hash some row holds now stays with it (the unique index is checked row by row).
    held = {content_hash: pk for pk, content_hash in current.items()}
    changes = [Article(pk=pk, content_hash=new) for new, pk in holder.items()
               if current[pk] != new and held.get(new, pk) == pk]
    Article.objects.bulk_update(changes, ["content_hash"], batch_size=_BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0013_article_untried_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="content_hash",
            field=models.CharField(
                help_text="SHA-256 of the text, normalised (services.submission.article_normalised).",
                max_length=64,
            ),
        ),
        # Hashes of the normalised text stay valid hashes of an article going back.
        migrations.RunPython(rehash, migrations.RunPython.noop, elidable=True),
    ]
