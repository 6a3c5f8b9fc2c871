import io
import json
import logging
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError
from django.urls import reverse
from django.utils.html import escape
from pythonjsonlogger.json import JsonFormatter

from core import views

pytestmark = pytest.mark.django_db


def test_home_page_shows_site_name_and_sign_up_link(client, settings):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert escape(settings.SITE_NAME) in response.content.decode()
    assert reverse("signup") in response.content.decode()


def test_liveness_reports_ok(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_each_service(client):
    assert list(views.READINESS_CHECKS) == ["database"{% if cookiecutter.scale == "large" %}, "redis"{% endif %}]
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_is_503_naming_the_service_that_fails(client, monkeypatch):
    def refuse():
        raise DatabaseError("connection refused")

    monkeypatch.setitem(views.READINESS_CHECKS, "database", refuse)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("req-42.a_b", True),
        ("x" * 64, True),
        ("", False),
        ("x" * 65, False),
        ("two words", False),
        ("<script>", False),
    ],
)
def test_request_id_is_kept_when_sane_else_made(client, incoming, kept):
    response = client.get("/health/live", headers={"X-Request-ID": incoming})
    echoed = response.headers["X-Request-ID"]
    if kept:
        assert echoed == incoming
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", echoed)


def test_log_lines_are_json_with_the_request_id(client):
    root = logging.getLogger()
    (console,) = [h for h in root.handlers if isinstance(h.formatter, JsonFormatter)]
    stream = io.StringIO()
    copy = logging.StreamHandler(stream)  # the console's format and filter, into a string
    copy.setFormatter(console.formatter)
    for log_filter in console.filters:
        copy.addFilter(log_filter)
    root.addHandler(copy)
    try:
        client.get("/no-such-page/", headers={"X-Request-ID": "trace-1"})
    finally:
        root.removeHandler(copy)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    (not_found,) = [line for line in lines if line["logger"] == "django.request"]
    assert not_found["request_id"] == "trace-1"
    assert not_found["level"] == "WARNING"
    assert not_found["message"] == "Not Found: /no-such-page/"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_home_page_answers_only_get_and_head(client, method):
    assert getattr(client, method)(reverse("home")).status_code == 405
    assert client.head(reverse("home")).status_code == 200


def test_favicon_is_found_where_browsers_look(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith(".svg")


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_dashboard_greets_signed_in_user(signed_in_client, user):
    response = signed_in_client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert user.username in response.content.decode()


def test_member_directory_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("members"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_member_directory_is_forbidden_without_permission(signed_in_client):
    response = signed_in_client.get(reverse("members"))
    assert response.status_code == 403
    assert "You do not have permission to open this page." in response.content.decode()


def test_missing_page_is_a_page_of_the_site(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert reverse("signup") in response.content.decode()


def test_member_directory_opens_for_a_group_holding_the_permission(signed_in_client, user):
    staff = Group.objects.create(name="Staff")
    staff.permissions.add(Permission.objects.get(codename="view_member_directory"))
    user.groups.add(staff)
    response = signed_in_client.get(reverse("members"))
    assert response.status_code == 200
    assert user.username in response.content.decode()


@pytest.mark.parametrize("name", ["home", "login", "signup", "password_reset"])
def test_pages_carry_the_site_name(client, settings, name):
    assert escape(settings.SITE_NAME) in client.get(reverse(name)).content.decode()


@pytest.mark.parametrize("name", ["home", "login", "signup", "password_reset"])
def test_pages_send_security_headers_and_obey_their_csp(client, name):
    response = client.get(reverse(name))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = response.content.decode()
    # The policy allows no inline code: every script has a src, no style blocks or attributes.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<style" not in html
    assert " style=" not in html


@pytest.mark.parametrize("name", ["home", "login", "signup", "password_reset"])
def test_pages_have_a_language_and_a_meta_description(client, settings, name):
    html = client.get(reverse(name)).content.decode()
    assert re.search(r'<html lang="en">', html)
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and description.group(1) == escape(settings.SITE_DESCRIPTION)


def test_home_page_shows_a_newcomer_what_the_starter_contains(client):
    html = client.get(reverse("home")).content.decode()
    assert "You are not signed in." in html
    assert reverse("health-ready") in html
{%- if cookiecutter.admin %}
    assert reverse("admin:index") in html
{%- endif %}
{%- if cookiecutter.api == "rest" %}
    assert reverse("api-docs") in html
{%- endif %}
    assert "templates/core/home.html" in html


def test_home_page_says_who_is_signed_in(signed_in_client, user):
    html = signed_in_client.get(reverse("home")).content.decode()
    assert f"You are signed in as {user.username}." in html
    assert reverse("dashboard") in html


def test_form_errors_are_marked_on_their_field(client):
    response = client.post(reverse("signup"), {"username": "", "password1": "x", "password2": "y"})
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("localhost:8000", 200),
        ("localhost:65535", 200),
        ("localhost:99999", 400),
        ("localhost:0", 400),
    ],
)
def test_a_host_port_out_of_range_is_refused(client, host, status):
    assert client.get(reverse("home"), HTTP_HOST=host).status_code == status
