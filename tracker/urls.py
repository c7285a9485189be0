"""URL routes: the admin, the REST API and its schema."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from tracker.api import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("transfers", views.TransferViewSet, basename="transfer")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("actors", views.ActorViewSet, basename="actor")


handler404 = "tracker.api.errors.not_found"


def healthz(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/relations/", views.RelationsView.as_view(), name="relations"),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("healthz", healthz),
]
