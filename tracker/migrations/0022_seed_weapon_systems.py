"""Seed the weapons catalogue table from the data file (workers/parser/systems/data/catalogue.jsonl).

Upserts by designation and leaves rows a curator edited as they are, so it is
safe on a database that has some already; ``manage.py load_weapon_systems``
does the same when the data file grows.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from workers.parser.systems.catalogue import entry_from_dict, read_entries

    WeaponSystem = apps.get_model("tracker", "WeaponSystem")
    existing = {w.designation: w for w in WeaponSystem.objects.all()}
    new = []
    for row in read_entries():
        entry = entry_from_dict(row)
        fields = {"aliases": list(entry.aliases), "category": entry.category, "producer": entry.producer,
                  "family": entry.family}
        current = existing.get(entry.designation)
        if current is None:
            new.append(WeaponSystem(designation=entry.designation, **fields))
        elif not current.curated:
            for name, value in fields.items():
                setattr(current, name, value)
            current.save(update_fields=list(fields))
    WeaponSystem.objects.bulk_create(new)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0021_deals")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
