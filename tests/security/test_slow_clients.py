"""Slow and idle clients cannot stop the API: real sockets against the real server process.

The server is gunicorn with gunicorn.conf.py, as ``make run`` starts it
(tests/security/conftest.py). Each test opens 50 connections that hold on
(idle, a request head that never ends, a large response never read) and then
asks for a normal API page, which must answer within a second.
"""

from __future__ import annotations

import socket
import time
import uuid

import pytest

from tests.security.conftest import http_get

# The test database is created only for sessions that collect a django_db test.
pytestmark = pytest.mark.django_db

CROWD = 50
DEADLINE = 1.0


@pytest.fixture(scope="module")
def reader_token(django_db_setup, django_db_blocker):
    """A reader's token, one very large article, and a token each for the crowd (committed: the server sees them).

    The crowd has an account per connection: one account asking 50 times for a
    large article would be stopped by its read quota (READ_RATE, READ_UNIT_BYTES)
    before the server itself were tried.
    """
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from tracker.models import Article

    User = get_user_model()
    run = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        users = User.objects.bulk_create([User(username=f"slow-{run}-{n}", password="!") for n in range(CROWD + 1)])
        tokens = Token.objects.bulk_create([Token(user=user, key=Token.generate_key()) for user in users])
        # Larger than the kernel's largest send buffer, so that a client that
        # never reads really stops the writer.
        text = "Russia supplied Armenia with howitzers last spring. " * 120_000
        article = Article.objects.create(raw=text[:1000], clean_text=text, content_hash=uuid.uuid4().hex,
                                         status="parsed", title="A very long article")
    yield tokens[0].key, article.pk, [token.key for token in tokens[1:]]
    with django_db_blocker.unblock():
        article.delete()
        User.objects.filter(pk__in=[user.pk for user in users]).delete()


def _connect(port: int, *, rcvbuf: int | None = None) -> socket.socket:
    sock = socket.socket()
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.settimeout(60)
    sock.connect(("127.0.0.1", port))
    return sock


def _normal_request_answers_in_time(port: int, token: str) -> None:
    started = time.monotonic()
    status, _headers, body = http_get(port, "/api/actors/?page_size=5",
                                      headers={"Authorization": f"Token {token}"}, timeout=DEADLINE)
    assert status == 200, body[:300]
    assert time.monotonic() - started < DEADLINE


def _close_all(socks: list[socket.socket]) -> None:
    for sock in socks:
        sock.close()


def test_a_normal_request_answers_while_50_connections_sit_idle(web_server, reader_token):
    token, _, _ = reader_token
    crowd = [_connect(web_server.port) for _ in range(CROWD)]
    try:
        time.sleep(0.3)
        _normal_request_answers_in_time(web_server.port, token)
    finally:
        _close_all(crowd)


def test_a_normal_request_answers_while_50_clients_send_headers_that_never_end(web_server, reader_token):
    token, _, _ = reader_token
    crowd = []
    try:
        for i in range(CROWD):
            sock = _connect(web_server.port)
            sock.sendall(f"GET /api/actors/?n={i} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".encode())
            crowd.append(sock)
        time.sleep(0.3)
        for sock in crowd:  # one more byte each, as a slowloris client does
            sock.sendall(b"a")
        _normal_request_answers_in_time(web_server.port, token)
    finally:
        _close_all(crowd)


def test_a_normal_request_answers_while_50_clients_never_read_a_large_response(web_server, reader_token):
    token, article_id, crowd_tokens = reader_token
    crowd = []
    try:
        for crowd_token in crowd_tokens:
            sock = _connect(web_server.port, rcvbuf=4096)
            sock.sendall(f"GET /api/articles/{article_id}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         f"Authorization: Token {crowd_token}\r\n\r\n".encode())
            crowd.append(sock)
        # The writers are stuck once the large bodies are rendered and the buffers full.
        for sock in crowd:
            first = sock.recv(64)
            assert first.startswith(b"HTTP/1.1 200"), first
        time.sleep(1.0)
        _normal_request_answers_in_time(web_server.port, token)
    finally:
        _close_all(crowd)


def test_a_request_head_that_never_ends_is_closed_by_the_server(web_server):
    sock = _connect(web_server.port)
    try:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sock.settimeout(30)
        started = time.monotonic()
        assert sock.recv(1024) == b""  # closed, with nothing sent
        # WEB_HEADER_TIMEOUT (10 s by default), not the 30 s this test waits at most.
        assert time.monotonic() - started < 25
    finally:
        sock.close()


def test_oversized_request_heads_are_refused(web_server):
    status, _headers, _body = http_get(web_server.port, "/healthz", headers={"X-Big": "a" * 9000})
    assert status in (400, 431)
    status, _headers, _body = http_get(web_server.port, "/healthz?" + "a" * 5000)
    assert status in (400, 414)
    many = {f"X-H{i}": "1" for i in range(60)}
    status, _headers, _body = http_get(web_server.port, "/healthz", headers=many)
    assert status in (400, 431)


def test_no_server_header_is_sent(web_server):
    status, headers, _body = http_get(web_server.port, "/healthz")
    assert status == 200
    assert "Server" not in headers and "server" not in headers, headers
