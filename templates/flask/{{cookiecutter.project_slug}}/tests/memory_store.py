"""An in-memory stand-in for the Cassandra store, for running the suite without a server.

It keeps the same functions and behaviour as `{{ cookiecutter.project_slug }}/store.py`
(newest items first, unique emails, ids as strings) so the application can be
tested; it does not test the CQL itself. Test ids say `fake-memory` when it is used.
"""

import uuid
from dataclasses import replace
from datetime import UTC, datetime

from {{ cookiecutter.project_slug }}.entities import Item, User


class MemoryStore:
    def __init__(self) -> None:
        self.users: dict[str, User] = {}
        self.items: dict[str, Item] = {}

    def init_app(self, app) -> None:
        """Nothing to connect to."""

    def create_schema(self) -> None:
        """Nothing to create."""

    def drop_all(self) -> None:
        self.users.clear()
        self.items.clear()

    def ping(self) -> None:
        """Always answers."""

    def get_user(self, user_id: str) -> User | None:
        user = self.users.get(user_id)
        return replace(user) if user else None

    def find_user(self, email: str) -> User | None:
        found = [user for user in self.users.values() if user.email == email]
        return replace(found[0]) if found else None

    def add_user(self, email: str, password_hash: str, **fields) -> User:
        if self.find_user(email):
            raise ValueError(f"an account already uses {email}")
        user = User(str(uuid.uuid4()), email, password_hash, **fields)
        self.users[user.id] = replace(user)
        return user

    def save_user(self, user: User) -> None:
        self.users[user.id] = replace(user)
{%- if cookiecutter.__admin %}

    def list_users(self, limit: int = 100) -> list[User]:
        return sorted(self.users.values(), key=lambda user: user.email)[:limit]

    def count_users(self) -> int:
        return len(self.users)

    def save_item(self, item: Item) -> None:
        self.items[item.id] = replace(item)

    def delete_item(self, item: Item) -> None:
        self.items.pop(item.id, None)

    def delete_user(self, user: User) -> None:
        self.items = {key: item for key, item in self.items.items() if item.owner_id != user.id}
        self.users.pop(user.id, None)
{%- endif %}

    def add_item(self, name: str, description: str, owner_id: str) -> Item:
        item = Item(str(uuid.uuid1()), name, description, owner_id, datetime.now(UTC))
        self.items[item.id] = item
        return item

    def get_item(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    def list_items(self, limit: int = 20, offset: int = 0) -> list[Item]:
        newest_first = list(reversed(self.items.values()))
        return newest_first[offset : offset + limit]
