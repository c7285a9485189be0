"""The European Union's actor code is ``eu`` (the parser's, as the corpus conventions
give it), no longer ``european-union``.

A database made before keeps its actor row, renamed, so the records and curators'
work that point at it stay with it. Where both rows exist (a parse under the new
code ran first), nothing is renamed: the two are one actor for a curator to merge
in the admin, which moves every record.
"""

from django.db import migrations


def rename(apps, schema_editor):
    Actor = apps.get_model("tracker", "Actor")
    if not Actor.objects.filter(code="eu").exists():
        Actor.objects.filter(code="european-union").update(code="eu")


def rename_back(apps, schema_editor):
    Actor = apps.get_model("tracker", "Actor")
    if not Actor.objects.filter(code="european-union").exists():
        Actor.objects.filter(code="eu").update(code="european-union")


class Migration(migrations.Migration):
    dependencies = [("tracker", "0024_deal_roles")]

    operations = [migrations.RunPython(rename, rename_back)]
