import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from .conftest import log_in_to_the_admin

pytestmark = pytest.mark.django_db


def test_admin_lives_on_the_configured_url():
    assert reverse("admin:index") == f"/{settings.ADMIN_URL}"


def test_admin_sends_anonymous_visitors_to_its_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_superuser_manages_users_in_the_admin(client, user):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "unused-pw-1234")
    log_in_to_the_admin(client, admin)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    assert user.username in response.content.decode()


def test_regular_user_cannot_enter_the_admin(signed_in_client):
    response = signed_in_client.get(reverse("admin:index"))
    assert response.status_code == 302
