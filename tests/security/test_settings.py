"""Deployment settings: ``check --deploy`` is clean, DEBUG is off unless asked, no secret in the repo, CORS closed."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "TRACKER_ENV", "ALLOWED_HOSTS"}}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**base, **env}, capture_output=True,
                          text=True, timeout=120)


def _production_env(**extra: str) -> dict[str, str]:
    return {"TRACKER_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "tracker.example.org", **extra}


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**os.environ, **_production_env()}, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


SHOW = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tracker.settings'); django.setup(); " \
       "from django.conf import settings as s; print(repr((s.DEBUG, {})))"


@pytest.mark.parametrize("env", ["local", "test", "production"])
def test_debug_is_off_unless_asked(env):
    extra = _production_env() if env == "production" else {"TRACKER_ENV": env}
    result = _run_python(SHOW.format("None"), **extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("(False, None)")
    asked = _run_python(SHOW.format("None"), **extra, DEBUG="true")
    assert asked.stdout.strip().endswith("(True, None)"), asked.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_python(SHOW.format("None"), TRACKER_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_cookies_and_transport_are_secure():
    fields = "(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, " \
             "s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF, s.AXES_ENABLED)"
    result = _run_python(SHOW.format(fields), **_production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("(False, (True, True, True, True, True, 'DENY', True, True))")


def _tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        return [ROOT / p for p in out.decode().split("\0") if p]
    except (OSError, subprocess.CalledProcessError):  # not a checkout: every file but the ignored folders
        skip = {".git", ".venv", ".var", "artifacts", "__pycache__", "staticfiles", "node_modules"}
        return [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}"),
    "hard-coded Django secret key": re.compile(r"""SECRET_KEY\s*=\s*["'](?!insecure-key-for-local-runs-and-tests-only)[^"']{20,}["']"""),
    "password in a URL": re.compile(r"\b(?:postgres(?:ql)?|redis|amqp)://[^:/\s@]+:(?!\$|\{)[^@\s/]{6,}@"),
    # ``${VAR:-placeholder}`` (docker-compose's local default) is not a value that is set, so not matched.
    "hard-coded password": re.compile(
        r"""(?i)\b(?:DATABASE_PASSWORD|ADMIN_PASSWORD|POSTGRES_PASSWORD)\s*(?:=|:(?!-))\s*["']?(?![$<{])[A-Za-z0-9_\-+/=]{8,}"""
    ),
}
SECRET_FILES = re.compile(r"(?:^|/)(?:\.env(?:\..+)?|secrets\.env|id_rsa|id_ed25519|.*\.pem|.*\.key|.*\.p12)$")


def test_no_secret_is_committed():
    found = []
    for path in _tracked_files():
        rel = path.relative_to(ROOT).as_posix()
        if SECRET_FILES.search(rel) and not rel.endswith(".env.example"):
            found.append(f"{rel}: a secrets file")
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for what, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                found.append(f"{rel}: {what}: {match.group(0)[:40]}")
    assert not found, "\n".join(found)


def test_generated_secrets_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert ".var/" in ignored or ".var" in ignored  # .var/secrets.env, written by scripts/stack.sh


def test_cors_is_closed_by_default(client, settings):
    # No CORS middleware, or one that allows no origin.
    if "corsheaders" in settings.INSTALLED_APPS:
        assert not getattr(settings, "CORS_ALLOW_ALL_ORIGINS", False)
        assert not getattr(settings, "CORS_ALLOWED_ORIGINS", [])
        assert not getattr(settings, "CORS_ALLOWED_ORIGIN_REGEXES", [])
    origin = "https://evil.example"
    for response in (
        client.get("/api/articles/", HTTP_ORIGIN=origin),
        client.options("/api/articles/", HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                       HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type"),
        client.get("/healthz", HTTP_ORIGIN=origin),
    ):
        assert not any(h.lower().startswith("access-control-allow") for h in response.headers), response.headers


def test_responses_forbid_sniffing_and_framing(client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
