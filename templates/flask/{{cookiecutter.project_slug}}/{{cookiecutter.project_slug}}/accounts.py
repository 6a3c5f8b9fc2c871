"""User accounts: registration and password checks{% if cookiecutter.security == 'strict' %}, with lockout after repeated failures{% endif %}."""

{% if cookiecutter.security == 'strict' -%}
import time
{% endif -%}
from functools import cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from . import store


def normalize_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["HASHING_METHOD"])


@cache
def _decoy_hash(method: str) -> str:
    """A hash to check when no account matches, so a miss costs as much as a hit."""
    return generate_password_hash("decoy password", method=method)


def _spend_hash_time(password: str) -> None:
    check_password_hash(_decoy_hash(current_app.config["HASHING_METHOD"]), password)


def register(email: str, password: str{% if cookiecutter.__admin %}, is_admin: bool = False{% endif %}):
    """Create an account; None when the email is already taken."""
    email = normalize_email(email)
    if store.find_user(email) is not None:
        return None
    return store.add_user(email, hash_password(password){% if cookiecutter.__admin %}, is_admin=is_admin{% endif %})


def authenticate(email: str, password: str):
    """The account with this email and password, or None.

    Callers show one message for every failure, so a failed log-in does not
    reveal whether the account exists{% if cookiecutter.security == 'strict' %} or is locked{% endif %}.
    """
    user = store.find_user(normalize_email(email))
    if user is None:
        _spend_hash_time(password)
        return None
{%- if cookiecutter.security == 'strict' %}
    now = int(time.time())
    if user.locked_until > now:
        _spend_hash_time(password)
        return None
    if not check_password_hash(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= current_app.config["LOCKOUT_THRESHOLD"]:
            user.failed_logins = 0
            user.locked_until = now + current_app.config["LOCKOUT_SECONDS"]
        store.save_user(user)
        return None
    if user.failed_logins or user.locked_until:
        user.failed_logins = 0
        user.locked_until = 0
        store.save_user(user)
    return user
{%- else %}
    if not check_password_hash(user.password_hash, password):
        return None
    return user
{%- endif %}
