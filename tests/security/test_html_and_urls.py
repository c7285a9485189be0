"""Submitted HTML is stored as sent but never rendered unescaped, and the service never
fetches a submitted URL (nor anything an article links to)."""

from __future__ import annotations

import socket
import threading
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tracker.models import Actor, Article, Statement, Transfer

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)><iframe src="javascript:alert(2)"></iframe>'
SENTENCE = "Russia will supply S-400 systems to India, the ministry said."


@pytest.fixture
def hostile_article(submitter):
    raw = f"<html><head><title>{PAYLOAD}</title></head><body><p onclick=alert(3)>{SENTENCE}</p>{PAYLOAD}</body></html>"
    response = client_for(submitter).post("/api/articles/", raw.encode(), content_type="text/html")
    assert response.status_code == 202
    article = Article.objects.get(pk=response.json()["id"])
    assert article.raw == raw  # stored exactly as sent
    # What a parse could make of it, markup and all, in every field a page shows.
    clean = f"{PAYLOAD}\n\n{SENTENCE}"
    start = clean.index(SENTENCE)
    Article.objects.filter(pk=article.pk).update(
        status="parsed", title=PAYLOAD[:500], source=PAYLOAD[:200], dateline=PAYLOAD[:100], clean_text=clean,
        failure_reason=PAYLOAD, url="https://example.org/?q=%3Cscript%3E",
    )
    rus, ind = Actor.objects.get(code="RUS"), Actor.objects.get(code="IND")
    Transfer.objects.create(article=article, supplier=rus, recipient=ind, status="planned", weapons=[PAYLOAD],
                            evidence=SENTENCE, evidence_start=start, evidence_end=start + len(SENTENCE))
    Statement.objects.create(article=article, speaker_name=PAYLOAD[:300], evidence=SENTENCE,
                             evidence_start=start, evidence_end=start + len(SENTENCE))
    article.refresh_from_db()
    return article


class _LiveMarkup(HTMLParser):
    """Finds what of the payload a browser would run: elements, not text or attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.found.append(f"<{tag} {name}={value}>")
            if name in ("src", "href") and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and 'alert("xss")' in data:
            self.found.append(f"<script>{data[:60]}")


def _assert_escaped(html: bytes, where: str) -> None:
    parser = _LiveMarkup()
    parser.feed(html.decode())
    assert not parser.found, f"{where}: rendered unescaped: {parser.found}"


def test_the_check_sees_live_markup_and_passes_escaped_text():
    from django.utils.html import escape

    with pytest.raises(AssertionError):
        _assert_escaped(f"<p>{PAYLOAD}</p>".encode(), "raw")
    _assert_escaped(f'<p title="{escape(PAYLOAD)}">{escape(PAYLOAD)}</p>'.encode(), "escaped")


def test_admin_pages_escape_submitted_html(hostile_article, admin_client):
    pages = {
        "article change page": reverse("admin:tracker_article_change", args=[hostile_article.pk]),
        "article list": reverse("admin:tracker_article_changelist"),
        "article search": reverse("admin:tracker_article_changelist") + "?q=script",
        "transfer list": reverse("admin:tracker_transfer_changelist"),
        "statement list": reverse("admin:tracker_statement_changelist"),
    }
    for where, url in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, (where, response.status_code)
        _assert_escaped(response.content, where)
    change = admin_client.get(pages["article change page"]).content
    assert b"&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in change  # shown, as text


def test_the_browsable_api_escapes_submitted_html(hostile_article, curator):
    client = client_for(curator)
    for url in (f"/api/articles/{hostile_article.pk}/", "/api/articles/", "/api/transfers/", "/api/statements/"):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        _assert_escaped(response.content, url)


def test_json_answers_are_json_and_not_sniffable(hostile_article, curator):
    response = client_for(curator).get(f"/api/articles/{hostile_article.pk}/")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.json()["title"] == PAYLOAD[:500]  # data, returned exactly, for the client to escape


class Listener:
    """A TCP server on loopback that counts the connections it gets."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def test_the_service_never_fetches_a_submitted_url(submitter, listener):
    from workers.tasks import article_parse

    base = f"http://127.0.0.1:{listener.port}"
    # Probe the probe: a real fetch would be counted.
    socket.create_connection(("127.0.0.1", listener.port)).close()
    _wait(lambda: listener.connections == 1)
    listener.connections = 0

    html = (
        f'<html><head><title>Tanks</title><link rel="stylesheet" href="{base}/style.css">'
        f'<meta property="og:url" content="{base}/canonical"><link rel="canonical" href="{base}/canonical">'
        f'<script src="{base}/app.js"></script><base href="{base}/"></head>'
        f'<body><article><h1>Russia to supply S-400s</h1><p>{SENTENCE}</p>'
        f'<img src="{base}/photo.jpg"><iframe src="{base}/embed"></iframe>'
        f'<a href="{base}/more">Read more</a></article></body></html>'
    )
    client = client_for(submitter)
    html_id = client.post("/api/articles/", {"text": html, "url": f"{base}/article", "content_type": "text/html"},
                          format="json").json()["id"]
    text_id = client.post("/api/articles/", {"text": f"{SENTENCE}\nSource: {base}/article\n",
                                             "url": f"{base}/article"}, format="json").json()["id"]
    for pk in (html_id, text_id):
        # The task, run here, in full: claim, parse, record (the first takes the
        # second into its batch; the second's task then finds it done).
        article_parse.apply(args=[pk]).get()
    assert {Article.objects.get(pk=pk).status for pk in (html_id, text_id)} <= {"parsed", "failed"}
    assert listener.connections == 0


def _wait(predicate, timeout: float = 5.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.05)
