"""The Content-Security-Policy breaks nothing in a real browser: the admin, the API docs, the browsable API.

Chromium reports every blocked script, style, image or connection on the console;
each page here must load with none, and do what it is for.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# serialized_rollback: the flush after a transactional test would take the rows migrations load (actors, groups).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def page(monkeypatch, live_server, django_user_model, settings):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No browser at {CHROMIUM}: `make test` installs Debian's chromium (as root), or set CHROMIUM_PATH")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_user("csp-admin", password="csp-admin-pass-123", is_staff=True,
                                          is_superuser=True)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()
        page.set_default_timeout(20_000)
        page.violations = []
        page.on("console", lambda msg: page.violations.append(msg.text)
                if "Content Security Policy" in msg.text else None)
        page.on("pageerror", lambda exc: page.violations.append(str(exc)))
        # A resource that fails to load (the browser's own favicon.ico guess aside).
        page.on("response", lambda r: page.violations.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        page.goto(f"{live_server.url}/admin/login/?next=/admin/")
        page.fill("#id_username", "csp-admin")
        page.fill("#id_password", "csp-admin-pass-123")
        page.click("input[type=submit]")
        page.wait_for_selector("#site-name")
        yield page
        browser.close()
        connections.close_all()


def test_the_admin_works_under_the_policy(page, live_server):
    assert page.violations == []
    page.goto(f"{live_server.url}/admin/tracker/article/")
    page.wait_for_selector("#changelist")
    page.goto(f"{live_server.url}/admin/tracker/official/add/")
    # The country field is an autocomplete (select2, the admin's own script): it must come alive.
    page.wait_for_selector(".select2-container")
    page.goto(f"{live_server.url}/admin/tracker/officialmention/")
    page.wait_for_selector("#changelist")
    assert page.violations == []


def test_the_api_docs_render_under_the_policy(page, live_server):
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-tag")  # Swagger UI ran its script and read the schema
    assert page.locator(".opblock").count() > 5
    assert page.violations == []


def test_the_browsable_api_renders_under_the_policy(page, live_server):
    page.goto(f"{live_server.url}/api/actors/?format=api")
    page.wait_for_selector(".response-info")
    assert page.violations == []
