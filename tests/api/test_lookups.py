"""``__any``: a list of ids as one array parameter, with the same rows as ``__in``."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.lookups import Ids
from tracker.models import Actor, Official

pytestmark = pytest.mark.django_db


def test_any_finds_the_same_rows_as_in_with_one_parameter():
    ids = list(Actor.objects.order_by("pk").values_list("pk", flat=True)[:300:3])
    with CaptureQueriesContext(connection) as ctx:
        found = list(Actor.objects.filter(pk__any=Ids(ids)).order_by("pk").values_list("pk", flat=True))
    assert found == sorted(ids) == list(Actor.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    (query,) = ctx.captured_queries
    assert "= ANY(" in query["sql"] and " IN (" not in query["sql"]


def test_any_on_a_foreign_key_and_with_no_ids():
    russia = Actor.objects.get(code="RUS")
    lavrov = Official.objects.create(name="Sergei Lavrov", name_key="sergei lavrov", country=russia)
    Official.objects.create(name="Dmitry Shugaev", name_key="dmitry shugaev")
    assert list(Official.objects.filter(country_id__any=Ids([russia.pk]))) == [lavrov]
    assert list(Official.objects.filter(country__any=Ids([russia.pk]))) == [lavrov]
    assert not Official.objects.filter(pk__any=Ids([])).exists()


def test_any_takes_only_ids():
    with pytest.raises(TypeError):
        list(Actor.objects.filter(pk__any=[1, 2]))
    with pytest.raises(ValueError):
        Ids(["1); DROP TABLE tracker_actor; --"])
