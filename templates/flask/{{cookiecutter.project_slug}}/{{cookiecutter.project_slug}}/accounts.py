"""User accounts: registration, password checks{% if cookiecutter.security == 'strict' %} (with lockout){% endif %}{% if cookiecutter.__web %}, reset links{% endif %}."""

{% if cookiecutter.__web -%}
import hmac
{% endif -%}
{% if cookiecutter.security == 'strict' -%}
import time
{% endif -%}
from functools import cache

from flask import current_app
{%- if cookiecutter.__web %}
from itsdangerous import BadSignature, URLSafeTimedSerializer
{%- endif %}
from werkzeug.security import check_password_hash, generate_password_hash

from . import store
{%- if cookiecutter.__web %}
from .sessions import password_fingerprint, split_session_id
{%- endif %}


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
{%- if cookiecutter.__web %}


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def reset_token(user) -> str:
    """A signed, timestamped token for the reset link (itsdangerous, keyed by SECRET_KEY)."""
    # The password's fingerprint makes the link stop working once it has been used.
    return _reset_serializer().dumps([str(user.id), password_fingerprint(user.password_hash)])


def user_for_reset_token(token: str):
    """The account a reset link was made for; None when forged, expired or already used."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        user_id, fingerprint = _reset_serializer().loads(token, max_age=max_age)
    except (BadSignature, TypeError, ValueError):
        return None
    return _user_with_password(str(user_id), str(fingerprint))


def user_for_session(session_id: str):
    """Flask-Login's user loader: the account, while it keeps the password it logged in with."""
    return _user_with_password(*split_session_id(session_id))


def _user_with_password(user_id: str, fingerprint: str):
    user = store.get_user(user_id)
    current = password_fingerprint(user.password_hash) if user else ""
    return user if user and hmac.compare_digest(fingerprint, current) else None


def set_password(user, password: str) -> None:
    """Replace the password{% if cookiecutter.security == 'strict' %}; a lockout ends with it{% endif %}."""
    user.password_hash = hash_password(password)
{%- if cookiecutter.security == 'strict' %}
    user.failed_logins = 0
    user.locked_until = 0
{%- endif %}
    store.save_user(user)
{%- endif %}
