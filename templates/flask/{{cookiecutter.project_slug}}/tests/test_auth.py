"""Registration, log-in and log-out through the pages."""

import pytest

from {{ cookiecutter.project_slug }} import accounts, store

from .conftest import PASSWORD, csrf_token

LOGIN_FAILED = "Invalid email or password."


def register(client, email="ada@example.com", password=PASSWORD):
    page = client.get("/auth/register")
    return client.post(
        "/auth/register",
        data={
            "email": email,
            "password": password,
            "confirm": password,
            "csrf_token": csrf_token(page),
        },
    )


def log_in(client, email="ada@example.com", password=PASSWORD, query=""):
    page = client.get("/auth/login")
    return client.post(
        f"/auth/login{query}",
        data={"email": email, "password": password, "csrf_token": csrf_token(page)},
    )


def test_register_then_log_in_and_out(client):
    response = register(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"

    response = log_in(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "ada@example.com" in client.get("/").get_data(as_text=True)

    home = client.get("/")
    response = client.post("/auth/logout", data={"csrf_token": csrf_token(home)})
    assert response.status_code == 302
    assert client.get("/items/new").status_code == 302


def test_password_is_stored_as_a_scrypt_hash(app, client):
    register(client)
    with app.app_context():
        user = store.find_user("ada@example.com")
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash


def test_emails_are_matched_without_case(client):
    register(client, email="Ada@Example.com")
    assert log_in(client, email=" ADA@example.COM").headers["Location"] == "/"


def test_register_refuses_a_taken_email(client):
    register(client)
    response = register(client)
    assert response.status_code == 200
    assert "This email cannot be used" in response.get_data(as_text=True)


def test_register_refuses_a_short_password(client):
    response = register(client, password="short")
    assert response.status_code == 200
    assert "Use at least" in response.get_data(as_text=True)


def test_log_in_failure_does_not_reveal_whether_the_account_exists(client):
    register(client)
    wrong_password = log_in(client, password="wrong password")
    unknown_account = log_in(client, email="nobody@example.com")
    assert wrong_password.status_code == unknown_account.status_code == 200
    for response in (wrong_password, unknown_account):
        assert LOGIN_FAILED in response.get_data(as_text=True)


def test_log_in_follows_a_local_next(client):
    register(client)
    response = log_in(client, query="?next=/items/new")
    assert response.headers["Location"] == "/items/new"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\\\evil.example/",
        "javascript:alert(1)",
        "http:/evil.example",
    ],
)
def test_log_in_ignores_a_next_that_leaves_the_site(client, target):
    register(client)
    response = log_in(client, query=f"?next={target}")
    assert response.headers["Location"] == "/"


def test_log_out_needs_a_post_with_csrf_token(client):
    register(client)
    log_in(client)
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/items/new").status_code == 200


def test_decoy_hash_runs_for_unknown_accounts(app, monkeypatch):
    checked = []
    monkeypatch.setattr(accounts, "check_password_hash", lambda *args: checked.append(args))
    with app.test_request_context():
        assert accounts.authenticate("nobody@example.com", PASSWORD) is None
    assert len(checked) == 1
