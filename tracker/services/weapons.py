"""The weapons catalogue as the tracker holds it: a table seeded from the data file, edited by curators.

``catalogue_current`` gives the resolver a ``Catalogue`` built from the table,
rebuilt in each process only when the table changed (one small query says so),
so that a curator's new alias counts from the next article linked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Max

from tracker.deals_models import WeaponSystem

if TYPE_CHECKING:
    from workers.parser.systems import Catalogue

_cache: dict[str, object] = {}


def catalogue_current(*, version: tuple[int, object] | None = None) -> Catalogue:
    """The catalogue as the table holds it now (entries keyed by their row's pk).

    ``version`` is the table's (row count, latest ``updated_at``) when the caller
    has read it already (deal linking reads it with the article, in one query).
    """
    from workers.parser.systems import catalogue_from

    if version is None:
        stamp = WeaponSystem.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
        version = (stamp["n"], stamp["changed"])
    if _cache.get("version") != version:
        rows = WeaponSystem.objects.values("pk", "designation", "aliases", "category", "producer", "family")
        _cache["catalogue"] = catalogue_from(
            {**row, "key": row.pop("pk")} for row in rows.order_by("id"))
        _cache["version"] = version
    return _cache["catalogue"]  # type: ignore[return-value]


def weapon_systems_load() -> tuple[int, int]:
    """Load the data file into the table: new systems added, rows nobody curated refreshed.

    Returns (added, updated). The data migration does the same at install time.
    """
    from workers.parser.systems.catalogue import entry_from_dict, read_entries

    existing = {w.designation: w for w in WeaponSystem.objects.all()}
    new, updated = [], 0
    for row in read_entries():
        entry = entry_from_dict(row)
        fields = {"aliases": list(entry.aliases), "category": entry.category, "producer": entry.producer,
                  "family": entry.family}
        current = existing.get(entry.designation)
        if current is None:
            new.append(WeaponSystem(designation=entry.designation, **fields))
        elif not current.curated and any(getattr(current, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            current.save(update_fields=[*fields, "updated_at"])
            updated += 1
    WeaponSystem.objects.bulk_create(new)
    return len(new), updated


def weapon_system_update(*, system: WeaponSystem, **fields) -> WeaponSystem:
    """A curator's edit of a catalogue entry: it is kept when the data file is loaded again."""
    for name, value in fields.items():
        setattr(system, name, value)
    system.curated = True
    system.full_clean()
    system.save()
    return system
