{%- set strict = cookiecutter.security == "strict" -%}
"""The log-in brute-force limit: django-axes counts failed logins in the database.

Every gunicorn worker and every server reads the same table, so the limit holds
whatever the number of processes.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from .conftest import PASSWORD{% if cookiecutter.admin %}, log_in_to_the_admin{% endif %}

pytestmark = pytest.mark.django_db


def log_in(client, password, address="192.0.2.1"):
    return client.post(
        reverse("login"), {"username": "ada", "password": password}, REMOTE_ADDR=address
    )


def fail_until_the_limit(client, address="192.0.2.1"):
    """Fail as often as the limit allows: the last failure is answered with the lockout."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong password", address).status_code == 200
    assert log_in(client, "wrong password", address).status_code == 429


def is_signed_in(client):
    return client.get(reverse("dashboard")).status_code == 200


def test_the_right_password_is_refused_once_the_limit_is_reached(client, user):
    fail_until_the_limit(client)
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not is_signed_in(client)


def test_the_lockout_page_offers_a_password_reset(client, user):
    fail_until_the_limit(client)
    page = log_in(client, PASSWORD).content.decode()
    assert reverse("password_reset") in page
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"refused for {minutes} minutes" in page


def test_failures_are_counted_in_the_shared_database(client, user):
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    log_in(client, "wrong password")
    log_in(client, "wrong password")
    assert AccessAttempt.objects.get(username="ada").failures_since_start == 2


def test_a_successful_login_before_the_limit_starts_the_count_again(client, user):
    log_in(client, "wrong password")
    assert log_in(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="ada").exists()


def test_a_password_reset_unlocks_the_account(client, user):
    fail_until_the_limit(client)
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = "another-long-passphrase-42"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})

    assert log_in(client, new_password).status_code == 302
    assert is_signed_in(client)


def test_an_administrator_unlocks_the_account(client, user):
    fail_until_the_limit(client)
    call_command("axes_reset_username", "ada")
    assert log_in(client, PASSWORD).status_code == 302
{%- if cookiecutter.admin %}


def test_the_admin_lists_the_failed_attempts(client, user, django_user_model):
    fail_until_the_limit(client)
    admin = django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    log_in_to_the_admin(client, admin)
    page = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200
    assert "ada" in page.content.decode()
{%- endif %}
{%- if strict %}


def test_the_account_locks_for_every_address(client, user):
    """strict: failed logins from one address lock the account everywhere (account lockout)."""
    fail_until_the_limit(client, address="192.0.2.1")
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 429
{%- else %}


def test_the_owner_is_not_locked_out_from_another_address(client, user):
    """standard: failures from one address do not lock the account for other addresses."""
    fail_until_the_limit(client, address="192.0.2.1")
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302
{%- endif %}
