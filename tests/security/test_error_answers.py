"""Requests that used to end in a 500 (an HTML page) get a 4xx in the API's JSON error shape."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tracker.models import Actor, Article, Official, OfficialMention

pytestmark = pytest.mark.django_db

URL = "/api/articles/"
TEXT = "Russia will supply S-400 systems to India, the minister said on Tuesday."


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    error = response.json()["error"]
    assert error["code"] and error["message"]
    return error


@pytest.mark.parametrize("role", ["superuser", "curator", "viewer"])
def test_the_official_mention_admin_lists_and_opens(django_user_model, role):
    user = django_user_model.objects.create_user(f"u-{role}", password="x-pass-123456", is_staff=True,
                                                 is_superuser=role == "superuser")
    if role != "superuser":
        user.groups.add(Group.objects.get(name=role))
    rus = Actor.objects.get(code="RUS")
    article = Article.objects.create(raw=TEXT, content_hash="a" * 64, clean_text=TEXT, status="parsed")
    official = Official.objects.create(name="Yuri Borisov", name_key="yuri borisov", country=rus)
    mention = OfficialMention.objects.create(official=official, article=article, name_as_given="Yuri Borisov",
                                             country=rus)
    client = Client()
    client.force_login(user)
    listing = client.get("/admin/tracker/officialmention/")
    assert listing.status_code == 200
    assert b"Yuri Borisov" in listing.content
    assert client.get("/admin/tracker/officialmention/?q=Borisov").status_code == 200
    assert client.get(f"/admin/tracker/officialmention/{mention.pk}/change/").status_code == 200


BOGUS_CHARSETS = ["punycode", "rot13", "base64", "hex", "zlib", "uu", "x-no-such", "utf-7", "idna", "ascii"]


@pytest.mark.parametrize("charset", BOGUS_CHARSETS)
@pytest.mark.parametrize("media", ["text/plain", "text/html"])
def test_a_raw_submission_in_a_bogus_charset_is_a_400(api, charset, media):
    body = "Russia will supply tanks to India — café".encode() + b"\xff"
    response = api.generic("POST", URL, body, content_type=f"{media}; charset={charset}")
    assert _json_error(response, 400)["code"] == "parse_error"
    assert not Article.objects.exists()


# (Django ignores a charset it does not know on a JSON body and reads UTF-8.)
@pytest.mark.parametrize("charset", ["punycode", "rot13", "base64", "hex"])
def test_a_json_submission_in_a_bogus_charset_is_a_400(api, charset):
    body = json.dumps({"text": TEXT}).encode()
    response = api.generic("POST", URL, body, content_type=f"application/json; charset={charset}")
    assert _json_error(response, 400)["code"] == "parse_error"
    assert not Article.objects.exists()


def test_a_punycode_body_that_decodes_is_stored_as_decoded(api):
    # A real (if odd) charset whose bytes decode is accepted: the charset is honoured, not refused.
    response = api.generic("POST", URL, "Russia will supply tanks to India".encode("idna"),
                           content_type="text/plain; charset=idna")
    assert response.status_code == 202, response.content


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_json_nested_very_deep_is_a_400(api, depth):
    body = b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    response = api.generic("POST", URL, body, content_type="application/json")
    error = _json_error(response, 400)
    assert error["code"] in ("parse_error", "invalid")
    assert not Article.objects.exists()


def test_unknown_api_urls_and_server_errors_answer_in_json(api):
    assert _json_error(api.get("/api/no-such-thing/"), 404)["code"] == "not_found"


# --- chunked bodies, through the real server ---------------------------------------------


def _chunked_post(port: int, token: str, body: bytes, *, chunk: int = 1000) -> tuple[int, bytes]:
    head = (f"POST {URL} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token {token}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    payload = bytearray(head.encode())
    for start in range(0, len(body), chunk):
        piece = body[start:start + chunk]
        payload += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    payload += b"0\r\n\r\n"
    def send(sock: socket.socket) -> None:
        try:
            sock.sendall(payload)
        except OSError:
            pass  # the server answered and closed before the end of the body (a 413)

    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sender = threading.Thread(target=send, args=(sock,))
        sender.start()
        try:
            while data := sock.recv(65536):
                answer += data
        except ConnectionResetError:
            assert answer, "the connection was reset before any answer"
        sender.join()
    status = int(answer.split(b" ", 2)[1])
    return status, answer.split(b"\r\n\r\n", 1)[1]


@pytest.fixture
def submitter_token(django_db_blocker, django_user_model):
    from django.contrib.auth.models import Permission
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_user("chunky", password="x-pass-123456")
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    return Token.objects.create(user=user).key


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_chunked_submission_is_read_whole(web_server, submitter_token):
    text = ("Russia will supply S-400 systems to India, the minister said. " * 200).encode()
    status, body = _chunked_post(web_server.port, submitter_token, text)
    assert status == 202, body
    article = Article.objects.get(pk=json.loads(body)["id"])
    assert article.raw.encode() == text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_chunked_body_over_the_limit_is_a_413(web_server, submitter_token, settings):
    text = b"Russia will supply tanks. " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 26 + 100)
    status, body = _chunked_post(web_server.port, submitter_token, text, chunk=65536)
    assert status == 413
    assert json.loads(body)["error"]["code"] == "too_large"
    assert not Article.objects.exists()
