"""Liveness, readiness and the JSON request log."""

import io
import json

from {{ cookiecutter.project_slug }} import store


def test_liveness(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readiness_checks_the_database(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readiness_fails_when_the_database_is_down(client, monkeypatch):
    def unreachable():
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(store, "ping", unreachable)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable"}


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


def test_unsafe_request_ids_are_replaced(client):
    response = client.get("/health/live", headers={"X-Request-ID": "forged <id> " + "x" * 80})
    request_id = response.headers["X-Request-ID"]
    assert "forged" not in request_id
    assert len(request_id) == 32
