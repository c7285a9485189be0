"""Create the admin user if it does not exist (``make run`` calls this)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a superuser with the given name and password unless one with that name exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", required=True)

    def handle(self, *args, username: str, password: str, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True,
                                                                                 "is_superuser": True})
        if created:
            user.set_password(password)
            user.save()
            self.stdout.write(f"Created admin user {username!r}.")
        else:
            self.stdout.write(f"Admin user {username!r} exists; its password is unchanged.")
