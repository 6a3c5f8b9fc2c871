"""The pages: content, log-in requirement, CSRF on forms, error pages."""

import re

import pytest
from markupsafe import escape

from {{ cookiecutter.project_slug }} import accounts, store

from .conftest import PASSWORD, csrf_token


def logged_in_client(app):
    with app.test_request_context():
        user = accounts.register("ada@example.com", PASSWORD)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def test_home_shows_the_latest_items(app, client):
    with app.test_request_context():
        owner = accounts.register("ada@example.com", PASSWORD)
        store.add_item("First", "an <example>", str(owner.id))
    page = client.get("/").get_data(as_text=True)
    assert "First" in page
    assert "an &lt;example&gt;" in page


def test_new_item_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/items/new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_logged_in_user_adds_an_item(app):
    client = logged_in_client(app)
    form = client.get("/items/new")
    response = client.post(
        "/items/new",
        data={"name": "Bike", "description": "red", "csrf_token": csrf_token(form)},
    )
    assert response.status_code == 302
    assert "Bike" in client.get("/").get_data(as_text=True)


def test_text_with_a_nul_character_is_refused_not_stored(app):
    client = logged_in_client(app)
    form = client.get("/items/new")
    response = client.post("/items/new", data={"name": "Bi\x00ke", "csrf_token": csrf_token(form)})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
    assert client.get("/?q=%00").status_code == 400


def test_form_without_csrf_token_is_refused(app):
    client = logged_in_client(app)
    response = client.post("/items/new", data={"name": "Bike"})
    assert response.status_code == 400
    assert "This form has expired." in response.get_data(as_text=True)
    assert "Bike" not in client.get("/").get_data(as_text=True)


def test_unknown_page_is_an_html_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "404 Not Found" in response.get_data(as_text=True)


def test_wrong_method_is_an_html_405(client):
    response = client.delete("/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("path", ["/", "/auth/login", "/no-such-page"])
def test_a_host_no_url_can_be_built_for_is_a_400_page_not_a_500(make_app, path):
    # A DNS label over 63 characters: werkzeug cannot encode it, so url_for cannot work.
    app = make_app(TRUSTED_HOSTS=["localhost"])
    response = app.test_client().get(path, headers={"Host": "a" * 64 + ".example.com"})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "400 Bad Request" in response.get_data(as_text=True)


def test_unexpected_error_is_an_html_500_without_details(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "secret detail" not in response.get_data(as_text=True)


def test_static_files_are_served(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"


def test_home_shows_a_newcomer_what_the_starter_contains(client):
    page = client.get("/").get_data(as_text=True)
    assert "You are not logged in." in page
    assert 'href="/auth/login"' in page
    assert 'href="/health/ready"' in page
{%- if cookiecutter.__admin %}
    assert 'href="/admin/"' in page
{%- endif %}
{%- if cookiecutter.__api %}
    assert 'href="/api/docs"' in page
{%- endif %}
    for path in ("pages.py", "templates/home.html", "store.py", "config.py"):
        assert f"<code>{{ cookiecutter.project_slug }}/{path}</code>" in page


def test_home_says_who_is_logged_in(app):
    page = logged_in_client(app).get("/").get_data(as_text=True)
    assert "You are logged in as ada@example.com." in page
    assert "You are not logged in." not in page


@pytest.mark.parametrize(
    ("path", "logged_in"),
    [
        ("/", False),
        ("/", True),
        ("/auth/login", False),
        ("/auth/register", False),
        ("/items/new", True),
        ("/nowhere", False),
    ],
)
def test_every_page_has_a_language_and_a_description(app, client, path, logged_in):
    response = (logged_in_client(app) if logged_in else client).get(path)
    assert response.status_code == (404 if path == "/nowhere" else 200)
    page = response.get_data(as_text=True)
    assert re.search(r'<html lang="[a-z]{2}">', page)
    description = re.search(r'<meta name="description" content="([^"]+)">', page)
    assert description
    assert description.group(1) == escape(app.config["APP_DESCRIPTION"])


def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response.headers["Location"])
    assert icon.status_code == 200
    assert icon.mimetype == "image/svg+xml"
