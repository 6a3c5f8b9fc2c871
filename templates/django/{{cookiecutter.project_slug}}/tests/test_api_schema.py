"""The API keeps to its OpenAPI schema, for generated requests (schemathesis, in-process WSGI).

Each operation gets a bounded number of examples, valid and invalid, sent as a
signed-in user with a CSRF token; every response must be no server error, have
a status code and content type the schema documents, and match its schema.
"""

import pytest
import schemathesis
{%- if cookiecutter.security != "basic" %}
from django.core.cache import cache
{%- endif %}
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import RequestFactory
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# Fetched once, at collection: writing the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def connections_stay_open():
    """What Django's test client does: a request served in-process must not close the
    test's database connection (that would end its transaction on a database server)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def signed_in_headers(client, user):
    """Cookies of a signed-in session and the matching CSRF header, as a browser sends them."""
{%- if cookiecutter.security != "basic" %}
    cache.clear()  # throttling counts from zero for each example run
{%- endif %}
    client.force_login(user)
    token = get_token(RequestFactory().get("/"))
    session = client.cookies["sessionid"].value
    return {"Cookie": f"sessionid={session}; csrftoken={token}", "X-CSRFToken": token}


# Bounded: a few dozen examples an operation keep the suite to seconds.
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@schema.parametrize()
@BOUNDED
def test_the_api_keeps_to_its_schema(case, signed_in_headers):
    case.call_and_validate(headers=signed_in_headers, checks=CHECKS)


@schema.parametrize()
@settings(BOUNDED, max_examples=5)
def test_anonymous_requests_keep_to_the_schema(case, db):
    case.call_and_validate(checks=CHECKS)
