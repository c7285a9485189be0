"""API representations. Writable serializers name their fields; nothing else is writable."""

from __future__ import annotations

import re

from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from django.core.exceptions import ValidationError as DjangoValidationError

from tracker.api import params
from tracker.services import ARTICLE_TEXT_PATTERN
from tracker.models import (
    CLIENT_METADATA_FIELDS,
    Actor,
    Article,
    ArticleStatus,
    MetadataSource,
    Official,
    Statement,
    Transfer,
    TransferStatus,
)


class IdentityUrlField(serializers.HyperlinkedIdentityField):
    """A record's own URL, reversed once per view name and request, then filled in.

    A page of 50 statements holds about 300 URLs; ``reverse()`` for each was a
    third of the time the page took to render.
    """

    _PLACEHOLDER = "0123456789876543210"

    def get_url(self, obj, view_name, request, format):  # noqa: A002 (DRF's signature)
        pk = getattr(obj, self.lookup_field, None)
        if pk in (None, ""):
            return None
        if request is None:
            return super().get_url(obj, view_name, request, format)
        templates = request.__dict__.setdefault("_identity_url_templates", {})
        key = (view_name, format)
        if key not in templates:
            url = self.reverse(view_name, kwargs={self.lookup_url_kwarg: self._PLACEHOLDER}, request=request,
                               format=format)
            templates[key] = url.rpartition(self._PLACEHOLDER)
        head, _placeholder, tail = templates[key]
        return f"{head}{pk}{tail}"


class ActorRefSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="actor-detail")

    class Meta:
        model = Actor
        fields = ["url", "code", "name", "kind"]


class ActorSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="actor-detail")

    class Meta:
        model = Actor
        fields = ["url", "id", "code", "name", "kind", "aliases"]


class OfficialSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="official-detail")
    country = ActorRefSerializer(read_only=True, allow_null=True, help_text="Null when no article gave it")

    class Meta:
        model = Official
        fields = ["url", "id", "name", "title", "organization", "country", "aliases"]


class SpeakerSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="official-detail")
    country = serializers.CharField(source="country.code", default=None, read_only=True, allow_null=True,
                                    help_text="The official's country code; null when no article gave it")

    class Meta:
        model = Official
        fields = ["url", "id", "name", "title", "country"]


class ArticleRefSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="article-detail")
    source_url = serializers.CharField(source="url", read_only=True)

    class Meta:
        model = Article
        fields = ["url", "id", "title", "source", "published", "source_url"]
        read_only_fields = fields


class _RecordRepresentation:
    """Statements and transfers built by hand for the list pages, key for key what
    DRF's generic ``to_representation`` gives (``tests/api/test_serializers.py``
    compares both), at a fraction of the cost: DRF's field-by-field machinery was
    most of the time a page of 50 records took."""

    def _refs(self) -> tuple:
        refs = self.__dict__.get("_ref_fields")
        if refs is None:
            actor = ActorRefSerializer(context=self.context)
            article = ArticleRefSerializer(context=self.context)
            speaker = SpeakerSerializer(context=self.context)
            refs = self.__dict__["_ref_fields"] = (
                self.fields["url"], actor.fields["url"], article.fields["url"], speaker.fields["url"],
            )
        return refs

    def _actor(self, actor: Actor | None) -> dict | None:
        if actor is None:
            return None
        return {"url": self._refs()[1].to_representation(actor), "code": actor.code, "name": actor.name,
                "kind": actor.kind}

    def _article(self, article: Article) -> dict:
        published = article.published
        return {
            "url": self._refs()[2].to_representation(article), "id": article.id, "title": article.title,
            "source": article.source, "published": published.isoformat() if published else None,
            "source_url": article.url,
        }

    def _common(self, record) -> dict:
        return {
            "evidence": record.evidence, "evidence_start": record.evidence_start,
            "evidence_end": record.evidence_end,
        }


class TransferSerializer(_RecordRepresentation, serializers.ModelSerializer):
    url = IdentityUrlField(view_name="transfer-detail")
    supplier = ActorRefSerializer(read_only=True)
    recipient = ActorRefSerializer(read_only=True)
    article = ArticleRefSerializer(read_only=True)
    deals = serializers.ListField(child=serializers.IntegerField(), read_only=True, source="deal_ids",
                                  help_text="Ids of the deals this transfer is an event of (/api/deals/{id}/)")

    class Meta:
        model = Transfer
        fields = [
            "url", "id", "supplier", "recipient", "status", "weapons", "evidence", "evidence_start",
            "evidence_end", "confidence", "review_state", "curated", "parser_version", "article", "deals",
        ]
        read_only_fields = fields

    def to_representation(self, t: Transfer) -> dict:
        return {
            "url": self._refs()[0].to_representation(t), "id": t.id, "supplier": self._actor(t.supplier),
            "recipient": self._actor(t.recipient), "status": t.status, "weapons": [str(w) for w in t.weapons],
            **self._common(t), "confidence": float(t.confidence), "review_state": t.review_state,
            "curated": t.curated, "parser_version": t.parser_version, "article": self._article(t.article),
            "deals": list(getattr(t, "deal_ids", None) or []),
        }


class StatementSerializer(_RecordRepresentation, serializers.ModelSerializer):
    url = IdentityUrlField(view_name="statement-detail")
    speaker = SpeakerSerializer(read_only=True, allow_null=True,
                                help_text="The official who spoke; null for an organisation or an unknown person "
                                          "(speaker_name says who)")
    supplier = ActorRefSerializer(read_only=True, allow_null=True, help_text="Null when the statement names none")
    recipients = ActorRefSerializer(many=True, read_only=True)
    article = ArticleRefSerializer(read_only=True)
    deals = serializers.ListField(child=serializers.IntegerField(), read_only=True, source="deal_ids",
                                  help_text="Ids of the deals this statement speaks about (/api/deals/{id}/)")

    class Meta:
        model = Statement
        fields = [
            "url", "id", "speaker", "speaker_name", "supplier", "recipients", "evidence", "evidence_start",
            "evidence_end", "direct_quote", "confidence", "review_state", "curated", "parser_version",
            "article", "deals",
        ]
        read_only_fields = fields

    def to_representation(self, s: Statement) -> dict:
        speaker = s.speaker
        if speaker is not None:
            country = speaker.country
            speaker = {
                "url": self._refs()[3].to_representation(speaker), "id": speaker.id, "name": speaker.name,
                "title": speaker.title, "country": country.code if country is not None else None,
            }
        return {
            "url": self._refs()[0].to_representation(s), "id": s.id, "speaker": speaker,
            "speaker_name": s.speaker_name, "supplier": self._actor(s.supplier),
            "recipients": [self._actor(a) for a in s.recipients.all()], **self._common(s),
            "direct_quote": s.direct_quote, "confidence": float(s.confidence), "review_state": s.review_state,
            "curated": s.curated, "parser_version": s.parser_version, "article": self._article(s.article),
            "deals": list(getattr(s, "deal_ids", None) or []),
        }


class MetadataSourceSerializer(serializers.Serializer):
    """Where each field came from: the client's submission, the parser, or nobody (null)."""

    title = serializers.ChoiceField(choices=MetadataSource.choices, allow_null=True)
    source = serializers.ChoiceField(choices=MetadataSource.choices, allow_null=True)
    published = serializers.ChoiceField(choices=MetadataSource.choices, allow_null=True)
    url = serializers.ChoiceField(choices=MetadataSource.choices, allow_null=True)


class ArticleListSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="article-detail")

    class Meta:
        model = Article
        fields = [
            "url", "id", "status", "title", "source", "published", "dateline", "source_url",
            "parser_version", "failure_reason", "created_at", "parsed_at", "metadata_source",
        ]
        read_only_fields = fields

    source_url = serializers.CharField(source="url", read_only=True, help_text="The article's address, or empty")
    metadata_source = serializers.SerializerMethodField()

    @extend_schema_field(MetadataSourceSerializer)
    def get_metadata_source(self, article: Article) -> dict:
        known = article.metadata_source or {}
        return {field: known.get(field) for field in CLIENT_METADATA_FIELDS}


class _ArticleTransferSerializer(TransferSerializer):
    class Meta(TransferSerializer.Meta):
        fields = [f for f in TransferSerializer.Meta.fields if f != "article"]


class _ArticleStatementSerializer(StatementSerializer):
    class Meta(StatementSerializer.Meta):
        fields = [f for f in StatementSerializer.Meta.fields if f != "article"]


class OfficialMentionSerializer(serializers.Serializer):
    """An official as one article presents them; what the article does not give is null."""

    id = serializers.IntegerField(help_text="The official's id")
    name = serializers.CharField()
    name_as_given = serializers.CharField()
    title = serializers.CharField(allow_null=True)
    organization = serializers.CharField(allow_null=True)
    country = serializers.CharField(allow_null=True, help_text="Country code")


class ArticleDetailSerializer(ArticleListSerializer):
    transfers = _ArticleTransferSerializer(many=True, read_only=True)
    statements = _ArticleStatementSerializer(many=True, read_only=True)
    officials = serializers.SerializerMethodField()

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "content_type", "clean_text", "transfers",
                  "statements", "officials"]
        read_only_fields = fields

    @extend_schema_field(OfficialMentionSerializer(many=True))
    def get_officials(self, article: Article) -> list[dict]:
        return [
            {
                "id": m.official_id,
                "name": m.official.name,
                "name_as_given": m.name_as_given,
                "title": m.title or None,
                "organization": m.organization or None,
                "country": m.country.code if m.country else None,
            }
            for m in article.official_mentions.all()
        ]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: str) -> None:
    match = _SURROGATE.search(value)
    if match:
        raise serializers.ValidationError(
            f"Surrogate character U+{ord(match.group()):04X} at {match.start()} is not allowed: "
            "the text is not valid Unicode."
        )


@extend_schema_field({"type": "string", "pattern": ARTICLE_TEXT_PATTERN})
class RawTextField(serializers.CharField):
    """The article text untouched: NUL characters reach the service, which refuses them clearly."""

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, allow_blank=True, **kwargs)
        # DRF's surrogate check walks the text a character at a time in Python
        # (over a millisecond for a news article); a regex does the same.
        dropped = (ProhibitNullCharactersValidator, ProhibitSurrogateCharactersValidator)
        self.validators = [v for v in self.validators if not isinstance(v, dropped)] + [_no_surrogates]

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class IsoDateField(serializers.DateField):
    """YYYY-MM-DD only, what the schema's ``format: date`` allows (DRF also reads 20160719)."""

    def to_internal_value(self, value):
        try:
            return params.IsoDateField().clean(value)
        except DjangoValidationError:
            self.fail("invalid", format="YYYY-MM-DD")


class StrictCharField(serializers.CharField):
    """Text only: DRF turns a number into its digits, which the schema's ``type: string`` does not allow."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# What a submitted url must look like: http(s), a host without square brackets (urllib
# refuses a bracket that is not a valid IPv6 address, which no pattern can check), no
# spaces. Django's URLValidator is stricter about host names than any schema can say,
# so this pattern, which the schema states, is the rule.
URL_PATTERN = r"^(?:https?://[^\s\x00/?#\[\]]+(?:[/?#][^\s\x00]*)?)?$"
# DRF refuses NUL characters in every text field; the pattern puts that in the schema.
_NO_NUL = RegexValidator(params.NO_NUL_PATTERN, "Null characters are not allowed.")


class ArticleSubmitSerializer(serializers.Serializer):
    """Input of ``POST /api/articles/`` (and of each item of a batch): the only fields a submitter can set.

    ``title``, ``source``, ``published`` and ``url`` given here win over what the
    parser reads from the text (``metadata_source`` on the article says which is which).
    """

    text = RawTextField(help_text="The article as plain text or HTML: at least one letter, no control "
                                  "characters other than tabs and line breaks")
    url = StrictCharField(required=False, allow_blank=True, max_length=2000,
                          validators=[RegexValidator(URL_PATTERN, "Enter a valid http or https URL.")],
                          help_text="The article's address (never fetched)")
    source = StrictCharField(required=False, allow_blank=True, max_length=200, trim_whitespace=False,
                             validators=[_NO_NUL], help_text="News agency or outlet")
    title = StrictCharField(required=False, allow_blank=True, max_length=500, trim_whitespace=False,
                            validators=[_NO_NUL])
    published = IsoDateField(required=False, allow_null=True, help_text="YYYY-MM-DD")
    content_type = serializers.ChoiceField(
        choices=["text/plain", "text/html"], required=False,
        help_text="Default: text/html when the text starts like an HTML document, else text/plain")

    def submission(self, *, default_content_type: str | None = None) -> dict:
        """The validated values as ``services.article_submit`` takes them."""
        values = self.validated_data
        content_type = values.get("content_type") or default_content_type
        if content_type is None:
            content_type = "text/html" if looks_like_html(values["text"]) else "text/plain"
        return {"text": values["text"], "content_type": content_type, "url": values.get("url", ""),
                "source": values.get("source", ""), "title": values.get("title", ""),
                "published": values.get("published")}


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


class ArticleSubmitResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    status = serializers.ChoiceField(choices=ArticleStatus.choices)
    created = serializers.BooleanField(help_text="False when the same text was already stored")


class _ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(help_text="Messages by field name")


class BatchItemResultSerializer(serializers.Serializer):
    """One item's result: the article (``id``, ``url``, ``status``, ``created``), or ``error``."""

    index = serializers.IntegerField(help_text="The item's position in the batch, from 0")
    id = serializers.IntegerField(required=False)
    url = serializers.URLField(required=False)
    status = serializers.ChoiceField(choices=ArticleStatus.choices, required=False)
    created = serializers.BooleanField(required=False)
    error = _ErrorBodySerializer(required=False, help_text="Why this item was refused, in the usual error shape")


class BatchResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="Items stored as new articles")
    existing = serializers.IntegerField(help_text="Items whose text was already stored")
    refused = serializers.IntegerField(help_text="Items refused; their results say why")
    results = BatchItemResultSerializer(many=True)


class RelationActorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


# Transfers per status: one field per status, in the order declared (workers/parser/closed_sets.py).
StatusCountsSerializer = type("StatusCountsSerializer", (serializers.Serializer,),
                              {status.value: serializers.IntegerField() for status in TransferStatus})


class RelationSerializer(serializers.Serializer):
    supplier = RelationActorSerializer()
    recipient = RelationActorSerializer()
    transfers = serializers.IntegerField(help_text="Transfers reported for the pair (rejected ones left out)")
    transfers_by_status = StatusCountsSerializer()
    statements = serializers.IntegerField(help_text="Statements about the supplier supplying the recipient")
    first_article_date = serializers.DateField(allow_null=True)
    last_article_date = serializers.DateField(allow_null=True)
    weapons = serializers.ListField(child=serializers.CharField())
    deals = serializers.IntegerField(help_text="Deals of the pair (rejected ones left out)")
    deals_by_status = StatusCountsSerializer(help_text="Deals by current status")
    deals_by_category = serializers.DictField(
        child=serializers.IntegerField(),
        help_text='Deals by SIPRI weapon category ("unknown" when no system or category is known)',
    )
