"""The database as migrated and the models agree: every column and index is declared somewhere.

A column or index that only a migration's SQL knows is listed in
``tracker.models.DATABASE_ONLY``, with the raw SQL that reads it; anything else
the database has, a model must declare.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection

from tracker.models import DATABASE_ONLY

pytestmark = pytest.mark.django_db

# Names Django gives the indexes and constraints it makes for fields (foreign
# keys, unique=True, varchar_pattern_ops) rather than taking them from Meta:
# a hash-suffixed name, or PostgreSQL's own for an inline UNIQUE / PRIMARY KEY.
_AUTO_NAME = re.compile(r"(_[0-9a-f]{8}(_like|_uniq)?|_[0-9a-f]{8}_fk_\w+|_pkey|_key)$")


def _django_made(table: str, model: type, name: str) -> bool:
    """A name Django derives for a field's own index or constraint (positive integers get a CHECK)."""
    columns = {field.column for field in model._meta.local_concrete_fields}
    return bool(_AUTO_NAME.search(name)) or any(name == f"{table}_{column}_check" for column in columns)


def _tables() -> dict[str, type]:
    """Every table a model of the tracker owns, auto-created many-to-many tables included."""
    out = {}
    for model in apps.get_app_config("tracker").get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        out[model._meta.db_table] = model
    return out


def _declared_names(model: type) -> set[str]:
    return {index.name for index in model._meta.indexes} | {c.name for c in model._meta.constraints}


def test_every_column_in_the_database_is_a_model_field_or_declared_database_only():
    tables = _tables()
    assert "tracker_statement_recipients" in tables
    with connection.cursor() as cursor:
        for table, model in tables.items():
            in_db = {col.name for col in connection.introspection.get_table_description(cursor, table)}
            known = {field.column for field in model._meta.local_concrete_fields}
            database_only = DATABASE_ONLY.get(table, {}).get("columns", set())
            assert in_db - known == database_only, table
            assert known <= in_db, table  # and the models ask for nothing the database lacks


def test_every_index_in_the_database_is_declared_by_its_model_or_database_only():
    tables = _tables()
    with connection.cursor() as cursor:
        for table, model in tables.items():
            constraints = connection.introspection.get_constraints(cursor, table)
            named = {name for name, info in constraints.items()
                     if not info["primary_key"] and not _django_made(table, model, name)}
            database_only = DATABASE_ONLY.get(table, {}).get("indexes", set())
            assert named - _declared_names(model) == database_only, table
            assert database_only <= set(constraints), table
            # Every index and constraint a model names exists.
            assert _declared_names(model) <= set(constraints), table


def test_database_only_names_real_tables():
    assert set(DATABASE_ONLY) <= set(_tables())


def test_the_link_supplier_follows_its_statement():
    """What RecipientsFilter's pair query relies on: the triggers of migration 0012 keep the column."""
    from tracker.models import Actor, Article, Statement

    rus, arm, usa = (Actor.objects.get(code=c) for c in ("RUS", "ARM", "USA"))
    article = Article.objects.create(raw="x", content_hash="h-link-supplier", clean_text="x")
    statement = Statement.objects.create(article=article, speaker_name="A spokesman", supplier=rus,
                                         evidence="x", evidence_start=0, evidence_end=1)
    statement.recipients.add(arm)

    def link_suppliers() -> list[int | None]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT supplier_id FROM tracker_statement_recipients WHERE statement_id = %s",
                           [statement.pk])
            return [row[0] for row in cursor.fetchall()]

    assert link_suppliers() == [rus.pk]
    statement.supplier = usa
    statement.save(update_fields=["supplier"])
    assert link_suppliers() == [usa.pk]
    statement.supplier = None
    statement.save(update_fields=["supplier"])
    assert link_suppliers() == [None]
