"""Load every state (pycountry, via the parser's gazetteer) with common aliases,
plus the alliances and non-state armed groups the parser knows.

Upserts by code, so running it on a database that already has some actors only
adds what is missing and refreshes names and aliases.
"""

from django.db import migrations


def load_actors(apps, schema_editor):
    from workers.parser.gazetteer import actor_catalogue

    Actor = apps.get_model("tracker", "Actor")
    existing = {a.code: a for a in Actor.objects.all()}
    new = []
    for entry in actor_catalogue():
        aliases = list(dict.fromkeys([*entry.aliases, *entry.demonyms, *entry.capitals]))
        actor = existing.get(entry.code)
        if actor is None:
            new.append(Actor(code=entry.code, name=entry.name, kind=entry.kind, aliases=aliases))
        else:
            actor.name, actor.kind = entry.name, entry.kind
            actor.aliases = list(dict.fromkeys([*actor.aliases, *aliases]))
            actor.save(update_fields=["name", "kind", "aliases"])
    Actor.objects.bulk_create(new)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0001_initial")]

    operations = [migrations.RunPython(load_actors, migrations.RunPython.noop)]
