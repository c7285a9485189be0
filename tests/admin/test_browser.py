"""A curator's and a viewer's session in a real browser, on a live server with a real worker.

Drives Debian's chromium (``CHROMIUM_PATH``, installed by ``make test``) through
Playwright; nothing is downloaded. Screenshots of the article page, the review
queue, an edited transfer and its history, the merge confirmation and the
viewer's queue go to ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import SHOTS
from tracker import services
from tracker.models import Article, Official, Statement, Transfer

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "seed-000.txt"

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def wait_until_parsed(article_id: int, *, after=None, timeout: float = 90.0) -> Article:
    deadline = time.monotonic() + timeout
    while True:
        article = Article.objects.get(pk=article_id)
        if article.status == "failed":
            raise AssertionError(f"parsing failed: {article.failure_reason}")
        if article.status == "parsed" and (after is None or article.parsed_at > after):
            return article
        if time.monotonic() > deadline:
            raise AssertionError(f"article still {article.status!r} after {timeout} s")
        time.sleep(0.2)


def sign_in(browser, base: str, username: str):
    page = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pass-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    assert "/admin/login/" not in page.url, f"{username} could not sign in"
    return page


def run_action(page, action: str) -> None:
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def test_a_curator_reviews_edits_reparses_and_merges_and_a_viewer_only_reads(
    browser, live_server, celery_worker_process, django_user_model
):
    from tests.admin.conftest import staff_in

    staff_in(django_user_model, "cura", "curator")
    staff_in(django_user_model, "vera", "viewer")
    article = services.article_submit(text=SEED.read_text(encoding="utf-8")).article
    article = wait_until_parsed(article.pk)
    base = live_server.url
    page = sign_in(browser, base, "cura")

    # The article: metadata, and the text with every kind of evidence highlighted and linked.
    page.goto(f"{base}/admin/tracker/article/{article.pk}/change/")
    assert page.locator(".field-status .readonly").inner_text() == "Parsed"
    assert page.locator(".field-parser_version .readonly").inner_text() == article.parser_version
    for kind in ("transfer", "statement", "official"):
        assert page.locator(f".evidence-text a.ev-tag-{kind}").count() >= 1, kind
    assert "Russia maintains parity" in page.locator(".evidence-text").inner_text()
    # The top of the page: metadata and the highlighted text (the inlines follow below).
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1600, "height": 2400})
    first_statement = page.locator(".evidence-text a.ev-tag-statement").first
    label = first_statement.inner_text()
    first_statement.click()
    page.wait_for_url(f"**/admin/tracker/statement/{label[1:]}/change/")
    assert page.locator(".field-evidence_context mark.ev-statement").count() == 1

    # The review queue: approve one of Fomin's statements.
    page.goto(f"{base}/admin/tracker/statement/?speaker=Fomin")
    page.screenshot(path=str(SHOTS / "review-queue.png"), full_page=True)
    rows = page.locator("#result_list tbody tr")
    assert rows.count() >= 1
    approved_id = int(rows.first.locator("input.action-select").get_attribute("value"))
    rows.first.locator("input.action-select").check()
    run_action(page, "approve")
    assert "1 record(s) approved." in page.locator(".messagelist").inner_text()
    assert Statement.objects.get(pk=approved_id).review_state == "approved"

    # Edit a transfer: Russia to Armenia, now delivered.
    transfer = Transfer.objects.get(article=article, supplier__code="RUS", recipient__code="ARM")
    page.goto(f"{base}/admin/tracker/transfer/?supplier=RUS&recipient=ARM")
    page.click(f"#result_list a[href*='/transfer/{transfer.pk}/change/']")
    page.select_option("#id_status", "delivered")
    page.fill("#id_weapons", "T-90 tanks")
    page.click("input[name=_save]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    transfer.refresh_from_db()
    assert (transfer.status, transfer.weapons, transfer.curated) == ("delivered", ["T-90 tanks"], True)

    # Re-parse: machine records are replaced, the curator's work is kept.
    page.goto(f"{base}/admin/tracker/article/{article.pk}/change/")
    page.click("#reparse-button")
    assert "queued for parsing again" in page.locator(".messagelist").inner_text()
    wait_until_parsed(article.pk, after=article.parsed_at)
    page.goto(f"{base}/admin/tracker/transfer/{transfer.pk}/change/")
    assert page.locator("#id_status").input_value() == "delivered"
    assert page.locator("#id_weapons").input_value() == "T-90 tanks"
    assert Statement.objects.get(pk=approved_id).review_state == "approved"
    page.screenshot(path=str(SHOTS / "transfer.png"), full_page=True)
    page.click("a.historylink")
    history = page.locator("#change-history").inner_text()
    assert "cura" in history and "delivered" in history
    page.screenshot(path=str(SHOTS / "transfer-history.png"), full_page=True)

    # Merge a duplicate official into the one the parser found.
    fomin = Official.objects.get(name="Alexander Fomin")
    duplicate = Official.objects.create(name="Alexandr Fomin", name_key=services.name_key("Alexandr Fomin"))
    page.goto(f"{base}/admin/tracker/official/?q=Fomin")
    for official in (fomin, duplicate):
        page.locator(f"input.action-select[value='{official.pk}']").check()
    run_action(page, "merge")
    page.check(f"input[name=survivor][value='{fomin.pk}']")
    page.screenshot(path=str(SHOTS / "merge.png"), full_page=True)
    page.click("#merge-submit")
    assert "Merged" in page.locator(".messagelist").inner_text()
    assert not Official.objects.filter(pk=duplicate.pk).exists()
    assert "Alexandr Fomin" in Official.objects.get(pk=fomin.pk).aliases

    # A viewer sees the same pages and can change nothing.
    page.context.close()
    page = sign_in(browser, base, "vera")
    page.goto(f"{base}/admin/tracker/article/{article.pk}/change/")
    assert page.locator(".evidence-text a.ev-tag-transfer").count() >= 1
    assert page.locator("#reparse-button").count() == 0
    assert page.locator("input[name=_save]").count() == 0
    page.goto(f"{base}/admin/tracker/transfer/{transfer.pk}/change/")
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator("#id_status").count() == 0  # shown as text, not as a field
    page.goto(f"{base}/admin/tracker/statement/")
    assert page.locator("select[name=action]").count() == 0
    page.screenshot(path=str(SHOTS / "viewer-review-queue.png"), full_page=True)
    page.context.close()


