"""URL routes: the admin, the REST API and its schema, the explore pages, health and metrics."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from tracker.api import views
from tracker.api.deals_views import DealViewSet
from tracker.monitoring import health
from tracker.monitoring.metrics import metrics_view

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("transfers", views.TransferViewSet, basename="transfer")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("deals", DealViewSet, basename="deal")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/relations/", views.RelationsView.as_view(), name="relations"),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script from a URL, not inline (Content-Security-Policy).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("explore/", include("tracker.explore.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
]

handler400 = "tracker.api.errors.bad_request"
handler404 = "tracker.api.errors.page_not_found"
handler500 = "tracker.api.errors.server_error"
