"""URL routes: the admin, the REST API and its schema."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from tracker.api import views
from tracker.api.deals_views import DealViewSet

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("transfers", views.TransferViewSet, basename="transfer")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("deals", DealViewSet, basename="deal")


def healthz(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/relations/", views.RelationsView.as_view(), name="relations"),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script from a URL, not inline (Content-Security-Policy).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("healthz", healthz),
]

handler400 = "tracker.api.errors.bad_request"
handler404 = "tracker.api.errors.page_not_found"
handler500 = "tracker.api.errors.server_error"
