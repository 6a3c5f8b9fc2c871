"""Data access on Redis, used as the primary store through redis-py.

Each record is a hash; sorted sets keep the order of users and items, and a
hash maps emails to user ids. Every key starts with PREFIX, so the project can
share a Redis database. Views and commands call these functions, so the rest
of the application does not depend on the kind of database.
"""

from datetime import UTC, datetime

import redis
from flask import Flask, current_app

from .entities import Item, User

PREFIX = "{{ cookiecutter.project_slug }}:"


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)


def init_app(app: Flask) -> None:
    # The client connects lazily: the app starts even while Redis is still booting.
    app.extensions["redis_store"] = connect(app.config["REDIS_URL"])


def _redis() -> redis.Redis:
    return current_app.extensions["redis_store"]


def _key(*parts: str) -> str:
    return PREFIX + ":".join(parts)


def drop_all() -> None:
    """Delete this project's keys (and nothing else in the database)."""
    keys = list(_redis().scan_iter(match=PREFIX + "*"))
    if keys:
        _redis().delete(*keys)


def ping() -> None:
    """Raise if the database does not answer."""
    _redis().ping()


def _user(user_id: str, fields: dict[str, str]) -> User:
    return User(
        id=user_id,
        email=fields["email"],
        password_hash=fields["password_hash"],
{%- if cookiecutter.__admin %}
        is_admin=fields.get("is_admin") == "1",
{%- endif %}
{%- if cookiecutter.security == 'strict' %}
        failed_logins=int(fields.get("failed_logins", 0)),
        locked_until=int(fields.get("locked_until", 0)),
{%- endif %}
{%- if cookiecutter.security == 'strict' and cookiecutter.__web %}
        totp_secret=fields.get("totp_secret", ""),
        totp_last_step=int(fields.get("totp_last_step", 0)),
        recovery_codes=fields.get("recovery_codes", ""),
{%- endif %}
    )


def _user_fields(user: User) -> dict[str, str | int]:
    return {
        "email": user.email,
        "password_hash": user.password_hash,
{%- if cookiecutter.__admin %}
        "is_admin": int(user.is_admin),
{%- endif %}
{%- if cookiecutter.security == 'strict' %}
        "failed_logins": user.failed_logins,
        "locked_until": user.locked_until,
{%- endif %}
{%- if cookiecutter.security == 'strict' and cookiecutter.__web %}
        "totp_secret": user.totp_secret,
        "totp_last_step": user.totp_last_step,
        "recovery_codes": user.recovery_codes,
{%- endif %}
    }


def get_user(user_id: str) -> User | None:
    if not (user_id.isascii() and user_id.isdigit()):
        return None
    fields = _redis().hgetall(_key("user", user_id))
    return _user(user_id, fields) if fields else None


def find_user(email: str) -> User | None:
    user_id = _redis().hget(_key("user-ids-by-email"), email)
    return get_user(user_id) if user_id else None


def add_user(email: str, password_hash: str{% if cookiecutter.__admin %}, is_admin: bool = False{% endif %}) -> User:
    user_id = str(_redis().incr(_key("last-user-id")))
    # HSETNX claims the email atomically: two sign-ups cannot share it.
    if not _redis().hsetnx(_key("user-ids-by-email"), email, user_id):
        raise ValueError(f"an account already uses {email}")
    user = User(id=user_id, email=email, password_hash=password_hash{% if cookiecutter.__admin %}, is_admin=is_admin{% endif %})
    with _redis().pipeline() as pipe:
        pipe.hset(_key("user", user_id), mapping=_user_fields(user))
        pipe.zadd(_key("users"), {user_id: int(user_id)})
        pipe.execute()
    return user


def save_user(user: User) -> None:
    _redis().hset(_key("user", user.id), mapping=_user_fields(user))
{%- if cookiecutter.__admin %}


def list_users(limit: int = 100) -> list[User]:
    ids = _redis().zrange(_key("users"), 0, limit - 1)
    return [user for user in map(get_user, ids) if user is not None]


def count_users() -> int:
    return _redis().zcard(_key("users"))
{%- endif %}


def _item(item_id: str, fields: dict[str, str]) -> Item:
    return Item(
        id=item_id,
        name=fields["name"],
        description=fields["description"],
        owner_id=fields["owner_id"],
        created_at=datetime.fromisoformat(fields["created_at"]),
    )


def add_item(name: str, description: str, owner_id: str) -> Item:
    item_id = str(_redis().incr(_key("last-item-id")))
    item = Item(item_id, name, description, owner_id, created_at=datetime.now(UTC))
    fields = {
        "name": name,
        "description": description,
        "owner_id": owner_id,
        "created_at": item.created_at.isoformat(),
    }
    with _redis().pipeline() as pipe:
        pipe.hset(_key("item", item_id), mapping=fields)
        pipe.zadd(_key("items"), {item_id: int(item_id)})
        pipe.execute()
    return item


def get_item(item_id: str) -> Item | None:
    if not (item_id.isascii() and item_id.isdigit()):
        return None
    fields = _redis().hgetall(_key("item", item_id))
    return _item(item_id, fields) if fields else None


def list_items(limit: int = 20, offset: int = 0) -> list[Item]:
    ids = _redis().zrevrange(_key("items"), offset, offset + limit - 1)
    return [item for item in map(get_item, ids) if item is not None]
{%- if cookiecutter.__admin %}


def save_item(item: Item) -> None:
    fields = {"name": item.name, "description": item.description}
    _redis().hset(_key("item", item.id), mapping=fields)


def delete_item(item: Item) -> None:
    with _redis().pipeline() as pipe:
        pipe.delete(_key("item", item.id))
        pipe.zrem(_key("items"), item.id)
        pipe.execute()


def delete_user(user: User) -> None:
    """Delete the account and the items it owns (found by reading every item)."""
    items = map(get_item, _redis().zrange(_key("items"), 0, -1))
    owned = [item.id for item in items if item is not None and item.owner_id == user.id]
    with _redis().pipeline() as pipe:
        for item_id in owned:
            pipe.delete(_key("item", item_id))
            pipe.zrem(_key("items"), item_id)
        pipe.delete(_key("user", user.id))
        pipe.zrem(_key("users"), user.id)
        pipe.hdel(_key("user-ids-by-email"), user.email)
        pipe.execute()
{%- endif %}
