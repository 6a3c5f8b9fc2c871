"""Data access on a SQL database through SQLAlchemy.

Views and commands call these functions rather than the session, so the
rest of the application does not depend on the kind of database.
"""

from flask import Flask
from sqlalchemy import {% if cookiecutter.__admin %}delete, func, {% endif %}select

from .extensions import db, migrate
from .models import Item, User


def init_app(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db)


def ping() -> None:
    """Raise if the database does not answer."""
    db.session.execute(select(1))


def get_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isascii() and user_id.isdigit() else None


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def add_user(email: str, password_hash: str{% if cookiecutter.__admin %}, is_admin: bool = False{% endif %}) -> User:
    user = User(email=email, password_hash=password_hash{% if cookiecutter.__admin %}, is_admin=is_admin{% endif %})
    db.session.add(user)
    db.session.commit()
    return user


def save_user(user: User) -> None:
    db.session.add(user)
    db.session.commit()
{%- if cookiecutter.__admin %}


def list_users(limit: int = 100) -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.id).limit(limit)))


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0
{%- endif %}


def add_item(name: str, description: str, owner_id: str) -> Item:
    item = Item(name=name, description=description, owner_id=int(owner_id))
    db.session.add(item)
    db.session.commit()
    return item


def get_item(item_id: str) -> Item | None:
    return db.session.get(Item, int(item_id)) if item_id.isascii() and item_id.isdigit() else None


def list_items(limit: int = 20, offset: int = 0) -> list[Item]:
    query = select(Item).order_by(Item.id.desc()).limit(limit).offset(offset)
    return list(db.session.scalars(query))
{%- if cookiecutter.__admin %}


def save_item(item: Item) -> None:
    db.session.add(item)
    db.session.commit()


def delete_item(item: Item) -> None:
    db.session.delete(item)
    db.session.commit()


def delete_user(user: User) -> None:
    """Delete the account and the items it owns."""
    db.session.execute(delete(Item).where(Item.owner_id == user.id))
    db.session.delete(user)
    db.session.commit()
{%- endif %}
