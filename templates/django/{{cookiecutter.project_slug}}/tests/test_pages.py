import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_home_page_shows_site_name_and_sign_up_link(client, settings):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert escape(settings.SITE_NAME) in response.content.decode()
    assert reverse("signup") in response.content.decode()


def test_health_reports_ok(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


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
