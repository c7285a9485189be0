"""Filters for the list endpoints (django-filter); combinable, all optional."""

from __future__ import annotations

import django_filters as filters
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from tracker.api.params import (
    BoundedNumberFilter,
    IdFilter,
    IsoDateFilter,
    MultipleChoiceFilter,
    VersionFilter,
    StrictBooleanFilter,
    escape_like,
    invalid,
)
from tracker.lookups import Ids
from tracker.models import Actor, Article, ArticleStatus, Official, ReviewState, Statement, Transfer, TransferStatus
from tracker.selectors import actor_codes_for, actor_ids_for, article_parsed_before


def _split(value: str) -> list[str]:
    return [v for v in (value or "").split(",") if v.strip()]


# Lists are ordered newest first with a LIMIT; PostgreSQL likes to answer that by
# walking the primary key backwards until a page has matched, which is quick when
# the filter matches many rows and reads most of the table when it matches few.
# A filter that matches few rows is therefore resolved to their ids first, with a
# probe that stops at FEW + 1 rows (so it stays cheap when the filter matches many).
FEW = 1000
# The speaker filter's own bound: its probes read an index in order, so they stay
# cheap up to a few thousand statements.
SPEAKER_FEW = 5000


def _ids(matching: QuerySet, few: int | None = None) -> list[int] | QuerySet:
    """The primary keys of ``matching``: a list when there are at most ``few``
    (default ``FEW``), otherwise the query itself, to be used as a subquery."""
    few = FEW if few is None else few
    matching = matching.order_by().values_list("pk", flat=True)
    ids = list(matching[:few + 1])
    return ids if len(ids) <= few else matching


def _in(field: str, ids: list[int] | QuerySet) -> Q:
    """``field`` among ``ids``: a list goes as one array parameter (tracker.lookups),
    a query as a subquery."""
    return Q(**{f"{field}__any": Ids(ids)}) if isinstance(ids, list) else Q(**{f"{field}__in": ids})


def _filter_few(qs: QuerySet, condition: Q) -> QuerySet:
    """``qs.filter(condition)``, by primary key when at most ``FEW`` rows match."""
    ids = _ids(qs.model.objects.filter(condition))
    return qs.filter(_in("pk", ids)) if isinstance(ids, list) else qs.filter(condition)


def _actor_ids(filterset: filters.FilterSet | None, value: str) -> list[int]:
    """``actor_ids_for`` the comma-separated ``value``, looked up once per request
    however many filters name the same actors (``supplier=USA&speaker_country=USA``)."""
    names = tuple(_split(value))
    cache = getattr(filterset, "_actor_ids", None)
    if cache is None:
        cache = {}
        if filterset is not None:
            filterset._actor_ids = cache
    if names not in cache:
        cache[names] = actor_ids_for(list(names))
    return cache[names]


class ActorValueFilter(filters.CharFilter):
    """``supplier=RUS``, ``supplier=Russia``, ``recipient=ARM,AZE``: codes, names or aliases.

    The values are resolved to actor ids first: filtering on ids lets PostgreSQL
    walk the (actor, -id) indexes in page order instead of joining every row.
    """

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}_id__in": _actor_ids(self.parent, value)})


class RecipientsFilter(ActorValueFilter):
    """Statements with any of the named recipients; EXISTS, so no duplicate rows and no DISTINCT.

    With a supplier too, a pair that few statements name is listed from the pair
    index (migration 0012: each link carries its statement's supplier), instead
    of checking the supplier of every statement the recipient has (a common
    recipient has many times more statements than the pair). A pair that many
    name is left to the EXISTS, which finds a page of them quickly walking the
    supplier's statements.
    """

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        recipients = _actor_ids(self.parent, value)
        supplier = self.parent.form.cleaned_data.get("supplier") if self.parent is not None else None
        if supplier:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT statement_id FROM tracker_statement_recipients"
                    " WHERE actor_id = ANY(%s::bigint[]) AND supplier_id = ANY(%s::bigint[]) LIMIT %s",
                    [Ids(recipients).literal, Ids(_actor_ids(self.parent, supplier)).literal, FEW + 1],
                )
                pair = [row[0] for row in cursor.fetchall()]
            if len(pair) <= FEW:
                return qs.filter(pk__any=Ids(pair))
        through = Statement.recipients.through.objects.filter(statement_id=OuterRef("pk"), actor_id__in=recipients)
        return qs.filter(Exists(through))


class RecordFilterSet(filters.FilterSet):
    article = IdFilter(field_name="article_id", help_text="Article id")
    review_state = filters.ChoiceFilter(choices=ReviewState.choices, help_text="Curation state")
    min_confidence = BoundedNumberFilter(field_name="confidence", lookup_expr="gte", minimum=0, maximum=1,
                                         help_text="Only records with at least this confidence (0–1)")
    published_after = IsoDateFilter(method="filter_published",
                                    help_text="Article published on or after (YYYY-MM-DD)")
    published_before = IsoDateFilter(method="filter_published",
                                     help_text="Article published on or before (YYYY-MM-DD)")
    supplier = ActorValueFilter(field_name="supplier",
                                help_text="Supplier codes, names or aliases, comma-separated (RUS, Russia)")
    search = filters.CharFilter(method="filter_search",
                                help_text="Full-text search over the evidence (web search syntax: words, "
                                          '"phrases", -excluded, or)')

    def filter_search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if not value.strip():
            return qs
        query = SearchQuery(value, config="english", search_type="websearch")
        # ``evidence_search`` is the stored vector, with a GIN index.
        return _filter_few(qs, Q(evidence_search=query))

    def filter_published(self, qs: QuerySet, name: str, value: object) -> QuerySet:
        """Both bounds at once: a narrow range matches few records even when each bound alone matches many."""
        after, before = self.form.cleaned_data.get("published_after"), self.form.cleaned_data.get("published_before")
        if name == "published_before" and after:
            return qs  # applied with published_after
        articles = Article.objects.all()
        if after:
            articles = articles.filter(published__gte=after)
        if before:
            articles = articles.filter(published__lte=before)
        # The articles first (the published index): few of them means few records.
        return qs.filter(_in("article_id", _ids(articles)))


class TransferFilterSet(RecordFilterSet):
    recipient = ActorValueFilter(field_name="recipient",
                                 help_text="Recipient codes, names or aliases, comma-separated (ARM,AZE)")
    status = MultipleChoiceFilter(choices=TransferStatus.choices,
                                          help_text="Transfer status; repeat the parameter for several")
    weapon = filters.CharFilter(method="filter_weapon", help_text="A weapon system named for the pair (S-400)")

    class Meta:
        model = Transfer
        fields: list[str] = []

    def filter_weapon(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        # The value is matched literally: ``weapon=%`` is not "any weapon".
        return qs.filter(RawSQL("EXISTS (SELECT 1 FROM unnest(tracker_transfer.weapons) w WHERE w ILIKE %s)",
                                [f"%{escape_like(value)}%"], output_field=BooleanField()))


class StatementFilterSet(RecordFilterSet):
    recipient = RecipientsFilter(field_name="recipients",
                                 help_text="Recipient codes, names or aliases, comma-separated (ARM,AZE)")
    speaker = filters.CharFilter(method="filter_speaker", help_text="Speaker: official id, or part of a name")
    speaker_country = filters.CharFilter(method="filter_speaker_country",
                                         help_text="The speaker's country: code, name or alias")
    direct_quote = StrictBooleanFilter(help_text="Only direct quotes (true) or reported speech (false)")

    class Meta:
        model = Statement
        fields: list[str] = []

    def filter_speaker_country(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        # The officials' ids rather than a join: with them PostgreSQL can combine
        # the (speaker, -id) index with the supplier's and the recipients'.
        return qs.filter(_in("speaker_id", _ids(Official.objects.filter(country_id__in=_actor_ids(self, value)))))

    def filter_speaker(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        """An official's id, or part of a name: the linked official's name or one of
        their aliases, or for a speaker no official is linked to, the name as written."""
        if value.isascii() and value.isdigit() and len(value) <= 18:  # an id that fits a bigint
            return qs.filter(speaker_id=int(value))
        pattern = "%" + escape_like(value.upper()) + "%"
        # Both sides through an index (official_name_trgm, official_with_aliases).
        officials = _ids(Official.objects.filter(RawSQL(
            "UPPER(name) LIKE %s"
            " OR (aliases <> '{}' AND EXISTS (SELECT 1 FROM unnest(aliases) a WHERE UPPER(a) LIKE %s))",
            [pattern, pattern], output_field=BooleanField(),
        )))
        unlinked = Q(speaker__isnull=True, speaker_name__icontains=value)
        if not isinstance(officials, list):
            # A fragment that names more than FEW officials matches too many statements to list.
            return qs.filter(_in("speaker_id", officials) | unlinked)
        # Each part through its own index, in index order so that PostgreSQL reads
        # no more than the probe needs: (speaker, -id) for the officials' statements,
        # the partial trigram index for the unlinked ones. A common surname shared
        # by a few dozen officials still matches only a few thousand statements,
        # which are quicker to list by id than to find walking the table backwards.
        linked = list(
            Statement.objects.filter(_in("speaker_id", officials)).order_by("speaker_id", "-id")
            .values_list("pk", flat=True)[:SPEAKER_FEW + 1]
        )
        if len(linked) <= SPEAKER_FEW:
            rest = _ids(Statement.objects.filter(unlinked), few=SPEAKER_FEW - len(linked))
            if isinstance(rest, list):
                return qs.filter(_in("pk", linked + rest))
        return qs.filter(_in("speaker_id", officials) | unlinked)


class ArticleFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ArticleStatus.choices, help_text="Parse status")
    published_after = IsoDateFilter(field_name="published", lookup_expr="gte",
                                    help_text="Published on or after (YYYY-MM-DD)")
    published_before = IsoDateFilter(field_name="published", lookup_expr="lte",
                                     help_text="Published on or before (YYYY-MM-DD)")
    parser_version = filters.CharFilter(help_text="Parsed by exactly this parser version (0.1.1)")
    parser_version_before = VersionFilter(
        method="filter_parser_version_before",
        help_text="Parsed by a parser older than this version, or never parsed (0.2.0)")
    source = filters.CharFilter(lookup_expr="iexact", help_text="News agency or outlet (TASS, Reuters)")

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_parser_version_before(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        try:
            return article_parsed_before(qs, value)
        except ValueError as exc:
            raise invalid(name, str(exc)) from None


class OfficialFilterSet(filters.FilterSet):
    name = filters.CharFilter(lookup_expr="icontains", help_text="Part of the name")
    country = ActorValueFilter(field_name="country", help_text="Country code, name or alias")

    class Meta:
        model = Official
        fields: list[str] = []


class ActorFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Actor._meta.get_field("kind").choices, help_text="state, non-state, alliance")
    q = filters.CharFilter(method="filter_q", help_text="A code, name or alias")

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(code__in=actor_codes_for([value]))
