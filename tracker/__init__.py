"""The arms-transfer tracker: Django project and app."""
