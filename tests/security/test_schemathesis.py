"""Schemathesis over the whole OpenAPI schema, against a live server: no 5xx, and no
response that breaks the schema.

Every operation in ``/api/schema/`` gets generated requests (valid and invalid
parameters and bodies) as a curator, the role that may call all of them. The
database holds a parsed article with records (and an empty source URL), so list
and detail answers have rows to check; a second test reads every existing row
of every resource once, which random ids would rarely hit.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEADERS: dict[str, str] = {}


def _seed(user) -> None:
    from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer

    text = "Russia will supply S-400 systems to India, Deputy Prime Minister Yuri Borisov said.\n"
    article = Article.objects.create(raw=text, clean_text=text, content_hash="d" * 64, status="parsed",
                                     title="S-400 for India", submitted_by=user, url="")
    Article.objects.create(raw=text + "x", content_hash="e" * 64, status="failed", failure_reason="Parse error: x")
    rus, ind = Actor.objects.get(code="RUS"), Actor.objects.get(code="IND")
    Transfer.objects.create(article=article, supplier=rus, recipient=ind, status="planned", weapons=["S-400"],
                            evidence=text[:41], evidence_start=0, evidence_end=41)
    official = Official.objects.create(name="Yuri Borisov", name_key="yuri borisov", country=rus)
    OfficialMention.objects.create(official=official, article=article, name_as_given="Yuri Borisov")
    statement = Statement.objects.create(article=article, speaker=official, speaker_name="Yuri Borisov",
                                         supplier=rus, evidence=text[:41], evidence_start=0, evidence_end=41)
    statement.recipients.set([ind])


@pytest.fixture
def api_schema(live_server, curator):
    from rest_framework.authtoken.models import Token

    _seed(curator)
    HEADERS["Authorization"] = f"Token {Token.objects.create(user=curator).key}"
    # The schema is served to whoever may read the API (signed in, unless PUBLIC_READ).
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json", headers=dict(HEADERS))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_response_keeps_to_the_schema(case):
    case.call_and_validate(headers=HEADERS, checks=[not_a_server_error, response_schema_conformance])


def test_every_stored_row_keeps_to_the_schema_on_list_and_detail(api_schema):
    from tracker.models import Actor, Article, Official, Statement, Transfer

    models = {"articles": Article, "transfers": Transfer, "statements": Statement, "officials": Official,
              "actors": Actor}
    checked = 0
    for path, methods in api_schema.items():
        if not path.startswith("/api/"):
            continue
        try:
            operation = methods["GET"]
        except LookupError:  # a POST-only path (the re-parse command)
            continue
        resource = path.split("/")[2]
        if "{id}" in path:
            model = models.get(resource)
            if model is None:
                continue
            pks = list(model.objects.order_by("pk").values_list("pk", flat=True)[:5])
            if resource == "actors":
                pks = list(Actor.objects.filter(code__in=["RUS", "IND"]).values_list("pk", flat=True))
            cases = [operation.Case(path_parameters={"id": pk}) for pk in pks]
        elif "{" in path:
            continue
        else:
            cases = [operation.Case()]
        for case in cases:
            case.call_and_validate(headers=HEADERS, checks=[not_a_server_error, response_schema_conformance])
            checked += 1
    assert checked >= 12
