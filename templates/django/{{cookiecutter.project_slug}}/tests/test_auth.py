"""The whole account flow, through the real pages: sign up, log in, log out, reset a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def is_signed_in(client):
    return client.get(reverse("dashboard")).status_code == 200


def test_sign_up_creates_the_account_and_signs_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "grace",
            "email": "grace@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert get_user_model().objects.get(username="grace").email == "grace@example.com"
    assert is_signed_in(client)


def test_log_in_and_log_out(client, user):
    response = client.post(reverse("login"), {"username": "ada", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert is_signed_in(client)

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not is_signed_in(client)


def test_log_in_with_a_wrong_password_fails(client, user):
    response = client.post(reverse("login"), {"username": "ada", "password": "wrong"})
    assert response.status_code == 200
    assert not is_signed_in(client)


def signed_in_elsewhere():
    """Another browser, signed in as ada with the current password."""
    browser = Client()
    browser.post(reverse("login"), {"username": "ada", "password": PASSWORD})
    assert is_signed_in(browser)
    return browser


def reset_password(client, user, new_password):
    """Ask for the e-mail, follow its link, set ``new_password``; the form's last response."""
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)

    # The e-mailed link stores the token in the session and redirects to the form.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    return client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )


def test_password_reset_by_email(client, user):
    new_password = "another-long-passphrase-42"
    response = reset_password(client, user, new_password)
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")

    client.post(reverse("login"), {"username": "ada", "password": new_password})
    assert is_signed_in(client)


def test_a_reset_ends_the_sessions_made_with_the_old_password(client, user):
    elsewhere = signed_in_elsewhere()
    reset_password(client, user, "another-long-passphrase-42")
    assert not is_signed_in(elsewhere)


def test_password_change(signed_in_client, user):
    elsewhere = signed_in_elsewhere()
    new_password = "another-long-passphrase-42"
    response = signed_in_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    # Django keeps the session that changed it and ends the others.
    assert is_signed_in(signed_in_client)
    assert not is_signed_in(elsewhere)


# Too short at every level; at standard and strict also too short, too common or all digits.
{%- if cookiecutter.security == "basic" %}
WEAK_PASSWORDS = ["short12"]
{%- else %}
WEAK_PASSWORDS = ["short-pw-1", "password1234", "480913726519"]
{%- endif %}


@pytest.mark.parametrize("weak", WEAK_PASSWORDS)
def test_password_change_applies_the_rules(signed_in_client, user, weak):
    response = signed_in_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("weak", WEAK_PASSWORDS)
def test_password_reset_applies_the_rules(client, user, weak):
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("weak", WEAK_PASSWORDS)
def test_sign_up_applies_the_rules(client, weak):
    response = client.post(
        reverse("signup"),
        {"username": "grace", "email": "grace@example.com", "password1": weak, "password2": weak},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="grace").exists()


@pytest.mark.parametrize("weak", WEAK_PASSWORDS)
def test_createsuperuser_applies_the_rules(monkeypatch, weak):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", weak)
    with pytest.raises(CommandError):
        call_command(
            "createsuperuser", "--noinput", "--username", "root", "--email", "root@example.com"
        )
    assert not get_user_model().objects.filter(username="root").exists()


def test_createsuperuser_takes_a_good_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command(
        "createsuperuser", "--noinput", "--username", "root", "--email", "root@example.com"
    )
    assert get_user_model().objects.get(username="root").check_password(PASSWORD)
