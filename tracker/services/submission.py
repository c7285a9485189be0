"""Submissions: what an analyst's article must be to be stored, and storing it (or asking for a re-parse)."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker.models import Article, ArticleStatus, MetadataSource
from tracker.services.queue import article_enqueue

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

CONTENT_TYPES = ("text/plain", "text/html")
# Checked over the whole text of every submission: in C, not character by character.
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls and DEL, less tabs and line breaks: no text has them. (C1 controls
# are left alone: text decoded with the wrong code page is full of them.) The
# API schema states the same rule as a pattern (ARTICLE_TEXT_PATTERN).
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
# A letter, as the schema's pattern says it (str.isalpha, less a few numeric signs).
_LETTER = re.compile(r"[^\W\d_]")
ARTICLE_TEXT_PATTERN = "^[^\\x00-\\x08\\x0e-\\x1f\\x7f]*[^\\W\\d_][^\\x00-\\x08\\x0e-\\x1f\\x7f]*$"


class SubmissionError(ValueError):
    """A submission that cannot be accepted; ``code`` is stable for API clients."""

    def __init__(self, message: str, *, code: str = "invalid", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class SubmitResult:
    article: Article
    created: bool


def _validate_text(text: str) -> None:
    if not isinstance(text, str):
        raise SubmissionError("The article must be text.", code="invalid_text")
    if len(text.encode("utf-8", errors="surrogatepass")) > settings.ARTICLE_MAX_BYTES:
        raise SubmissionError(
            f"The article is larger than the limit of {settings.ARTICLE_MAX_BYTES} bytes.",
            code="too_large",
            status=413,
        )
    if "\x00" in text:
        raise SubmissionError("The article contains NUL characters; submit text, not binary data.",
                              code="binary_content")
    if _SURROGATE.search(text):
        raise SubmissionError("The article is not valid Unicode text.", code="invalid_text")
    if not text.strip():
        raise SubmissionError("The article is empty.", code="empty")
    # Control characters other than line breaks and tabs mean binary data.
    if _CONTROL.search(text):
        raise SubmissionError("The article looks like binary data, not text.", code="binary_content")
    # Digits and punctuation alone cannot hold a sentence; refuse them now rather
    # than store an article that can only fail. (Text with words but no sentence
    # is the parser's to judge: it ends failed, with the reason.)
    if not _LETTER.search(text):  # stops at the first letter
        raise SubmissionError("The article has no words in it.", code="no_text")


def _trimmed(text: str) -> str:
    """Without whitespace and byte-order marks at either end (``str.strip`` takes no BOM)."""
    while (trimmed := text.strip().strip("\ufeff")) != text:
        text = trimmed
    return text


def article_normalised(text: str) -> str:
    """The text as two submissions are compared: the same article, whatever carried it.

    A byte-order mark, Windows or old Mac line ends, spaces at the ends of lines,
    blank lines around the text and composed or decomposed accents are how an
    editor or a copy changes an article without changing what it says. Only the
    duplicate check sees this form; the article is stored exactly as sent.
    Migration 0016 keeps a frozen copy of this function: change both together.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", _trimmed(text))


def article_content_hash(text: str) -> str:
    """SHA-256 of the normalised text: one article however its whitespace and encoding marks vary."""
    return hashlib.sha256(article_normalised(text).encode("utf-8")).hexdigest()


def article_submit(
    *,
    text: str,
    content_type: str = "text/plain",
    url: str = "",
    source: str = "",
    title: str = "",
    published: datetime.date | None = None,
    submitted_by: AbstractBaseUser | None = None,
) -> SubmitResult:
    """Store an article exactly as given and queue it for parsing after the commit.

    The same text submitted twice is one article: the second call returns the first.
    Metadata given here (title, source, published, url) wins over what the parser
    reads, and ``metadata_source`` says so.
    """
    if content_type not in CONTENT_TYPES:
        raise SubmissionError(f"Unsupported content type {content_type!r}.", code="unsupported_media_type",
                              status=415)
    _validate_text(text)
    content_hash = article_content_hash(text)
    # Insert first: nearly every submission is new, and the unique content hash
    # turns a repeat (or a concurrent copy) into an IntegrityError, answered with
    # the stored article. One INSERT, where get_or_create reads first.
    try:
        with transaction.atomic():
            article = Article.objects.create(
                content_hash=content_hash,
                raw=text,
                content_type=content_type,
                url=url or "",
                source=source or "",
                title=title or "",
                published=published,
                metadata_source={field: MetadataSource.CLIENT.value
                                 for field, value in (("title", title), ("source", source),
                                                      ("published", published), ("url", url)) if value},
                submitted_by=submitted_by,
                status=ArticleStatus.QUEUED,
            )
            transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
    except IntegrityError:
        existing = Article.objects.filter(content_hash=content_hash).first()
        if existing is None:
            raise  # not the content hash: another constraint refused the row
        return SubmitResult(article=existing, created=False)
    return SubmitResult(article=article, created=True)


def article_reparse(*, article: Article) -> None:
    """Queue an article for parsing again; curated records will be kept."""
    with transaction.atomic():
        # A fresh start: the attempts cap counts the claims of one parse request.
        Article.objects.filter(pk=article.pk).update(
            status=ArticleStatus.QUEUED, claim_token="", failure_reason="", attempts=0, updated_at=timezone.now()
        )
        transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
