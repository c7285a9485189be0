"""Each closed set is declared once (workers/parser/closed_sets.py) and everything else agrees with it.

The models build their choices from it and the selectors their columns; the
SQL of migration 0007 (the relations summary) is frozen history that cannot
import it, so it is read here and checked.
"""

from __future__ import annotations

import importlib
import re

import pytest
from django.db import connection

from tracker import selectors
from tracker.models import Actor, Statement, Transfer
from workers.parser import closed_sets

SUMMARY_SQL = importlib.import_module("tracker.migrations.0007_relation_summary").SUMMARY


def values(field) -> list[str]:
    return [value for value, _label in field.choices]


def test_the_models_take_their_choices_from_the_closed_sets():
    assert values(Transfer._meta.get_field("status")) == list(closed_sets.TransferStatus)
    assert values(Transfer._meta.get_field("review_state")) == list(closed_sets.ReviewState)
    assert values(Statement._meta.get_field("review_state")) == list(closed_sets.ReviewState)
    assert values(Actor._meta.get_field("kind")) == list(closed_sets.ActorKind)


def test_the_selectors_read_one_summary_column_per_status_in_order():
    assert selectors.STATUS_COLUMNS == tuple(closed_sets.TransferStatus)
    assert all(re.fullmatch(r"[a-z_]+", status) for status in closed_sets.TransferStatus)  # column names


def test_the_api_reports_one_count_per_status_in_order():
    from tracker.api.serializers import StatusCountsSerializer

    assert list(StatusCountsSerializer().fields) == list(closed_sets.TransferStatus)


def test_migration_0007_counts_each_status_into_its_own_column_in_order():
    counted = re.findall(r"count\(\*\) FILTER \(WHERE tr\.status = '(\w+)'\) AS (\w+)", SUMMARY_SQL)
    assert counted == [(s, s) for s in closed_sets.TransferStatus]
    output = re.findall(r"coalesce\(t\.(\w+), 0\) AS (\w+)", SUMMARY_SQL)
    assert [column for column, alias in output if column == alias][:len(closed_sets.TransferStatus)] == list(
        closed_sets.TransferStatus)


def test_migration_0007_leaves_out_a_review_state_that_exists():
    excluded = set(re.findall(r"review_state <> '(\w+)'", SUMMARY_SQL))
    assert excluded == {closed_sets.ReviewState.REJECTED}


@pytest.mark.django_db
def test_the_summary_in_the_database_has_the_status_columns_the_selectors_read():
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tracker_relation LIMIT 0")
        columns = [col.name for col in cursor.description]
    start = columns.index(selectors.STATUS_COLUMNS[0])
    assert tuple(columns[start:start + len(selectors.STATUS_COLUMNS)]) == selectors.STATUS_COLUMNS


@pytest.mark.django_db
@pytest.mark.parametrize(("constraint", "closed_set"), [
    ("transfer_status_valid", closed_sets.TransferStatus),
    ("transfer_review_state_valid", closed_sets.ReviewState),
    ("statement_review_state_valid", closed_sets.ReviewState),
    ("actor_kind_valid", closed_sets.ActorKind),
])
def test_the_database_checks_each_set_as_declared(constraint, closed_set):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s", [constraint])
        (definition,) = cursor.fetchone()
    assert set(re.findall(r"'([\w-]+)'", definition)) == set(closed_set)
