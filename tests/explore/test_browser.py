"""A reader's visit in a real browser: the matrix, a cell, the pair's timeline and evidence, an actor.

Drives Debian's chromium (``CHROMIUM_PATH``) through Playwright on a live
server, with the seed article parsed by a real worker and a few more pairs
recorded beside it. The charts are clicked where ECharts drew the marks
(``convertToPixel``), as a person would. Screenshots go to
``artifacts/screenshots/explore-*.png`` (git-ignored).
"""

from __future__ import annotations

import pytest

from tests.admin.test_browser import SEED, sign_in, wait_until_parsed
from tests.conftest import SHOTS
from tests.explore.conftest import STORIES, store_stories
from tracker import services
from tracker.models import Transfer

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def click_mark(page, chart_id: str, series_index: int, value) -> None:
    """Click the mark ECharts drew for ``value`` in a series, at its place on the page."""
    x, y = page.evaluate(
        """([id, series, value]) => {
               const chart = echarts.getInstanceByDom(document.getElementById(id));
               return chart.convertToPixel({seriesIndex: series}, value);
           }""", [chart_id, series_index, value])
    box = page.locator(f"#{chart_id}").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_a_reader_goes_from_the_matrix_to_a_pair_its_evidence_and_an_actor(
    browser, live_server, celery_worker_process, django_user_model
):
    from tests.admin.conftest import staff_in

    staff_in(django_user_model, "vera", "viewer")
    seed = services.article_submit(text=SEED.read_text(encoding="utf-8")).article
    seed = wait_until_parsed(seed.pk)
    # More pairs beside the seed's Russia -> Armenia and Azerbaijan (it refreshes the summaries).
    store_stories([s for s in STORIES if s.supplier != "RUS"])
    transfer = Transfer.objects.get(article=seed, supplier__code="RUS", recipient__code="ARM")
    base = live_server.url
    page = sign_in(browser, base, "vera")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The matrix: the seed's pairs are among its cells.
    page.goto(f"{base}/explore/")
    page.wait_for_selector("#matrix-chart[data-ready=true]")
    data = page.evaluate("JSON.parse(document.getElementById('matrix-data').textContent)")
    pairs = {(c["supplier"], c["recipient"]) for c in data["cells"]}
    assert {("RUS", "ARM"), ("RUS", "AZE"), ("USA", "UKR"), ("DEU", "UKR")} <= pairs
    assert page.locator("#matrix-table a[data-pair='RUS-ARM']").count() == 1
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "explore-matrix.png"), full_page=True)

    # Click the Russia -> Armenia cell of the heatmap.
    click_mark(page, "matrix-chart", 0, [data["recipients"].index("ARM"), data["suppliers"].index("RUS")])
    page.wait_for_url("**/explore/pair/RUS/ARM/")
    page.wait_for_selector("#timeline-chart[data-ready=true]")
    assert "Russia → Armenia" in page.locator("h1").inner_text()
    # Every transfer and statement is listed with its evidence, as a table too.
    assert transfer.evidence in page.locator("#transfers-table").inner_text()
    assert page.locator("#statements-table tbody tr").count() >= 1

    # Select the seed's transfer on the time axis: its evidence and a link to the article.
    timeline = page.evaluate("JSON.parse(document.getElementById('timeline-data').textContent)")
    series = timeline["statuses"].index(transfer.status)
    click_mark(page, "timeline-chart", series, [seed.published.isoformat(), transfer.status])
    page.wait_for_selector("#evidence:not([hidden])")
    assert page.locator("#evidence-text").inner_text() == transfer.evidence
    link = page.locator("#evidence-link")
    assert link.get_attribute("href") == f"/admin/tracker/article/{seed.pk}/change/"
    assert seed.published.isoformat() in page.locator("#evidence-heading").inner_text()
    page.screenshot(path=str(SHOTS / "explore-pair.png"), full_page=True)
    link.click()
    page.wait_for_url(f"**/admin/tracker/article/{seed.pk}/change/")
    assert transfer.evidence.split(",")[0] in page.locator(".evidence-text").inner_text()

    # The supplier's page: supplies by year, officials and their statements.
    page.goto(f"{base}/explore/pair/RUS/ARM/")
    page.click("h1 a:first-child")
    page.wait_for_url("**/explore/actor/RUS/")
    page.wait_for_selector("#supplied-chart[data-ready=true]")
    assert "Alexander Fomin" in page.locator("#officials").inner_text()
    assert page.locator("#statements-table tbody tr").count() >= 1
    page.screenshot(path=str(SHOTS / "explore-actor.png"), full_page=True)

    # The network for 2022: the United States and Germany arming Ukraine.
    page.goto(f"{base}/explore/network/?year_from=2022&year_to=2022")
    page.wait_for_selector("#network-chart[data-ready=true]")
    assert {"USA", "DEU", "UKR"} <= set(page.locator("#links-table td a").all_text_contents())
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "explore-network.png"), full_page=True)
    assert not errors, errors
    page.context.close()
