"""The records the store reads and writes, as plain dataclasses."""

from dataclasses import dataclass
from datetime import datetime
{%- if cookiecutter.__web %}

from .sessions import SessionUser
{%- endif %}


@dataclass(eq=False)
class User{% if cookiecutter.__web %}(SessionUser){% endif %}:
    id: str
    email: str
    password_hash: str
{%- if cookiecutter.__admin %}
    is_admin: bool = False
{%- endif %}
{%- if cookiecutter.security == 'strict' %}
    failed_logins: int = 0
    # Unix time until which log-ins are refused; 0 when not locked.
    locked_until: int = 0
{%- endif %}
{%- if cookiecutter.security == 'strict' and cookiecutter.__web %}
    # Two-factor authentication (mfa.py): the TOTP key ("" when off), the last time step
    # whose code was accepted, and SHA-256 hashes of the unused recovery codes.
    totp_secret: str = ""
    totp_last_step: int = 0
    recovery_codes: str = ""
{%- endif %}


@dataclass
class Item:
    """The example resource: replace it with your own."""

    id: str
    name: str
    description: str
    owner_id: str
    created_at: datetime
