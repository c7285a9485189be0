"""Schemathesis over the whole OpenAPI schema, against a live server: no 5xx, and no
response that breaks the schema.

Every operation in ``/api/schema/`` gets generated requests (valid and invalid
parameters and bodies) as a curator, the role that may call all of them.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEADERS: dict[str, str] = {}


@pytest.fixture
def api_schema(live_server, curator):
    from rest_framework.authtoken.models import Token

    HEADERS["Authorization"] = f"Token {Token.objects.create(user=curator).key}"
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_response_keeps_to_the_schema(case):
    case.call_and_validate(headers=HEADERS, checks=[not_a_server_error, response_schema_conformance])
