from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_compiled_french_messages_ship_with_the_project():
    assert (Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.mo").is_file()


def test_browser_language_picks_the_translation(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Bienvenue" in response.content.decode()


def test_language_switcher_remembers_the_choice(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": reverse("home")})
    assert response.status_code == 302
    assert "Bienvenue" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert "Welcome" in client.get(reverse("home")).content.decode()


def test_error_pages_are_translated(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
