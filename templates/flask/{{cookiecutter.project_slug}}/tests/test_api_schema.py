"""The API against its own OpenAPI document, with requests schemathesis makes up.

Every operation gets a bounded number of generated requests, in-process (WSGI);
each response must not be a server error and must match what the document says:
a documented status code, content type and body schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from {{ cookiecutter.project_slug }} import accounts, api

from .conftest import PASSWORD

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Made-up requests per operation: enough to reach the bounds, quick enough for every run.
MAX_EXAMPLES = 40


@pytest.fixture
def api_schema(make_app):
{%- if cookiecutter.__limits %}
    # The usual limit would answer 429 to most of the made-up log-ins (tested elsewhere).
    # Raised rather than disabled: RATELIMIT_ENABLED=False would stick to the shared limiter.
    app = make_app(LOGIN_RATE_LIMIT="100000 per minute")
{%- else %}
    app = make_app()
{%- endif %}
    with app.test_request_context():
        user = accounts.register("ada@example.com", PASSWORD)
        token = api.issue_token(str(user.id))
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    # Signed in, so item creation is exercised beyond its 401.
    return schema, {"Authorization": f"Bearer {token}"}


def test_the_api_keeps_to_its_schema(api_schema):
    schema, headers = api_schema
    # Driven by hypothesis directly: schemathesis' pytest plugin cannot take a fixture's
    # app under pytest 9, and each run needs the fresh database the fixture makes.
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 4

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
