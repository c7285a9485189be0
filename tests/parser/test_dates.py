"""Publication dates (text/dates.py): numeric forms, a year in brackets, and
the year a wire leaves out. Every text here is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from workers.parser.text.dates import parse_date, weekday_date
from workers.parser.text.metadata import text_metadata


@pytest.mark.parametrize(("value", "expected"), [
    ("2002/04/09", dt.date(2002, 4, 9)),
    ("03/12/2021", dt.date(2021, 12, 3)),
    ("12/25/2021", dt.date(2021, 12, 25)),
])
def test_numeric_dates(value, expected):
    assert parse_date(value) == expected


def test_a_year_in_brackets_before_the_month_and_day():
    meta = text_metadata("Commentary on the arms fair\n\nJuche 112(2023).10.13.\n\nThe arms fair showed what the "
                         "enemies are planning, a commentator said.\n")
    assert meta.published == dt.date(2023, 10, 13)


def test_plans_do_not_set_the_year_of_a_wire_date():
    # Aug. 5 was a Tuesday in 2025 and again in 2031; 2026 and 2030 are plans
    text = ("Japan wins frigate order\n\nTOKYO, Aug. 5 (Kyodo) -- Australia picked a Japanese frigate design, "
            "the minister announced Tuesday. The first ship would enter service in 2030, and the navy aims to "
            "sign binding contracts with the builder in 2026. The tender opened in 2024.\n")
    assert weekday_date(text) == dt.date(2025, 8, 5)
