"""Password reset: the e-mail, its signed expiring link, the new password's rules."""

import re

import pytest
from itsdangerous import URLSafeTimedSerializer

from {{ cookiecutter.project_slug }} import accounts, store
from {{ cookiecutter.project_slug }}.extensions import {% if cookiecutter.security == 'strict' %}limiter, {% endif %}mail

from .conftest import PASSWORD, csrf_token
from .test_auth import LOGIN_FAILED, log_in, register

NEW_PASSWORD = "a brand new passphrase"
SENT = "If an account uses this e-mail, a reset link is on its way."


def ask_for_reset(client, email="ada@example.com"):
    """Ask for a link on the page; the e-mails Flask-Mail would have sent."""
    page = client.get("/auth/reset")
    with mail.record_messages() as outbox:
        response = client.post("/auth/reset", data={"email": email, "csrf_token": csrf_token(page)})
    return response, outbox


def link_path(message) -> str:
    match = re.search(r"http://localhost(/auth/reset/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def set_new_password(client, path: str, password=NEW_PASSWORD, confirm=None):
    page = client.get(path)
    return client.post(
        path,
        data={"password": password, "confirm": confirm or password, "csrf_token": csrf_token(page)},
    )


def test_the_log_in_page_links_to_reset(client):
    assert 'href="/auth/reset"' in client.get("/auth/login").get_data(as_text=True)


def test_reset_by_e_mail_link(client):
    register(client)
    response, outbox = ask_for_reset(client, "ADA@example.com")
    assert response.headers["Location"] == "/auth/login"
    assert SENT in client.get("/auth/login").get_data(as_text=True)
    [message] = outbox
    assert message.recipients == ["ada@example.com"]
    assert "within 60 minutes" in message.body

    response = set_new_password(client, link_path(message))
    assert response.headers["Location"] == "/auth/login"
    assert LOGIN_FAILED in log_in(client).get_data(as_text=True)
    assert log_in(client, password=NEW_PASSWORD).headers["Location"] == "/"


def test_an_unknown_e_mail_gets_the_same_answer_and_no_mail(client):
    response, outbox = ask_for_reset(client, "nobody@example.com")
    assert response.headers["Location"] == "/auth/login"
    assert SENT in client.get("/auth/login").get_data(as_text=True)
    assert outbox == []


def test_a_link_works_once(client):
    register(client)
    path = link_path(ask_for_reset(client)[1][0])
    set_new_password(client, path)
    response = client.get(path)
    assert response.headers["Location"] == "/auth/reset"
    assert "This reset link is not valid any more." in client.get("/auth/reset").get_data(
        as_text=True
    )


def logged_in_elsewhere(app, remember=False):
    """Another browser, logged in with the current password."""
    browser = app.test_client()
    page = browser.get("/auth/login")
    fields = {"email": "ada@example.com", "password": PASSWORD, "csrf_token": csrf_token(page)}
    browser.post("/auth/login", data={**fields, **({"remember": "y"} if remember else {})})
    return browser


def remember_cookie_only(app, browser):
    """A browser that kept only the remember-me cookie (its session cookie ended)."""
    returning = app.test_client()
    returning.set_cookie("remember_token", browser.get_cookie("remember_token").value)
    return returning


def is_logged_in(browser) -> bool:
    return browser.get("/items/new").status_code == 200


def test_a_reset_ends_every_session_made_with_the_old_password(app, client):
    register(client)
    elsewhere, remembered = logged_in_elsewhere(app), logged_in_elsewhere(app, remember=True)
    assert is_logged_in(elsewhere)
    assert is_logged_in(remember_cookie_only(app, remembered))

    set_new_password(client, link_path(ask_for_reset(client)[1][0]))
    assert not is_logged_in(elsewhere)
    assert not is_logged_in(remember_cookie_only(app, remembered))
    assert log_in(client, password=NEW_PASSWORD).headers["Location"] == "/"
    assert is_logged_in(client)


def test_a_link_expires(app, client, monkeypatch):
    register(client)
    path = link_path(ask_for_reset(client)[1][0])
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE", -1)
    assert client.get(path).headers["Location"] == "/auth/reset"


def test_a_link_signed_with_another_key_is_refused(app, client):
    register(client)
    with app.app_context():
        user = store.find_user("ada@example.com")
        genuine = accounts.reset_token(user)
    forged = URLSafeTimedSerializer("another key", salt="password-reset").dumps(
        [str(user.id), genuine]
    )
    for token in (forged, "garbage", genuine[:-2]):
        assert client.get(f"/auth/reset/{token}").headers["Location"] == "/auth/reset"


@pytest.mark.parametrize(
    ("password", "confirm", "reason"),
    [
        ("short", None, "Use at least"),
{%- if cookiecutter.security != 'basic' %}
        ("password1234", None, "This password is too common."),
        ("ada-is-my-name-2024", None, "must not contain your e-mail"),
{%- endif %}
        (NEW_PASSWORD, "something else entirely", "Passwords must match."),
    ],
)
def test_the_new_password_follows_the_rules(client, password, confirm, reason):
    register(client)
    path = link_path(ask_for_reset(client)[1][0])
    response = set_new_password(client, path, password, confirm)
    assert response.status_code == 200
    assert reason in response.get_data(as_text=True)
    assert log_in(client).headers["Location"] == "/"


def test_a_mail_server_that_fails_is_logged_not_shown(app, client, monkeypatch):
    register(client)

    def refuse(message):
        raise ConnectionRefusedError("no SMTP server")

    logged = []
    monkeypatch.setattr(mail, "send", refuse)
    monkeypatch.setattr(app.logger, "exception", lambda text, *args: logged.append(text % args))
    response, _outbox = ask_for_reset(client)
    assert response.headers["Location"] == "/auth/login"
    assert logged == ["the password-reset e-mail could not be sent"]
{%- if cookiecutter.security == 'strict' %}


def test_a_reset_ends_a_lockout(app, client):
    register(client)
    for _attempt in range(app.config["LOCKOUT_THRESHOLD"]):
        log_in(client, password="wrong password")
    # The rate limit would answer the next log-in before the lockout does.
    limiter.reset()
    assert LOGIN_FAILED in log_in(client).get_data(as_text=True)
    path = link_path(ask_for_reset(client)[1][0])
    set_new_password(client, path)
    assert log_in(client, password=NEW_PASSWORD).headers["Location"] == "/"
{%- endif %}
{%- if cookiecutter.__limits %}


def test_reset_requests_are_rate_limited(app, client):
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    statuses = [ask_for_reset(client)[0].status_code for _attempt in range(limit + 1)]
    assert statuses == [302] * limit + [429]


def test_the_limit_page_links_to_reset(app, client):
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _attempt in range(limit):
        log_in(client, password="wrong password")
    response = log_in(client, password="wrong password")
    assert response.status_code == 429
    assert 'href="/auth/reset"' in response.get_data(as_text=True)
{%- endif %}
{%- if cookiecutter.__i18n %}


def test_the_reset_pages_and_e_mail_are_translated(client):
    register(client)
    french = {"Accept-Language": "fr"}
    page = client.get("/auth/reset", headers=french)
    assert "Réinitialiser votre mot de passe" in page.get_data(as_text=True)
    with mail.record_messages() as outbox:
        client.post(
            "/auth/reset",
            data={"email": "ada@example.com", "csrf_token": csrf_token(page)},
            headers=french,
        )
    [message] = outbox
    assert message.subject.startswith("Réinitialisez votre mot de passe")
    assert "ouvrez ce lien dans les 60 minutes" in message.body
    page = client.get(link_path(message), headers=french)
    assert "Choisir un nouveau mot de passe" in page.get_data(as_text=True)
{%- endif %}
