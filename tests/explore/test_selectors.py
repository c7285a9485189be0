"""The explore summaries and the cache of what is computed from them.

The per-year summaries (migration 0027) must say what the records say, and a
cached aggregate must be exactly the computed one, for as long as the
summaries are unchanged and no longer.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.explore.conftest import STORIES, Story, extraction, store, store_stories
from tracker import services
from tracker.explore import selectors
from tracker.explore.selectors import RelationFilters

SUMMARY_COLUMNS = (*selectors.STATUSES, "transfers", "statements")


@pytest.mark.django_db
@pytest.mark.parametrize("view, keys", [
    ("tracker_relation_year", ("supplier_id", "recipient_id", "year")),
    ("tracker_relation_actor_year", ("actor_id", "side", "year")),
])
def test_the_year_summaries_have_a_column_per_status_in_the_closed_set_s_order(view, keys):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {view} LIMIT 0")
        columns = tuple(col.name for col in cursor.description)
    assert columns == (*keys, *SUMMARY_COLUMNS)


def test_the_pair_year_summary_counts_each_record_once(stories):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(transfers), sum(statements), sum(delivered + ongoing + contracted + planned"
                       " + considering + suspended + denied) FROM tracker_relation_year")
        transfers, statements, by_status = cursor.fetchone()
    # Seven stories, each one transfer and one statement naming one recipient.
    assert (transfers, statements, by_status) == (7, 7, 7)


def test_the_actor_summary_is_the_pair_summary_summed_per_actor(stories):
    with connection.cursor() as cursor:
        cursor.execute(f"""
            SELECT side, actor_id, year, {", ".join(SUMMARY_COLUMNS)} FROM tracker_relation_actor_year
            EXCEPT
            (SELECT 'supplied', supplier_id, year, {", ".join(f"sum({c})::int" for c in SUMMARY_COLUMNS)}
               FROM tracker_relation_year GROUP BY supplier_id, year
             UNION ALL
             SELECT 'received', recipient_id, year, {", ".join(f"sum({c})::int" for c in SUMMARY_COLUMNS)}
               FROM tracker_relation_year GROUP BY recipient_id, year)""")
        assert cursor.fetchall() == []
        cursor.execute("SELECT count(*) FROM tracker_relation_actor_year")
        # RUS 2016, 2019; USA 2022; DEU 2022, undated; ARM 2016, 2019; AZE 2016; UKR 2022, undated.
        assert cursor.fetchone()[0] == 10


def test_each_refresh_starts_a_new_generation(stories):
    first = selectors.summary_generation()
    services.relations_refresh(force=True)
    second = selectors.summary_generation()
    assert second.number > first.number and second.key != first.key


def test_a_cached_aggregate_is_the_computed_one_and_is_read_without_a_query(stories):
    generation = selectors.summary_generation()
    filters = RelationFilters(year_from=2016, statuses=("delivered", "ongoing"))
    computed = selectors.relation_matrix(filters=filters, top=25)
    assert selectors.summary_cached(generation, selectors.relation_matrix, filters=filters, top=25) == computed
    with CaptureQueriesContext(connection) as ctx:
        again = selectors.summary_cached(generation, selectors.relation_matrix, filters=filters, top=25)
    assert again == computed and len(ctx.captured_queries) == 0
    # Other arguments are another entry.
    other = selectors.summary_cached(generation, selectors.relation_matrix, filters=filters, top=5)
    assert other == selectors.relation_matrix(filters=filters, top=5)


def test_the_pages_show_the_new_figures_once_the_summaries_are_refreshed(stories, client, reader):
    client.force_login(reader)

    def rus_arm() -> tuple[int, int]:
        chart = client.get("/explore/").context["chart"]
        cell = next(c for c in chart["cells"] if (c["supplier"], c["recipient"]) == ("RUS", "ARM"))
        return cell["transfers"], cell["statements"]

    assert rus_arm() == (2, 2)
    story = Story("RUS", "ARM", "delivered", "Su-30SM", dt.date(2020, 5, 1), "Alexander Fomin", "Director of the FSMTC")
    result = extraction(story, 100)
    store(result, result.clean_text, token="explore-100")
    # Until the refresh, the summaries (and so the pages) keep the figures they had...
    assert rus_arm() == (2, 2)
    services.relations_refresh()
    # ...and the refresh's new generation leaves every cached figure behind.
    assert rus_arm() == (3, 3)
    years = client.get("/explore/actor/RUS/").context["years"]["supplied"]
    assert [(y["year"], y["delivered"], y["statements"]) for y in years] == [(2016, 1, 2), (2019, 0, 1), (2020, 1, 1)]


def test_a_story_s_transfers_count_once_in_every_summary_as_in_the_relations_summary(db):
    # The same wire story twice (two articles, one Story) and an article of its own.
    from tracker.deals_models import ArticleStory
    from tracker.deals_models import Story as StoryRow

    first, copy, other = store_stories([STORIES[0], STORIES[0], STORIES[1]])
    story = StoryRow.objects.create(first_article=first)
    ArticleStory.objects.bulk_create([ArticleStory(article=a, story=story) for a in (first, copy)])
    ArticleStory.objects.create(article=other, story=StoryRow.objects.create(first_article=other))
    services.relations_refresh(force=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT year, transfers, delivered FROM tracker_relation_year WHERE transfers > 0"
                       " ORDER BY year")
        assert cursor.fetchall() == [(2016, 1, 1), (2019, 1, 0)]
        cursor.execute("SELECT sum(transfers) FROM tracker_relation_weapon")
        assert cursor.fetchone()[0] == 2
        cursor.execute("SELECT transfers FROM tracker_relation")
        assert cursor.fetchall() == [(2,)]
        cursor.execute("SELECT transfers FROM tracker_relation_actor_year WHERE side = 'supplied' ORDER BY year")
        assert cursor.fetchall() == [(1,), (1,)]
