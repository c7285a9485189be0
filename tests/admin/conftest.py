"""Fixtures for the admin: staff users in the roles the migration creates, and a parsed article."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import services
from tracker.models import Article
from workers.parser.records import (
    ActorRecord,
    ArticleMeta,
    Extraction,
    OfficialRecord,
    StatementRecord,
    TransferRecord,
)

# Markup in the article itself: shown as text everywhere, never run.
TEXT = (
    "Russia will supply S-400 systems to India, Russian Deputy Prime Minister Yuri Borisov said. "
    "<script>window.pwned = 1</script> <b>bold</b> \"We will deliver them on time,\" Borisov added."
)
TRANSFER = "Russia will supply S-400 systems to India"
QUOTE = '"We will deliver them on time," Borisov added.'


def staff_in(django_user_model, name: str, group: str | None):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(name, password=f"{name}-pass-123", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def curator_user(django_user_model):
    return staff_in(django_user_model, "cura", "curator")


@pytest.fixture
def viewer_user(django_user_model):
    return staff_in(django_user_model, "vera", "viewer")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The default hasher spends most of a second per user on purpose; tests need no such cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def curator_client(curator_user):
    return signed_in(curator_user)


@pytest.fixture
def viewer_client(viewer_user):
    return signed_in(viewer_user)


def extraction(*, status: str = "planned", version: str = "test-1") -> Extraction:
    quote_start = TEXT.index(QUOTE)
    return Extraction(
        article=ArticleMeta(title="S-400 for <i>India</i>", source="TASS", published=dt.date(2021, 5, 3),
                            dateline="MOSCOW"),
        clean_text=TEXT,
        actors=[ActorRecord("Russia", "RUS", "state"), ActorRecord("India", "IND", "state")],
        transfers=[TransferRecord("RUS", "IND", status, ["S-400"], TRANSFER, 0, len(TRANSFER), 0.9)],
        officials=[OfficialRecord("Yuri Borisov", "Deputy Prime Minister", None, "RUS", ["Borisov"],
                                  TEXT.index("Yuri Borisov"), TEXT.index("Yuri Borisov") + 12, 0.9)],
        statements=[
            StatementRecord("Yuri Borisov", True, "RUS", ["IND"], TRANSFER + ", Russian Deputy Prime Minister "
                            "Yuri Borisov said.", 0, TEXT.index(" <script>"), False, 0.8),
            StatementRecord("Yuri Borisov", True, "RUS", ["IND"], QUOTE, quote_start, quote_start + len(QUOTE),
                            True, 0.6),
        ],
        parser_version=version,
    )


def record(article: Article, result: Extraction, *, token: str = "t1") -> Article:
    """What a worker does, without one: claim the article and store an extraction."""
    Article.objects.filter(pk=article.pk).update(status="queued")
    assert services.article_claim(article_id=article.pk, token=token)
    assert services.article_record_extraction(article_id=article.pk, token=token, extraction=result)
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def parsed_article(db) -> Article:
    article = services.article_submit(text=TEXT).article
    return record(article, extraction())
