"""Liveness, readiness and the JSON request log."""

import io
import json

import pytest

from {{ cookiecutter.project_slug }} import health, store


def test_liveness(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readiness_checks_what_the_app_depends_on(client):
    assert list(health.checks()) == {{ (['database', 'redis'] if cookiecutter.__uses_redis and cookiecutter.database != 'redis' else ['database'])|tojson }}
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


@pytest.mark.parametrize(
    ("module", "check", "name"),
    [
        (store, "ping", "database"),
{%- if cookiecutter.__uses_redis and cookiecutter.database != 'redis' %}
        (health, "ping_redis", "redis"),
{%- endif %}
    ],
)
def test_readiness_names_the_check_that_failed(client, monkeypatch, module, check, name):
    def unreachable():
        raise ConnectionError(f"{name} unreachable")

    monkeypatch.setattr(module, check, unreachable)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "failed": [name]}


def test_each_request_logs_one_json_line_with_its_request_id(app, client):
    stream = io.StringIO()
    app.logger.handlers[0].setStream(stream)
    response = client.get("/health/live", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == "abc-123"
    assert entry["path"] == "/health/live"
    assert entry["status"] == 200
    assert entry["level"] == "INFO"
    assert entry["logger"] == "access"
    assert entry["method"] == "GET"
    assert isinstance(entry["duration_ms"], float)
    assert entry["time"].endswith("+00:00")


def test_log_lines_written_while_handling_a_request_carry_its_id(app, client):
    stream = io.StringIO()
    app.logger.handlers[0].setStream(stream)

    @app.get("/logs-something")
    def logs_something():
        app.logger.warning("something happened")
        return {"status": "ok"}

    client.get("/logs-something", headers={"X-Request-ID": "req-7"})
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [entry["request_id"] for entry in entries] == ["req-7", "req-7"]
    assert entries[0]["message"] == "something happened"
    assert entries[0]["level"] == "WARNING"


def test_unsafe_request_ids_are_replaced(client):
    response = client.get("/health/live", headers={"X-Request-ID": "forged <id> " + "x" * 80})
    request_id = response.headers["X-Request-ID"]
    assert "forged" not in request_id
    assert len(request_id) == 32
