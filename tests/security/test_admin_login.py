"""Admin sign-in is throttled (django-axes): repeated failures lock the name out for a while."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password="right-pass-123", is_staff=True,
                                                 is_superuser=True)


def _attempt(client: Client, password: str, *, ip: str = "203.0.113.7", username: str = "editor"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_admin_login_throttling_is_on_outside_tests():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for env in ("local", "production"):
        extra = {"TRACKER_ENV": env, "SECRET_KEY": "x" * 60}
        code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tracker.settings'); "
                "django.setup(); from django.conf import settings as s; print(s.AXES_ENABLED, s.AXES_FAILURE_LIMIT)")
        base = {k: v for k, v in os.environ.items() if k != "LOGIN_THROTTLE"}
        out = subprocess.run([sys.executable, "-c", code], cwd=root, env={**base, **extra}, capture_output=True,
                             text=True, timeout=60)
        assert out.stdout.strip().splitlines()[-1] == "True 5", out.stderr


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_repeated_failures_lock_the_name_out_even_with_the_right_password(staff):
    client = Client()
    for _ in range(4):
        response = _attempt(client, "wrong")
        assert response.status_code == 200  # the form again, with an error
        assert "_auth_user_id" not in client.session
    assert _attempt(client, "wrong").status_code == 429
    locked = _attempt(client, "right-pass-123")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still signed out


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_the_lockout_is_per_name_and_address(staff):
    client = Client()
    for _ in range(5):
        _attempt(client, "wrong", ip="203.0.113.7")
    assert _attempt(client, "right-pass-123", ip="203.0.113.7").status_code == 429
    # Someone else, elsewhere, still gets in.
    other = Client()
    response = _attempt(other, "right-pass-123", ip="198.51.100.9")
    assert response.status_code == 302
    assert other.get("/admin/").status_code == 200


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_a_success_before_the_limit_resets_the_count(staff):
    client = Client()
    for _ in range(4):
        _attempt(client, "wrong")
    assert _attempt(client, "right-pass-123").status_code == 302
    client.logout()
    for _ in range(4):
        assert _attempt(client, "wrong").status_code == 200
