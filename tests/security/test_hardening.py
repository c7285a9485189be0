"""Hardening: generated secrets, Redis with a password, Content-Security-Policy, schema access, login lockout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.test import Client, override_settings

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


# --- secrets --------------------------------------------------------------------------------


def _secrets_in(tmp: Path) -> dict[str, str]:
    (tmp / "scripts").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "scripts" / "stack.sh", tmp / "scripts" / "stack.sh")
    subprocess.run(["bash", str(tmp / "scripts" / "stack.sh"), "secrets"], check=True, capture_output=True,
                   timeout=60, env={k: v for k, v in os.environ.items() if k != "SECRET_KEY"})
    path = tmp / ".var" / "secrets.env"
    assert path.stat().st_mode & 0o077 == 0, "secrets.env must be private to its owner"
    return dict(line.split("=", 1) for line in path.read_text().split())


def test_make_run_generates_its_secret_key_and_redis_password_once(tmp_path):
    first = _secrets_in(tmp_path / "a")
    assert {"SECRET_KEY", "REDIS_PASSWORD", "DATABASE_PASSWORD", "ADMIN_PASSWORD_DEFAULT"} <= set(first)
    assert len(first["SECRET_KEY"]) >= 50
    assert len(first["REDIS_PASSWORD"]) >= 32
    assert _secrets_in(tmp_path / "a") == first  # kept
    other = _secrets_in(tmp_path / "b")
    assert other["SECRET_KEY"] != first["SECRET_KEY"]  # not a fixed key


def test_an_older_secrets_file_gains_the_new_secrets(tmp_path):
    (tmp_path / ".var").mkdir()
    (tmp_path / ".var" / "secrets.env").write_text("DATABASE_PASSWORD=abc123\nADMIN_PASSWORD_DEFAULT=xyz\n")
    (tmp_path / ".var" / "secrets.env").chmod(0o600)
    found = _secrets_in(tmp_path)
    assert found["DATABASE_PASSWORD"] == "abc123"
    assert found["SECRET_KEY"] and found["REDIS_PASSWORD"]


def test_the_service_runs_with_a_generated_secret_key(settings):
    # make test (like make run) exports the key from .var/secrets.env.
    assert settings.SECRET_KEY != "insecure-key-for-local-runs-and-tests-only"


def test_redis_refuses_clients_without_the_password():
    import redis

    url = urlparse(os.environ["REDIS_URL"])
    assert url.password, "REDIS_URL carries the password"
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis(host=url.hostname, port=url.port, socket_timeout=5).ping()
    assert redis.Redis(host=url.hostname, port=url.port, password=url.password, socket_timeout=5).ping()


def test_compose_and_dockerfile_have_no_default_secret_and_use_the_one_server_config():
    import yaml

    text = (ROOT / "docker-compose.yml").read_text()
    for name in ("SECRET_KEY", "DATABASE_PASSWORD", "REDIS_PASSWORD"):
        uses = re.findall(r"\$\{" + name + r"(:?[?-])?[^}]*\}", text)
        assert uses, f"{name} is not required by docker-compose.yml"
        assert all(op == ":?" for op in uses), f"{name} has a default in docker-compose.yml"
    compose = yaml.safe_load(text)
    assert "requirepass" in " ".join(compose["services"]["redis"]["command"])
    assert "gunicorn.conf.py" in compose["services"]["web"]["command"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r'CMD \["gunicorn", "--config", "gunicorn.conf.py"', dockerfile)
    stack = (ROOT / "scripts" / "stack.sh").read_text()
    assert stack.count("gunicorn.conf.py") >= 1 and "--workers" not in stack


# --- Content-Security-Policy -------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/healthz", "/admin/login/", "/api/docs/", "/api/actors/"])
def test_every_response_has_a_content_security_policy(settings, url):
    settings.PUBLIC_READ = True
    response = Client().get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-eval'" not in policy


# --- schema and docs --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/", "/api/docs/?script="])
def test_schema_and_docs_need_a_signed_in_user_unless_the_data_is_public(settings, reader, url):
    settings.PUBLIC_READ = False
    refused = client_for(None).get(url)
    assert refused.status_code in (401, 403)
    assert client_for(reader).get(url).status_code == 200
    settings.PUBLIC_READ = True
    assert client_for(None).get(url).status_code == 200


# --- admin sign-in lockout ----------------------------------------------------------------


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_many_names_from_one_address_are_locked_out(django_user_model):
    django_user_model.objects.create_user("editor", password="right-pass-123", is_staff=True, is_superuser=True)
    client = Client()
    answers = []
    for n in range(10):
        for password in ("123456", "password", "letmein", "qwerty"):
            response = client.post("/admin/login/?next=/admin/", {"username": f"user{n}", "password": password},
                                   REMOTE_ADDR="203.0.113.50")
            answers.append(response.status_code)
    assert 429 in answers[:6], answers
    assert answers.count(429) >= len(answers) - 5
    # The address stays locked, even for a real name with its right password.
    locked = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-pass-123"},
                         REMOTE_ADDR="203.0.113.50")
    assert locked.status_code == 429
    # Elsewhere, the editor still gets in.
    other = Client()
    response = other.post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-pass-123"},
                          REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_lockout_counts_the_forwarded_address(django_user_model):
    django_user_model.objects.create_user("editor", password="right-pass-123", is_staff=True, is_superuser=True)
    client = Client()
    for n in range(6):
        # The client's own X-Forwarded-For entries change every time; the proxy's (last) one does not.
        client.post("/admin/login/?next=/admin/", {"username": f"user{n}", "password": "x"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.60")
    locked = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-pass-123"},
                         REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.60")
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked out with them.
    other = Client().post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-pass-123"},
                          REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.61")
    assert other.status_code == 302
