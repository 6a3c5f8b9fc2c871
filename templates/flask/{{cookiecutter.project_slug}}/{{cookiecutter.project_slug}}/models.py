"""Database models: the tables of the initial migration."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .extensions import db
{%- if cookiecutter.__web %}
from .sessions import SessionUser
{%- endif %}


def utcnow() -> datetime:
    """The current time in whole seconds, the precision of MySQL's DATETIME."""
    return datetime.now(UTC).replace(microsecond=0)


class UTCDateTime(TypeDecorator):
    """A timestamp read back as aware UTC, even from SQLite, which drops the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class User({% if cookiecutter.__web %}SessionUser, {% endif %}db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
{%- if cookiecutter.__admin %}
    is_admin: Mapped[bool] = mapped_column(default=False)
{%- endif %}
{%- if cookiecutter.security == 'strict' %}
    failed_logins: Mapped[int] = mapped_column(default=0)
    # Unix time until which log-ins are refused; 0 when not locked.
    locked_until: Mapped[int] = mapped_column(default=0)
{%- endif %}
{%- if cookiecutter.security == 'strict' and cookiecutter.__web %}
    # Two-factor authentication (mfa.py): the TOTP key ("" when off), the last time step
    # whose code was accepted, and SHA-256 hashes of the unused recovery codes.
    totp_secret: Mapped[str] = mapped_column(String(64), default="")
    totp_last_step: Mapped[int] = mapped_column(default=0)
    recovery_codes: Mapped[str] = mapped_column(String(1000), default="")
{%- endif %}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Item(db.Model):
    """The example resource: replace it with your own."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(1000), default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
