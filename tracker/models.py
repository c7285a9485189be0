"""The tracker's data: articles as submitted, and the records read from them.

Machine-made records (transfers, statements, official mentions) belong to one
article and are replaced whenever that article is parsed again; a record a
curator has touched (``curated``) is never replaced or deleted by a re-parse.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from simple_history.models import HistoricalRecords

from workers.parser import closed_sets


class ArticleStatus(models.TextChoices):
    QUEUED = "queued"
    PARSING = "parsing"
    PARSED = "parsed"
    FAILED = "failed"


def _choices(closed_set: type[StrEnum]) -> type[models.TextChoices]:
    """Django's choices for a closed set declared in ``workers.parser.closed_sets`` (same names, values, order)."""
    return models.TextChoices(closed_set.__name__, [(member.name, member.value) for member in closed_set])


# Declared once, for the parser and the tracker alike (workers/parser/closed_sets.py).
ReviewState = _choices(closed_sets.ReviewState)
TransferStatus = _choices(closed_sets.TransferStatus)
ActorKind = _choices(closed_sets.ActorKind)


class MetadataSource(models.TextChoices):
    CLIENT = "client"
    PARSER = "parser"


# The article fields a client may give with a submission, and the parser may read.
CLIENT_METADATA_FIELDS = ("title", "source", "published", "url")


class Article(models.Model):
    raw = models.TextField(help_text="The text or HTML exactly as submitted; never altered.")
    content_type = models.CharField(max_length=20, default="text/plain")
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the text, normalised (services.submission.article_normalised)."
    )
    clean_text = models.TextField(blank=True, help_text="The text the parser read; offsets point here.")
    title = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    dateline = models.CharField(max_length=100, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.QUEUED)
    failure_reason = models.TextField(blank=True)
    parser_version = models.CharField(max_length=40, blank=True)
    # Where each of title, source, published and url came from: "client" (given
    # with the submission, never overwritten by a parse) or "parser"; absent or
    # null when nobody gave it. Recording reads it (services._WRITE_RECORDS_SQL).
    metadata_source = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="How many times a worker claimed it.")
    # The delivery that holds the article while it is parsing; a redelivery of the
    # same message may take it back, any other delivery may not until it is stale.
    claim_token = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_unique"),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="article_status_updated_idx"),
            models.Index(fields=["published"], name="article_published_idx"),
            # ``reparse --before-version`` and the API's ``parser_version`` filter.
            models.Index(fields=["parser_version", "id"], name="article_parser_version_idx"),
            # The queued articles no worker has tried yet, oldest first: what a
            # parse task takes along into its batch (services.article_claim_queued).
            models.Index(fields=["id"], condition=Q(status="queued", attempts=0), name="article_untried_idx"),
        ]
        permissions = [("reparse_article", "Can queue an article for parsing again")]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class Actor(models.Model):
    name = models.CharField(max_length=200)
    code = models.CharField(max_length=64, help_text="ISO 3166-1 alpha-3 for states, a slug otherwise.")
    kind = models.CharField(max_length=10, choices=ActorKind.choices)
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="actor_code_unique"),
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
        ]
        indexes = [GinIndex(fields=["aliases"], name="actor_aliases_gin")]
        permissions = [("merge_actor", "Can merge two actors")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Official(models.Model):
    name = models.CharField(max_length=200)
    # Normalised full name (case, accents, punctuation folded): one row per person.
    name_key = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    organization = models.CharField(max_length=300, blank=True)
    country = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="officials")
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["name_key"], name="official_name_key_unique")]
        indexes = [
            GinIndex(fields=["aliases"], name="official_aliases_gin"),
            # ``?speaker=<part of a name>``: UPPER(name) LIKE '%...%' through trigrams,
            # and the few officials with aliases (merged ones) found without a scan.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="official_name_trgm"),
            models.Index(fields=["id"], name="official_with_aliases", condition=~Q(aliases=[])),
        ]
        permissions = [("merge_official", "Can merge two officials")]

    def __str__(self) -> str:
        return f"{self.title} {self.name}".strip()


class OfficialMention(models.Model):
    """An official as one article presents them (title and country as given there)."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="mentions")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="official_mentions")
    name_as_given = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    organization = models.CharField(max_length=300, blank=True)
    country = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    evidence_start = models.PositiveIntegerField(default=0)
    evidence_end = models.PositiveIntegerField(default=0)
    confidence = models.FloatField(default=0.5)

    class Meta:
        ordering = ["article_id", "evidence_start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "official"], name="mention_article_official_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.official} in article {self.article_id}"


class ExtractedRecord(models.Model):
    """What transfers and statements share: evidence, confidence, curation."""

    # No index of its own: each model's unique constraint starts with the article.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="%(class)ss", db_index=False)
    evidence = models.TextField()
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    confidence = models.FloatField(default=0.5)
    review_state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.UNREVIEWED)
    # Set when a curator reviews or edits the record; a re-parse never replaces it.
    curated = models.BooleanField(default=False)
    parser_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The evidence as a text-search vector (the API's ``search``), stored with
    # the row: a search then reads it instead of parsing every candidate's text.
    evidence_search = models.GeneratedField(
        expression=SearchVector("evidence", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        abstract = True


class Transfer(ExtractedRecord):
    # Indexed by transfer_pair_recent_idx and transfer_recipient_idx below.
    supplier = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="supplies", db_index=False)
    recipient = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="receipts", db_index=False)
    status = models.CharField(max_length=12, choices=TransferStatus.choices)
    weapons = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    # Who changed what and when: a curator's edits, reviews and merges, and the
    # machine-made version they started from.
    history = HistoricalRecords(excluded_fields=["updated_at", "evidence_search"])

    class Meta:
        ordering = ["-article_id", "evidence_start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "supplier", "recipient"], name="transfer_article_pair_unique"
            ),
            models.CheckConstraint(condition=Q(status__in=TransferStatus.values), name="transfer_status_valid"),
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values), name="transfer_review_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(evidence_start__lte=models.F("evidence_end")), name="transfer_evidence_span_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="transfer_confidence_range"
            ),
        ]
        indexes = [
            models.Index(fields=["supplier", "recipient", "-id"], name="transfer_pair_recent_idx"),
            models.Index(fields=["recipient"], name="transfer_recipient_idx"),
            models.Index(fields=["status"], name="transfer_status_idx"),
            models.Index(fields=["review_state", "-id"], name="transfer_review_idx"),
            GinIndex(fields=["evidence_search"], name="transfer_evidence_search_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier.code} → {self.recipient.code} ({self.status})"


# What the database has that no model declares, by table: kept by the database
# itself and read with raw SQL only. tests/test_schema.py fails on anything else.
DATABASE_ONLY = {
    # Migration 0012: each statement-recipient link carries its statement's
    # supplier (triggers keep it, whoever writes), indexed with the recipient;
    # read by tracker.api.filters.RecipientsFilter. Django writes the links
    # without it, so the auto-created through model need not know it.
    "tracker_statement_recipients": {"columns": {"supplier_id"}, "indexes": {"statement_recipient_pair_idx"}},
}


class Statement(ExtractedRecord):
    # speaker and supplier are indexed with the id (statement_*_recent_idx below).
    speaker = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements", db_index=False
    )
    # The person's full name as first given, or the organisation's name when no person speaks.
    speaker_name = models.CharField(max_length=300)
    supplier = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="statements_as_supplier",
        db_index=False,
    )
    recipients = models.ManyToManyField(Actor, blank=True, related_name="statements_as_recipient")
    direct_quote = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["updated_at", "evidence_search"], m2m_fields=[recipients])

    class Meta:
        ordering = ["-article_id", "evidence_start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "evidence_start", "evidence_end"], name="statement_article_span_unique"
            ),
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values), name="statement_review_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(evidence_start__lte=models.F("evidence_end")), name="statement_evidence_span_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="statement_confidence_range"
            ),
        ]
        indexes = [
            models.Index(fields=["supplier", "-id"], name="statement_supplier_recent_idx"),
            models.Index(fields=["speaker", "-id"], name="statement_speaker_recent_idx"),
            # ``?speaker=<part of a name>`` matches a linked speaker by the official's
            # name or aliases, and an unlinked one by the name as written: an
            # icontains, UPPER(speaker_name) LIKE '%...%', on those rows only.
            GinIndex(OpClass(Upper("speaker_name"), name="gin_trgm_ops"), name="statement_unlinked_name_trgm",
                     condition=Q(speaker__isnull=True)),
            models.Index(fields=["review_state", "-id"], name="statement_review_idx"),
            GinIndex(fields=["evidence_search"], name="statement_evidence_search_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_name}: {self.evidence[:60]}"


# The register of deals lives in its own module; imported here so that Django
# finds its models with the app's.
from tracker.deals_models import (  # noqa: E402,F401
    ArticleStory,
    Deal,
    DealEvent,
    Story,
    WeaponCategory,
    WeaponSystem,
)
