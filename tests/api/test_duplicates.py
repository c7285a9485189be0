"""One article however it is carried: a BOM, line ends, trailing spaces or the Unicode form of its
accents do not make a second article; the text is stored exactly as first sent; articles stored
before the rule are re-hashed by migration 0016 without touching duplicates that already exist."""

from __future__ import annotations

import hashlib
import importlib
import unicodedata

import pytest

from tracker import services
from tracker.models import Article

pytestmark = pytest.mark.django_db

TEXT = (
    "MOSCOW, May 3. /TASS/. Russia will deliver two S-400 batteries to India next year,\n"
    "Deputy Prime Minister Yuri Borisov said on Tuesday in Café Pouchkine.\n"
)
NFC = unicodedata.normalize("NFC", TEXT)
NFD = unicodedata.normalize("NFD", TEXT)

COPIES = {
    "trailing newline": TEXT + "\n",
    "no final newline": TEXT.rstrip("\n"),
    "byte-order mark": "\ufeff" + TEXT,
    "CRLF": TEXT.replace("\n", "\r\n"),
    "CR": TEXT.replace("\n", "\r"),
    "spaces at line ends": TEXT.replace("\n", "  \t\n"),
    "blank lines around": "\n\n" + TEXT + "\n\n\n",
    "decomposed accents": NFD,
}


@pytest.mark.parametrize("copy", list(COPIES.values()), ids=list(COPIES))
def test_a_copy_that_differs_only_in_form_is_the_same_article(copy):
    first = services.article_submit(text=NFC)
    again = services.article_submit(text=copy)
    assert (first.created, again.created) == (True, False)
    assert again.article.pk == first.article.pk
    assert Article.objects.get().raw == NFC  # stored as first sent, never rewritten


@pytest.mark.parametrize("other", [TEXT.replace("two", "three"), TEXT.replace("\n", " ", 1), "Intro.\n" + TEXT])
def test_a_different_text_is_a_different_article(other):
    assert services.article_submit(text=TEXT).created
    assert services.article_submit(text=other).created


def test_through_the_api_a_raw_body_with_a_bom_and_crlf_is_the_same_article(api):
    first = api.post("/api/articles/", {"text": TEXT}, format="json")
    second = api.post("/api/articles/", ("\ufeff" + TEXT.replace("\n", "\r\n")).encode(),
                      content_type="text/plain; charset=utf-8")
    assert (first.status_code, second.status_code) == (202, 200)
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["created"] is False


def test_the_migration_rehashes_and_leaves_existing_duplicates_alone():
    from django.apps import apps

    migration = importlib.import_module("tracker.migrations.0016_article_content_hash_normalised")

    def raw_hash(text: str) -> str:  # the hash before migration 0016
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    older = Article.objects.create(raw=TEXT + "\n", content_hash=raw_hash(TEXT + "\n"))
    newer = Article.objects.create(raw="\ufeff" + TEXT, content_hash=raw_hash("\ufeff" + TEXT))
    right = Article.objects.create(raw="Second one.", content_hash=raw_hash("Second one."))
    copy = Article.objects.create(raw="Second one.\r\n", content_hash=raw_hash("Second one.\r\n"))
    alone = Article.objects.create(raw="Third.  ", content_hash=raw_hash("Third.  "))

    migration.rehash(apps, None)

    hashes = dict(Article.objects.values_list("pk", "content_hash"))
    # Of each group one article takes the new hash: the one already right, else the oldest.
    assert hashes[older.pk] == services.article_content_hash(TEXT)
    assert hashes[newer.pk] == raw_hash("\ufeff" + TEXT)
    assert hashes[right.pk] == services.article_content_hash("Second one.") == raw_hash("Second one.")
    assert hashes[copy.pk] == raw_hash("Second one.\r\n")
    assert hashes[alone.pk] == services.article_content_hash("Third.")
    assert Article.objects.count() == 5  # nothing deleted or merged
    # New copies find the article that took the hash.
    assert services.article_submit(text=TEXT).article.pk == older.pk
    migration.rehash(apps, None)  # and running it again changes nothing
    assert dict(Article.objects.values_list("pk", "content_hash")) == hashes


def test_the_migrations_copy_of_the_normalisation_is_the_services():
    migration = importlib.import_module("tracker.migrations.0016_article_content_hash_normalised")
    for text in [*COPIES.values(), " \ufeff x \r\n\ufeff", "a\u00a0\n\n b  "]:
        assert migration._normalised(text) == services.article_normalised(text)
