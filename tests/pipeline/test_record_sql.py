"""``tracker/services/record.sql`` writes only columns the models declare, and every column a row needs.

The statement is hand-written SQL (data-modifying CTEs), so nothing ties its
column lists to the models: a renamed field, or a new NOT NULL field without a
database default, would only show up as an error on the first parse. These
tests read the INSERT and UPDATE column lists out of the file (with sqlparse's
tokenizer, so comments, casts and nested parentheses are not mistaken for
columns) and check them against each table's model, the simple-history tables
and the many-to-many tables included.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pytest
import sqlparse
from django.apps import apps
from django.db import connection, models
from sqlparse import tokens as T

from tracker.services import recording

# Every table the statement writes: a parse touches all of them, so a table the
# reader below stops finding means the reader, not the SQL, went wrong.
WRITTEN_TABLES = {
    "tracker_article",
    "tracker_transfer",
    "tracker_historicaltransfer",
    "tracker_officialmention",
    "tracker_statement",
    "tracker_statement_recipients",
    "tracker_historicalstatement",
    "tracker_historicalstatement_recipients",
}


@dataclass(frozen=True)
class Write:
    verb: str  # "INSERT" or "UPDATE"
    table: str
    columns: tuple[str, ...]


def _significant(sql: str) -> list:
    (statement,) = sqlparse.parse(sql)
    return [tok for tok in statement.flatten() if not tok.is_whitespace and tok.ttype not in T.Comment]


def _identifier(tok) -> str:
    """A table or column name; sqlparse lexes some column names (``source``, ``statement_id``) as keywords."""
    if tok.ttype in T.Name or tok.ttype in T.String.Symbol or (tok.ttype in T.Keyword and tok.ttype not in T.DML):
        return tok.value.strip('"')
    raise AssertionError(f"expected a name in record.sql, found {tok.value!r}")


def _insert_columns(toks: list, i: int) -> tuple[str, tuple[str, ...]]:
    """``INSERT INTO table (a, b, ...)`` starting at toks[i]: the table and its column list."""
    assert toks[i + 1].normalized == "INTO", "INSERT without INTO"
    table = _identifier(toks[i + 2])
    assert toks[i + 3].value == "(", f"INSERT INTO {table} without a column list"
    columns, j = [], i + 4
    while True:
        columns.append(_identifier(toks[j]))
        sep = toks[j + 1].value
        assert sep in {",", ")"}, f"INSERT INTO {table}: unexpected {sep!r} in the column list"
        if sep == ")":
            return table, tuple(columns)
        j += 2


_SET_ENDS = {"FROM", "WHERE", "RETURNING"}


def _update_columns(toks: list, i: int) -> tuple[str, tuple[str, ...]]:
    """``UPDATE table [alias] SET a = ..., b = ... [FROM|WHERE|RETURNING]``: the table and the columns set."""
    table = _identifier(toks[i + 1])
    j = i + 2
    if toks[j].normalized != "SET":
        j += 1  # an alias
    assert toks[j].normalized == "SET", f"UPDATE {table} without SET"
    columns, j, depth, expect_column = [], j + 1, 0, True
    while j < len(toks):
        tok = toks[j]
        if expect_column:
            columns.append(_identifier(tok))
            assert toks[j + 1].value == "=", f"UPDATE {table}: {tok.value!r} is not followed by '='"
            expect_column, j = False, j + 2
            continue
        if tok.value == "(":
            depth += 1
        elif tok.value == ")":
            depth -= 1
            if depth < 0:  # the end of the CTE the UPDATE sits in
                break
        elif depth == 0 and tok.value == ",":
            expect_column = True
        elif depth == 0 and tok.ttype in T.Keyword and tok.normalized in _SET_ENDS:
            break
        j += 1
    return table, tuple(columns)


def writes(sql: str) -> list[Write]:
    """Every INSERT and UPDATE in the statement, in order."""
    toks = _significant(sql)
    out = []
    for i, tok in enumerate(toks):
        if tok.ttype in T.DML and tok.normalized == "INSERT":
            out.append(Write("INSERT", *_insert_columns(toks, i)))
        elif tok.ttype in T.DML and tok.normalized == "UPDATE":
            out.append(Write("UPDATE", *_update_columns(toks, i)))
    return out


def _models_by_table() -> dict[str, type[models.Model]]:
    return {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy}


def _columns(model: type[models.Model]) -> dict[str, models.Field]:
    return {field.column: field for field in model._meta.local_concrete_fields}


def _needs_a_value(field: models.Field) -> bool:
    """NOT NULL with nothing the database fills in: a Python-side default is not a database default."""
    generated = isinstance(field, models.AutoField) or getattr(field, "generated", False)
    return not field.null and field.db_default is models.NOT_PROVIDED and not generated


RECORD_WRITES = writes(recording.WRITE_RECORDS_SQL)


def test_the_reader_finds_every_write_of_the_statement():
    assert {w.table for w in RECORD_WRITES} == WRITTEN_TABLES
    # As many as the text shows, counted without the tokenizer: none of them skipped.
    text = sqlparse.format(recording.WRITE_RECORDS_SQL, strip_comments=True)
    in_text = [m.group(1).upper() for m in re.finditer(r"\b(INSERT\s+INTO|UPDATE\s+\w+(?:\s+\w+)?\s+SET)\b", text, re.I)]
    assert [w.verb for w in RECORD_WRITES] == [verb.split()[0] for verb in in_text]
    assert all(len(set(w.columns)) == len(w.columns) for w in RECORD_WRITES), "a column named twice"


@pytest.mark.parametrize("write", RECORD_WRITES, ids=lambda w: f"{w.verb}-{w.table}")
def test_every_column_written_is_a_field_of_the_tables_model(write):
    by_table = _models_by_table()
    assert write.table in by_table, f"no model owns {write.table}"
    known = _columns(by_table[write.table])
    unknown = [column for column in write.columns if column not in known]
    assert not unknown, f"{write.verb} {write.table}: {unknown} are not columns of {by_table[write.table].__name__}"


@pytest.mark.parametrize("write", [w for w in RECORD_WRITES if w.verb == "INSERT"],
                         ids=lambda w: f"INSERT-{w.table}")
def test_every_insert_gives_each_column_that_needs_a_value(write):
    model = _models_by_table()[write.table]
    needed = {column for column, field in _columns(model).items() if _needs_a_value(field)}
    missing = sorted(needed - set(write.columns))
    assert not missing, f"INSERT INTO {write.table} leaves out {missing} (NOT NULL, no database default)"


@pytest.mark.django_db
def test_every_insert_gives_each_column_the_database_requires():
    """The same from the migrated schema, so a column only a migration adds is checked too."""
    required = defaultdict(set)
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ANY (%s)
                  AND is_nullable = 'NO' AND column_default IS NULL
                  AND is_identity = 'NO' AND is_generated = 'NEVER'""",
            [sorted(WRITTEN_TABLES)])
        for table, column in cursor.fetchall():
            required[table].add(column)
    assert required["tracker_transfer"], "the schema query found nothing"
    given = defaultdict(set)
    for write in RECORD_WRITES:
        if write.verb == "INSERT":
            given[write.table] |= set(write.columns)
    for table in given:
        assert required[table] <= given[table], (table, sorted(required[table] - given[table]))


def test_the_reader_rejects_a_column_list_it_cannot_read():
    with pytest.raises(AssertionError):
        writes("INSERT INTO tracker_transfer (article_id, 1) SELECT 1, 2")
    assert writes("UPDATE tracker_article a SET title = (x ->> 'a, b'), source = CASE WHEN source = '' "
                  "THEN 'x' ELSE source END WHERE id = 1") == [
        Write("UPDATE", "tracker_article", ("title", "source"))]
