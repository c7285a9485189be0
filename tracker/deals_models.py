"""The register of deals: weapon systems, deals and their events, and stories.

A ``Deal`` is one supply (a supplier, a recipient, one or more systems) across
every article that reports on it; each article's transfer row becomes one
``DealEvent`` per system it names, dated by the article. A ``Story`` groups
articles whose text is a near-duplicate of an earlier one (the same wire story
under other boilerplate): its events count once.

Machine-made deals are rebuilt from their events whenever an article is
linked; what a curator set (a deal's systems, quantity or value, an event
moved to another deal) is never overwritten.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q

from tracker.models import Actor, Article, ReviewState, Statement, Transfer, TransferStatus


class WeaponCategory(models.TextChoices):
    """SIPRI's weapon categories (``workers.parser.systems.CATEGORIES``; a test keeps the two equal)."""

    AIRCRAFT = "aircraft"
    AIR_DEFENCE = "air defence systems"
    ANTI_SUBMARINE = "anti-submarine warfare"
    ARMOURED_VEHICLES = "armoured vehicles"
    ARTILLERY = "artillery"
    ENGINES = "engines"
    MISSILES = "missiles"
    NAVAL_WEAPONS = "naval weapons"
    SATELLITES = "satellites"
    SENSORS = "sensors"
    SHIPS = "ships"
    OTHER = "other"


class WeaponSystem(models.Model):
    """A catalogue entry, seeded from ``workers/parser/systems/data/catalogue.jsonl`` and edited by curators."""

    designation = models.CharField(max_length=200)
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    category = models.CharField(max_length=30, choices=WeaponCategory.choices)
    producer = models.CharField(max_length=3, blank=True, help_text="ISO 3166-1 alpha-3 of the producing state.")
    family = models.CharField(max_length=100, blank=True)
    # Edited in the admin: loading the data file again leaves the row as it is.
    curated = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["designation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["designation"], name="weaponsystem_designation_unique"),
            models.CheckConstraint(condition=Q(category__in=WeaponCategory.values),
                                   name="weaponsystem_category_valid"),
        ]
        indexes = [GinIndex(fields=["aliases"], name="weaponsystem_aliases_gin")]

    def __str__(self) -> str:
        return self.designation


class Story(models.Model):
    """Articles that tell one story: a first article and its near-duplicates."""

    first_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return f"Story {self.pk}"


class ArticleStory(models.Model):
    """An article's MinHash fingerprint, its story, and when (and from what) its transfers were last linked."""

    article = models.OneToOneField(Article, primary_key=True, on_delete=models.CASCADE, related_name="story_link")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    # How close the article is to the story's first article (1.0 for the first).
    similarity = models.FloatField(default=1.0)
    signature = ArrayField(models.BigIntegerField(), default=list)
    # One hash per band of the signature: near-duplicates share at least one.
    bands = ArrayField(models.BigIntegerField(), default=list)
    linked_at = models.DateTimeField(null=True, blank=True)
    # A hash of the clean text the signature was made from: the same text is not fingerprinted again.
    text_hash = models.BigIntegerField(null=True, blank=True)
    # A digest of everything the last link read (transfers, statements, events, date, catalogue):
    # linking again with the same digest has nothing to change.
    link_digest = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        indexes = [
            GinIndex(fields=["bands"], name="articlestory_bands_gin"),
            models.Index(fields=["story"], name="articlestory_story_idx"),
        ]


class Deal(models.Model):
    supplier = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="deals_as_supplier", db_index=False)
    recipient = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="deals_as_recipient",
                                  db_index=False)
    systems = models.ManyToManyField(WeaponSystem, blank=True, related_name="deals")
    # The weapons as written when no catalogue system names them (or a curator's words).
    description = models.CharField(max_length=300, blank=True)
    # The first system's category, or what a generic description says: the list's category filter.
    category = models.CharField(max_length=30, blank=True)
    quantity = models.PositiveIntegerField(null=True, blank=True)
    value_amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    value_currency = models.CharField(max_length=3, blank=True)
    status = models.CharField(max_length=12, choices=TransferStatus.choices)
    first_event_date = models.DateField(null=True, blank=True)
    last_event_date = models.DateField(null=True, blank=True)
    events_count = models.PositiveIntegerField(default=0, help_text="Events, a story's counted once.")
    confidence = models.FloatField(default=0.5)
    review_state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.UNREVIEWED)
    # A curator set the systems, quantity or value: linking keeps them.
    curated = models.BooleanField(default=False)
    statements = models.ManyToManyField(Statement, blank=True, related_name="deals")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=TransferStatus.values), name="deal_status_valid"),
            models.CheckConstraint(condition=Q(review_state__in=ReviewState.values),
                                   name="deal_review_state_valid"),
            models.CheckConstraint(condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                                   name="deal_confidence_range"),
        ]
        indexes = [
            models.Index(fields=["supplier", "-id"], name="deal_supplier_recent_idx"),
            models.Index(fields=["supplier", "recipient", "-id"], name="deal_pair_recent_idx"),
            models.Index(fields=["recipient", "-id"], name="deal_recipient_recent_idx"),
            models.Index(fields=["status", "-id"], name="deal_status_recent_idx"),
            models.Index(fields=["category", "-id"], name="deal_category_recent_idx"),
            models.Index(fields=["review_state", "-id"], name="deal_review_recent_idx"),
            models.Index(fields=["first_event_date"], name="deal_first_date_idx"),
            models.Index(fields=["last_event_date"], name="deal_last_date_idx"),
        ]
        permissions = [("merge_deal", "Can merge deals and split events off")]

    def __str__(self) -> str:
        return f"Deal {self.pk}: {self.supplier_id} → {self.recipient_id} ({self.status})"


class DealEvent(models.Model):
    """What one article says about one deal: its date, status, quantity, value and evidence."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deal_events", db_index=False)
    # The transfer row it was read from; a re-parse replaces the row and relinks it.
    transfer = models.ForeignKey(Transfer, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="deal_events")
    supplier = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+", db_index=False)
    recipient = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+", db_index=False)
    # What makes the event one across re-parses: the catalogue designation, "?"
    # and the folded name of a system the catalogue lacks, or "" for none named.
    system_key = models.CharField(max_length=200, blank=True)
    system = models.ForeignKey(WeaponSystem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    weapons = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    date = models.DateField()
    status = models.CharField(max_length=12, choices=TransferStatus.choices)
    quantity = models.PositiveIntegerField(null=True, blank=True)
    quantity_start = models.PositiveIntegerField(null=True, blank=True)
    quantity_end = models.PositiveIntegerField(null=True, blank=True)
    value_amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    value_currency = models.CharField(max_length=3, blank=True)
    value_start = models.PositiveIntegerField(null=True, blank=True)
    value_end = models.PositiveIntegerField(null=True, blank=True)
    evidence = models.TextField()
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    confidence = models.FloatField(default=0.5)
    # False for a near-duplicate of an article whose event on this deal already counts.
    counted = models.BooleanField(default=True)
    # Placed by a curator (split off, or moved by a merge): linking never moves it.
    curated = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "supplier", "recipient", "system_key"],
                                    name="dealevent_article_pair_system_unique"),
            models.CheckConstraint(condition=Q(status__in=TransferStatus.values), name="dealevent_status_valid"),
        ]
        indexes = [models.Index(fields=["deal", "date"], name="dealevent_deal_date_idx")]

    def __str__(self) -> str:
        return f"{self.date} {self.status} (deal {self.deal_id})"
