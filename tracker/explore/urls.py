"""Routes of the explore pages, under /explore/."""

from django.urls import path

from tracker.explore import views

app_name = "explore"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("network/", views.network, name="network"),
    path("pair/<str:supplier>/<str:recipient>/", views.pair, name="pair"),
    path("actor/<str:code>/", views.actor, name="actor"),
]
