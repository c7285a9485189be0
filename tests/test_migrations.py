"""Data migrations that rewrite rows of an existing database."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from tracker.models import Actor

pytestmark = pytest.mark.django_db

# Migrations that give an actor row the parser's code: (module, old code, new code, name, kind).
RENAMES = [
    pytest.param("0025_eu_actor_code", "european-union", "eu", "European Union", "alliance", id="eu"),
    pytest.param("0029_rsf_actor_code", "rapid-support-forces", "rsf", "Rapid Support Forces", "non-state", id="rsf"),
]


@pytest.mark.parametrize(("module", "old_code", "new_code", "name", "kind"), RENAMES)
def test_an_older_database_s_row_takes_the_parser_s_code(module, old_code, new_code, name, kind):
    migration = importlib.import_module(f"tracker.migrations.{module}")
    Actor.objects.filter(code=new_code).delete()
    old = Actor.objects.create(code=old_code, name=name, kind=kind)
    migration.rename(apps, None)
    assert Actor.objects.get(pk=old.pk).code == new_code
    assert not Actor.objects.filter(code=old_code).exists()
    migration.rename_back(apps, None)
    assert Actor.objects.get(pk=old.pk).code == old_code


@pytest.mark.parametrize(("module", "old_code", "new_code", "name", "kind"), RENAMES)
def test_with_both_rows_nothing_is_renamed_and_a_curator_merges_them(module, old_code, new_code, name, kind):
    migration = importlib.import_module(f"tracker.migrations.{module}")
    assert Actor.objects.filter(code=new_code).exists()  # the parser's catalogue, loaded by migration 0002
    old = Actor.objects.create(code=old_code, name=name, kind=kind)
    migration.rename(apps, None)
    assert Actor.objects.get(pk=old.pk).code == old_code
    assert Actor.objects.filter(code=new_code).count() == 1
