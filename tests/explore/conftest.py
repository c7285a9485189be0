"""Records for the explore pages: a few pairs over several years, stored as a worker stores them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction

from tracker import services
from workers.parser.records import (
    ActorRecord,
    ArticleMeta,
    Extraction,
    OfficialRecord,
    StatementRecord,
    TransferRecord,
)

ACTORS = {"RUS": "Russia", "ARM": "Armenia", "AZE": "Azerbaijan", "USA": "United States", "UKR": "Ukraine",
          "DEU": "Germany"}


@dataclass(frozen=True)
class Story:
    """One article: a transfer (supplier, recipient, status, weapon) and a statement about it."""

    supplier: str
    recipient: str
    status: str
    weapon: str
    published: dt.date | None
    speaker: str
    title: str


STORIES = [
    Story("RUS", "ARM", "delivered", "T-90", dt.date(2016, 7, 19), "Alexander Fomin", "Director of the FSMTC"),
    Story("RUS", "ARM", "contracted", "Iskander", dt.date(2019, 3, 2), "Alexander Fomin", "Director of the FSMTC"),
    Story("RUS", "AZE", "ongoing", "T-90", dt.date(2016, 7, 20), "Dmitry Rogozin", "Deputy Prime Minister"),
    Story("USA", "UKR", "delivered", "Javelin", dt.date(2022, 4, 1), "Lloyd Austin", "Defense Secretary"),
    Story("USA", "UKR", "planned", "HIMARS", dt.date(2022, 6, 1), "Lloyd Austin", "Defense Secretary"),
    Story("DEU", "UKR", "delivered", "IRIS-T SLM", dt.date(2022, 10, 11), "Boris Pistorius", "Defence Minister"),
    Story("DEU", "UKR", "considering", "Leopard 2", None, "Boris Pistorius", "Defence Minister"),
]


def extraction(story: Story, n: int) -> Extraction:
    sup, rec = ACTORS[story.supplier], ACTORS[story.recipient]
    transfer = f"{sup} has {story.status} {story.weapon} systems to {rec} (story {n})."
    said = f"{story.title} {story.speaker} said {sup} would keep supplying {rec}."
    text = f"{transfer} {said}"
    start = len(transfer) + 1
    country = story.supplier
    return Extraction(
        article=ArticleMeta(title=f"{sup} and {rec}, story {n}", source="TASS", published=story.published),
        clean_text=text,
        actors=[ActorRecord(ACTORS[c], c, "state") for c in (story.supplier, story.recipient)],
        transfers=[TransferRecord(story.supplier, story.recipient, story.status, [story.weapon], transfer,
                                  0, len(transfer), 0.9)],
        officials=[OfficialRecord(story.speaker, story.title, None, country, [],
                                  start + len(story.title) + 1, start + len(story.title) + 1 + len(story.speaker), 0.9)],
        statements=[StatementRecord(story.speaker, True, story.supplier, [story.recipient], said, start,
                                    start + len(said), False, 0.8)],
        parser_version="explore-test",
    )


def store(result: Extraction, text: str, token: str):
    """What a worker does: claim the submitted article and record its extraction.

    Claimed in the submission's transaction: with a real worker running, the
    message sent on commit then finds the article taken and leaves it alone.
    """
    with transaction.atomic():
        article = services.article_submit(text=text).article
        assert services.article_claim(article_id=article.pk, token=token)
    assert services.article_record_extraction(article_id=article.pk, token=token, extraction=result)
    return article


def store_stories(stories=STORIES) -> list:
    articles = []
    for n, story in enumerate(stories):
        result = extraction(story, n)
        articles.append(store(result, result.clean_text, token=f"explore-{n}"))
    services.relations_refresh(force=True)
    return articles


@pytest.fixture
def stories(db) -> list:
    return store_stories()
