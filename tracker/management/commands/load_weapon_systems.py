"""Load the weapons catalogue's data file into the database (new systems added, uncurated ones refreshed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tracker.services.weapons import weapon_systems_load


class Command(BaseCommand):
    help = "Load workers/parser/systems/data/catalogue.jsonl into the weapon systems table; curated rows are kept."

    def handle(self, *args, **options) -> None:
        added, updated = weapon_systems_load()
        self.stdout.write(f"{added} systems added, {updated} updated")
