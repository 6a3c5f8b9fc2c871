"""Data access on MongoDB through PyMongo.

Views and commands call these functions, so the rest of the application
does not depend on the kind of database.
"""

from datetime import UTC, datetime

from bson import ObjectId
from bson.errors import InvalidId
from flask import Flask, current_app
from pymongo import ASCENDING, DESCENDING, MongoClient
from pymongo.database import Database

from .entities import Item, User


def init_app(app: Flask) -> None:
    # The client connects lazily: the app starts even while MongoDB is still booting.
    client = MongoClient(app.config["DATABASE_URL"], tz_aware=True, serverSelectionTimeoutMS=3000)
    app.extensions["mongodb"] = client.get_default_database()


def _db() -> Database:
    return current_app.extensions["mongodb"]


def _object_id(value: str) -> ObjectId | None:
    try:
        return ObjectId(value)
    except (InvalidId, TypeError):
        return None


def create_indexes() -> None:
    """Unique emails and an owner index (`flask init-db`; safe to repeat)."""
    _db().users.create_index([("email", ASCENDING)], unique=True)
    _db().items.create_index([("owner_id", ASCENDING)])


def drop_all() -> None:
    _db().drop_collection("users")
    _db().drop_collection("items")


def ping() -> None:
    """Raise if the database does not answer."""
    _db().command("ping")


def _user(document: dict) -> User:
    return User(
        id=str(document["_id"]),
        email=document["email"],
        password_hash=document["password_hash"],
{%- if cookiecutter.__admin %}
        is_admin=document.get("is_admin", False),
{%- endif %}
{%- if cookiecutter.security == 'strict' %}
        failed_logins=document.get("failed_logins", 0),
        locked_until=document.get("locked_until", 0),
{%- endif %}
{%- if cookiecutter.security == 'strict' and cookiecutter.__web %}
        totp_secret=document.get("totp_secret", ""),
        totp_last_step=document.get("totp_last_step", 0),
        recovery_codes=document.get("recovery_codes", ""),
{%- endif %}
    )


def _item(document: dict) -> Item:
    return Item(
        id=str(document["_id"]),
        name=document["name"],
        description=document["description"],
        owner_id=document["owner_id"],
        created_at=document["created_at"],
    )


def get_user(user_id: str) -> User | None:
    object_id = _object_id(user_id)
    document = _db().users.find_one({"_id": object_id}) if object_id else None
    return _user(document) if document else None


def find_user(email: str) -> User | None:
    document = _db().users.find_one({"email": email})
    return _user(document) if document else None


def add_user(email: str, password_hash: str{% if cookiecutter.__admin %}, is_admin: bool = False{% endif %}) -> User:
    document = {"email": email, "password_hash": password_hash{% if cookiecutter.__admin %}, "is_admin": is_admin{% endif %}}
    _db().users.insert_one(document)
    return _user(document)


def save_user(user: User) -> None:
    changes = {
        "email": user.email,
        "password_hash": user.password_hash,
{%- if cookiecutter.__admin %}
        "is_admin": user.is_admin,
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
    _db().users.update_one({"_id": ObjectId(user.id)}, {"$set": changes})
{%- if cookiecutter.__admin %}


def list_users(limit: int = 100) -> list[User]:
    return [_user(document) for document in _db().users.find().sort("_id", ASCENDING).limit(limit)]


def count_users() -> int:
    return _db().users.count_documents({})
{%- endif %}


def _now() -> datetime:
    """The current time at MongoDB's precision (milliseconds), so reads match writes."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def add_item(name: str, description: str, owner_id: str) -> Item:
    document = {
        "name": name,
        "description": description,
        "owner_id": owner_id,
        "created_at": _now(),
    }
    _db().items.insert_one(document)
    return _item(document)


def get_item(item_id: str) -> Item | None:
    object_id = _object_id(item_id)
    document = _db().items.find_one({"_id": object_id}) if object_id else None
    return _item(document) if document else None


def list_items(limit: int = 20, offset: int = 0) -> list[Item]:
    cursor = _db().items.find().sort("_id", DESCENDING).skip(offset).limit(limit)
    return [_item(document) for document in cursor]
{%- if cookiecutter.__admin %}


def save_item(item: Item) -> None:
    changes = {"name": item.name, "description": item.description}
    _db().items.update_one({"_id": ObjectId(item.id)}, {"$set": changes})


def delete_item(item: Item) -> None:
    _db().items.delete_one({"_id": ObjectId(item.id)})


def delete_user(user: User) -> None:
    """Delete the account and the items it owns."""
    _db().items.delete_many({"owner_id": user.id})
    _db().users.delete_one({"_id": ObjectId(user.id)})
{%- endif %}
