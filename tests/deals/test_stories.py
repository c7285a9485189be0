"""Near-duplicate articles grouped into one story; a story's events count once."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.deals.conftest import make_article
from tracker.deals_models import ArticleStory, Deal, DealEvent
from tracker.services.deals import article_link_deals
from tracker.services.stories import fingerprint, similarity

pytestmark = pytest.mark.django_db

WIRE = (
    "MOSCOW (Reuters) - Russia has delivered the first regiment of S-400 air defence systems to India, "
    "the head of the Federal Service for Military-Technical Cooperation said on Tuesday. The remaining "
    "regiments would follow over the next year, he told reporters at an arms fair outside Moscow, adding "
    "that the training of Indian crews had been completed in Russia earlier this year. India signed the "
    "contract for five regiments in 2018 despite the threat of sanctions from Washington, which has urged "
    "its partners to avoid large purchases of Russian weapons. Officials in New Delhi declined to comment "
    "on the timing of further deliveries but said the systems would be deployed along the northern border.\n"
)
PAGE_A = ("Russia delivers first S-400 regiment to India\nThe Daily Courier | World | Defence\n\n" + WIRE
          + "\nSubscribe to our newsletter for the day's top stories. Copyright The Daily Courier.\n")
PAGE_B = ("India gets first S-400 from Russia - Metro Times\nHome > News > Asia\n\n" + WIRE
          + "\nRead more: Metro Times app. Follow us on social media. All rights reserved, Metro Times.\n")
OTHER = (
    "BERLIN (Reuters) - Germany will send more IRIS-T SLM air defence systems to Ukraine this winter, the "
    "defence ministry said on Friday, as Kyiv asks its allies for help against drone and missile attacks on "
    "its power plants. The systems are made by Diehl Defence, which has raised its output of launchers and "
    "missiles since the start of the war, a company spokesman said in a statement to the press agency.\n"
)
EVIDENCE = "Russia has delivered the first regiment of S-400 air defence systems to India"


def test_the_same_wire_story_under_other_boilerplate_is_similar_and_another_story_is_not():
    a, b, c = (fingerprint(t)[0] for t in (PAGE_A, PAGE_B, OTHER))
    assert similarity(a, b) >= 0.5
    assert similarity(a, c) < 0.2


def test_two_copies_are_one_story_and_their_events_count_once():
    first = make_article(PAGE_A, published=dt.date(2021, 12, 14), transfers=[
        ("RUS", "IND", "delivered", ["S-400"], EVIDENCE)])
    second = make_article(PAGE_B, published=dt.date(2021, 12, 14), transfers=[
        ("RUS", "IND", "delivered", ["S-400"], EVIDENCE)])
    article_link_deals(article_id=first.pk)
    article_link_deals(article_id=second.pk)
    a, b = ArticleStory.objects.get(article=first), ArticleStory.objects.get(article=second)
    assert a.story_id == b.story_id and a.story.first_article_id == first.pk
    assert b.similarity >= 0.5
    deal = Deal.objects.get()
    assert DealEvent.objects.filter(deal=deal).count() == 2
    assert deal.events_count == 1
    assert list(DealEvent.objects.filter(deal=deal, counted=True).values_list("article_id", flat=True)) == [first.pk]


def test_linking_again_keeps_the_story_and_the_count():
    first = make_article(PAGE_A, published=dt.date(2021, 12, 14), transfers=[
        ("RUS", "IND", "delivered", ["S-400"], EVIDENCE)])
    second = make_article(PAGE_B, published=dt.date(2021, 12, 14), transfers=[
        ("RUS", "IND", "delivered", ["S-400"], EVIDENCE)])
    for article in (first, second, second, first):
        article_link_deals(article_id=article.pk)
    assert ArticleStory.objects.values("story").distinct().count() == 1
    assert Deal.objects.get().events_count == 1


def test_a_different_article_starts_a_story_of_its_own():
    first = make_article(PAGE_A, published=dt.date(2021, 12, 14))
    other = make_article(OTHER, published=dt.date(2022, 11, 4))
    article_link_deals(article_id=first.pk)
    article_link_deals(article_id=other.pk)
    assert ArticleStory.objects.values("story").distinct().count() == 2
