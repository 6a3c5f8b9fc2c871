"""Translations: the browser's language, the switcher, the shipped catalogue."""

from pathlib import Path

from .conftest import csrf_token

TRANSLATIONS = Path(__file__).parent.parent / "{{ cookiecutter.project_slug }}" / "translations"


def test_compiled_french_catalogue_is_shipped():
    assert (TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.mo").is_file()


def test_pages_follow_the_browser_language(client):
    french = client.get("/auth/login", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    page = french.get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert "Se connecter" in page
    english = client.get("/auth/login", headers={"Accept-Language": "en"})
    assert "Log in" in english.get_data(as_text=True)


def test_switcher_keeps_the_chosen_language(client):
    page = client.get("/auth/login")
    response = client.post(
        "/language?next=/auth/register",
        data={"lang-language": "fr", "lang-csrf_token": csrf_token(page)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/register"
    assert "Créer un compte" in client.get("/auth/register").get_data(as_text=True)


def test_switcher_refuses_unknown_languages_and_foreign_redirects(client):
    page = client.get("/auth/login")
    response = client.post(
        "/language?next=https://evil.example/",
        data={"lang-language": "xx", "lang-csrf_token": csrf_token(page)},
    )
    assert response.headers["Location"] == "/"
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_form_errors_are_translated(client):
    page = client.get("/auth/login", headers={"Accept-Language": "fr"})
    response = client.post(
        "/auth/login",
        data={"email": "ada@example.com", "password": "wrong", "csrf_token": csrf_token(page)},
        headers={"Accept-Language": "fr"},
    )
    assert "Adresse e-mail ou mot de passe incorrect." in response.get_data(as_text=True)


def test_error_pages_are_translated(client):
    response = client.get("/nowhere", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "404 Page introuvable" in page
    assert "Vérifiez-la et réessayez." in page
