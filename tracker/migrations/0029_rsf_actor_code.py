"""Sudan's Rapid Support Forces have the actor code ``rsf`` (the parser's, as the
corpus conventions give it), no longer ``rapid-support-forces``.

As in 0025: a database made before keeps its actor row, renamed, so the records
and curators' work that point at it stay with it. Where both rows exist (a parse
under the new code ran first), nothing is renamed: the two are one actor for a
curator to merge in the admin, which moves every record.
"""

from django.db import migrations

OLD, NEW = "rapid-support-forces", "rsf"


def rename(apps, schema_editor):
    Actor = apps.get_model("tracker", "Actor")
    if not Actor.objects.filter(code=NEW).exists():
        Actor.objects.filter(code=OLD).update(code=NEW)


def rename_back(apps, schema_editor):
    Actor = apps.get_model("tracker", "Actor")
    if not Actor.objects.filter(code=OLD).exists():
        Actor.objects.filter(code=NEW).update(code=OLD)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0028_summaries_story_once")]

    operations = [migrations.RunPython(rename, rename_back)]
