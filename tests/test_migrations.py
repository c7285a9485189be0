"""Data migrations that rewrite rows of an existing database."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from tracker.models import Actor

eu_code = importlib.import_module("tracker.migrations.0025_eu_actor_code")
rsf_code = importlib.import_module("tracker.migrations.0029_rsf_actor_code")

pytestmark = pytest.mark.django_db


def test_an_older_database_s_eu_row_takes_the_parser_s_code():
    Actor.objects.filter(code="eu").delete()
    old = Actor.objects.create(code="european-union", name="European Union", kind="alliance")
    eu_code.rename(apps, None)
    assert Actor.objects.get(pk=old.pk).code == "eu"
    assert not Actor.objects.filter(code="european-union").exists()
    eu_code.rename_back(apps, None)
    assert Actor.objects.get(pk=old.pk).code == "european-union"


def test_with_both_rows_nothing_is_renamed_and_a_curator_merges_them():
    assert Actor.objects.filter(code="eu").exists()  # the parser's catalogue, loaded by migration 0002
    old = Actor.objects.create(code="european-union", name="European Union", kind="alliance")
    eu_code.rename(apps, None)
    assert Actor.objects.get(pk=old.pk).code == "european-union"
    assert Actor.objects.filter(code="eu").count() == 1


def test_an_older_database_s_rsf_row_takes_the_parser_s_code():
    Actor.objects.filter(code="rsf").delete()
    old = Actor.objects.create(code="rapid-support-forces", name="Rapid Support Forces", kind="non-state")
    rsf_code.rename(apps, None)
    assert Actor.objects.get(pk=old.pk).code == "rsf"
    assert not Actor.objects.filter(code="rapid-support-forces").exists()
    rsf_code.rename_back(apps, None)
    assert Actor.objects.get(pk=old.pk).code == "rapid-support-forces"


def test_with_both_rsf_rows_nothing_is_renamed():
    assert Actor.objects.filter(code="rsf").exists()  # the parser's catalogue, loaded by migration 0002
    old = Actor.objects.create(code="rapid-support-forces", name="Rapid Support Forces", kind="non-state")
    rsf_code.rename(apps, None)
    assert Actor.objects.get(pk=old.pk).code == "rapid-support-forces"
    assert Actor.objects.filter(code="rsf").count() == 1
