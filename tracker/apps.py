from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Arms transfer tracker"

    def ready(self) -> None:
        from tracker import lookups

        lookups.register()
