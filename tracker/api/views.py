"""API views: read-only resources, and the commands that call services."""

from __future__ import annotations

from django.conf import settings
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.views import APIView
from rest_framework.response import Response
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.renderers import BrowsableAPIRenderer

from tracker import selectors, services
from tracker.api import batch, export, filters, quotas, serializers
from tracker.api.params import RelationQueryForm
from tracker.api.parsers import HTMLParser, JSONParser, PlainTextParser, RequestTooLarge
from tracker.api.permissions import CanSubmit, IsCurator
from tracker.api.throttling import SlidingWindowThrottle
from tracker.models import Article
from tracker.services import ARTICLE_TEXT_PATTERN
from tracker.services.batch import article_submit_many


class SubmitThrottle(SlidingWindowThrottle):
    """Per-user limit on submissions only (``SUBMIT_RATE``); reads have ``READ_RATE`` (quotas.ReadThrottle)."""

    scope_attr = "submit_throttle_scope"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Articles as submitted, with their parse status; POST submits a new one."""

    filterset_class = filters.ArticleFilterSet
    ordering_fields = ["id", "created_at", "published"]
    ordering = ["-id"]
    parser_classes = [JSONParser, PlainTextParser, HTMLParser]
    permission_classes = [CanSubmit]
    throttle_classes = [SubmitThrottle, quotas.ReadThrottle]
    submit_throttle_scope = "submit"

    def get_queryset(self):
        return selectors.article_detail() if self.action == "retrieve" else selectors.article_list()

    def get_serializer_class(self):
        return serializers.ArticleDetailSerializer if self.action == "retrieve" else serializers.ArticleListSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        article = self.get_object()
        quotas.read_weight_take(request, len(article.clean_text))
        return Response(self.get_serializer(article).data)

    @extend_schema(
        request={
            "application/json": serializers.ArticleSubmitSerializer,
            "text/plain": {"type": "string", "pattern": ARTICLE_TEXT_PATTERN},
        },
        responses={
            202: serializers.ArticleSubmitResultSerializer,
            200: OpenApiResponse(serializers.ArticleSubmitResultSerializer, description="Already submitted"),
        },
        description="Store an article and queue it for parsing; answers at once with its id and URL. "
                    "The body is JSON, or the raw article as `text/plain` or `text/html` (the latter "
                    "is read as HTML; in JSON say `\"content_type\": \"text/html\"`).",
    )
    def create(self, request: Request) -> Response:
        """Store an article and queue it for parsing; answers at once with its id and URL."""
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.ARTICLE_MAX_BYTES + 64 * 1024:
            raise RequestTooLarge(f"The request body is larger than the limit of {settings.ARTICLE_MAX_BYTES} bytes.")
        media = (request.content_type or "").split(";")[0].strip().lower()
        input_serializer = serializers.ArticleSubmitSerializer(data=request.data)
        input_serializer.is_valid(raise_exception=True)
        default = None if media == "application/json" else ("text/html" if media == "text/html" else "text/plain")
        submission = input_serializer.submission(default_content_type=default)
        quota = quotas.submit_bytes_take(request, submission["text"])
        try:
            result = services.article_submit(**submission, submitted_by=request.user)
        except Exception:
            quotas.submit_bytes_give_back(quota)  # nothing was stored
            raise
        if not result.created:
            quotas.submit_bytes_give_back(quota)  # a concurrent copy of the same text: stored once
        body = _submit_result(request, result.article, result.created)
        return Response(
            body,
            status=status.HTTP_202_ACCEPTED if result.created else status.HTTP_200_OK,
            headers={"Location": body["url"]},
        )

    @extend_schema(
        request={
            "application/json": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSubmitRequest"},
                                 "minItems": 1, "maxItems": settings.BATCH_MAX_ITEMS},
        },
        responses={
            200: OpenApiResponse(serializers.BatchResultSerializer, description="Every item stored (or already there)"),
            422: OpenApiResponse(serializers.BatchResultSerializer,
                                 description="Some items refused: their results carry the error; the others "
                                             "are stored and queued all the same"),
        },
        description=f"Submit up to {settings.BATCH_MAX_ITEMS} articles at once, as a JSON array of the objects "
                    "`POST /api/articles/` takes, or as NDJSON (`application/x-ndjson`, one object a line). "
                    "Each item is validated and stored on its own; the answer has one result per item, in "
                    "order. The stored articles are queued for parsing when the batch has been written.",
    )
    @action(detail=False, methods=["post"], url_path="batch",
            parser_classes=[batch.BatchJSONParser, batch.NDJSONParser])
    def batch(self, request: Request) -> Response:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.BATCH_MAX_BYTES:
            raise RequestTooLarge(f"The request body is larger than the limit of {settings.BATCH_MAX_BYTES} bytes.")
        items = batch.items_from(request.data)
        # The batch's new bytes count against the submitter's day as single submissions do.
        quota = quotas.submit_bytes_take_many(request, [i.values["text"] for i in items if i.values])
        try:
            outcomes = article_submit_many(items=items, submitted_by=request.user)
        except Exception:
            quotas.submit_bytes_give_back(quota)  # nothing was stored
            raise
        body = batch.result_body(outcomes, submit_result=lambda result: _submit_result(
            request, result.article, result.created))
        return Response(body, status=422 if body["refused"] else 200)

    @extend_schema(request=None, responses={202: serializers.ArticleSubmitResultSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsCurator])
    def reparse(self, request: Request, pk: str | None = None) -> Response:
        """Parse the article again; records a curator touched are kept."""
        article = self.get_object()
        services.article_reparse(article=article)
        return Response({**_submit_result(request, article, False), "status": "queued"},
                        status=status.HTTP_202_ACCEPTED)


def _submit_result(request: Request, article: Article, created: bool) -> dict:
    return {"id": article.pk, "url": request.build_absolute_uri(f"/api/articles/{article.pk}/"),
            "status": article.status, "created": created}


class ExportMixin:
    """``?format=csv`` or ``?format=jsonl`` streams every filtered row instead of a page."""

    renderer_classes = [ORJSONRenderer, BrowsableAPIRenderer, export.CSVRenderer, export.JSONLinesRenderer]
    export_rows = None
    export_name = "export"

    def handle_exception(self, exc: Exception) -> Response:
        """Errors are JSON whatever ``format`` asked for: a CSV of an error body helps nobody."""
        response = super().handle_exception(exc)
        if getattr(getattr(self.request, "accepted_renderer", None), "format", "json") in ("csv", "jsonl"):
            self.request.accepted_renderer = ORJSONRenderer()
            self.request.accepted_media_type = ORJSONRenderer.media_type
        return response

    def list(self, request: Request, *args, **kwargs) -> Response:
        fmt = getattr(request.accepted_renderer, "format", "json")
        if fmt in ("csv", "jsonl"):
            # An export has no pages, but a malformed page_size is refused here as
            # it is for a page: the schema's constraints hold whatever the format.
            self.paginator.get_page_size(request)
            queryset = self.filter_queryset(self.get_queryset())
            quotas.export_rows_take(request, queryset)
            return export.stream_export(queryset, rows=type(self).export_rows, fmt=fmt, name=self.export_name)
        return super().list(request, *args, **kwargs)


class TransferViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet):
    """Who supplies whom, with status, weapons and the evidence sentence."""

    serializer_class = serializers.TransferSerializer
    filterset_class = filters.TransferFilterSet
    ordering_fields = ["id", "confidence", "published"]
    ordering = ["-id"]
    export_rows = export.transfer_rows
    export_name = "transfers"

    def get_queryset(self):
        return selectors.transfer_list()


class StatementViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet):
    """What officials and organisations said about supplying arms, with the evidence."""

    serializer_class = serializers.StatementSerializer
    filterset_class = filters.StatementFilterSet
    ordering_fields = ["id", "confidence", "published"]
    ordering = ["-id"]
    export_rows = export.statement_rows
    export_name = "statements"

    def get_queryset(self):
        return selectors.statement_list()


class OfficialViewSet(viewsets.ReadOnlyModelViewSet):
    """People in official positions, one row per person across articles."""

    serializer_class = serializers.OfficialSerializer
    filterset_class = filters.OfficialFilterSet
    ordering_fields = ["id", "name"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return selectors.official_list()


class ActorViewSet(viewsets.ReadOnlyModelViewSet):
    """Suppliers and recipients: states (ISO alpha-3), alliances and non-state groups (slugs)."""

    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilterSet
    ordering_fields = ["id", "name", "code"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return selectors.actor_list()


class RelationsView(APIView):
    """The supplier–recipient matrix: one row per pair with counts, dates and weapons.

    Served from a summary refreshed in the background within
    ``RELATIONS_REFRESH_SECONDS`` of a change; ``Last-Modified`` says when.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter("supplier", str, description="Supplier codes, names or aliases, comma-separated"),
            OpenApiParameter("recipient", str, description="Recipient codes, names or aliases, comma-separated"),
        ],
        responses=serializers.RelationSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        query = RelationQueryForm(request.query_params).values()

        def codes(param: str) -> list[str] | None:
            value = query.get(param)
            return selectors.actor_codes_for(value.split(",")) if value else None

        rows = selectors.relation_list(suppliers=codes("supplier"), recipients=codes("recipient"))
        # The rows are plain dicts already shaped as RelationSerializer documents;
        # running up to 1,000 of them through it would take longer than the query.
        response = Response(rows)
        response["Last-Modified"] = http_date(selectors.relations_refreshed_at().timestamp())
        return response
