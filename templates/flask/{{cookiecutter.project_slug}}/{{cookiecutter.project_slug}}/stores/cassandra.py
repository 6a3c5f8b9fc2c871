"""Data access on Apache Cassandra through the DataStax driver.

DATABASE_URL reads `cassandra://host1,host2:9042/keyspace`. Tables are laid
out for the queries below: users by id and by email, and items in one
partition ordered newest first (fine for an example; split the partition by
owner or by month before it grows past a few hundred thousand rows). Views and
commands call these functions, so the rest of the application does not depend
on the kind of database.
"""

import re
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

from cassandra.cluster import Cluster, Session
from cassandra.query import dict_factory
from flask import Flask, current_app

from .entities import Item, User

KEYSPACE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,47}")
# Every item lives in this partition of the items table.
ITEMS_BUCKET = 0

{%- set columns = ['id', 'email', 'password_hash'] %}
{%- if cookiecutter.__admin %}{% set columns = columns + ['is_admin'] %}{% endif %}
{%- if cookiecutter.security == 'strict' %}{% set columns = columns + ['failed_logins', 'locked_until'] %}{% endif %}
{%- if cookiecutter.security == 'strict' and cookiecutter.__web %}{% set columns = columns + ['totp_secret', 'totp_last_step', 'recovery_codes'] %}{% endif %}
USER_COLUMNS = {{ columns|tojson }}
{%- set into = "INSERT INTO users (" ~ columns|join(', ') ~ ")" %}
{%- set values = "VALUES (" ~ (['%s'] * columns|length)|join(', ') ~ ")" %}
{%- if (into ~ values)|length < 80 %}
INSERT_USER = "{{ into }} {{ values }}"
{%- else %}
INSERT_USER = (
    "{{ into }} "
    "{{ values }}"
)
{%- endif %}

TABLES = [
    """CREATE TABLE IF NOT EXISTS users (
        id uuid PRIMARY KEY, email text, password_hash text{% if cookiecutter.__admin %}, is_admin boolean{% endif %}{% if cookiecutter.security == 'strict' %},
        failed_logins int, locked_until bigint{% endif %}{% if cookiecutter.security == 'strict' and cookiecutter.__web %},
        totp_secret text, totp_last_step bigint, recovery_codes text{% endif %}
    )""",
    "CREATE TABLE IF NOT EXISTS users_by_email (email text PRIMARY KEY, id uuid)",
    """CREATE TABLE IF NOT EXISTS items (
        bucket int, id timeuuid, name text, description text, owner_id text,
        created_at timestamp, PRIMARY KEY (bucket, id)
    ) WITH CLUSTERING ORDER BY (id DESC)""",
]


def parse_url(url: str) -> tuple[list[str], int, str]:
    """Contact points, port and keyspace of a `cassandra://` URL."""
    parts = urlsplit(url)
    if parts.scheme != "cassandra":
        raise ValueError(f"DATABASE_URL must start with cassandra://, not {parts.scheme}://")
    keyspace = parts.path.strip("/")
    if not KEYSPACE_NAME.fullmatch(keyspace):
        raise ValueError(f"DATABASE_URL needs a keyspace name after the host, not {keyspace!r}")
    return (parts.hostname or "localhost").split(","), parts.port or 9042, keyspace


def init_app(app: Flask) -> None:
    # Connecting waits for the first query: the app starts even while Cassandra boots.
    app.extensions["cassandra"] = {"url": parse_url(app.config["DATABASE_URL"]), "session": None}


def _session() -> Session:
    state = current_app.extensions["cassandra"]
    if state["session"] is None:
        hosts, port, keyspace = state["url"]
        session = Cluster(hosts, port=port).connect()
        session.row_factory = dict_factory
        session.execute(
            f"CREATE KEYSPACE IF NOT EXISTS {keyspace} "
            "WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
        )
        session.set_keyspace(keyspace)
        state["session"] = session
    return state["session"]


def create_schema() -> None:
    """Create the keyspace and tables (`flask init-db`; safe to repeat)."""
    for statement in TABLES:
        _session().execute(statement)


def drop_all() -> None:
    for table in ("users", "users_by_email", "items"):
        _session().execute(f"TRUNCATE {table}")


def ping() -> None:
    """Raise if the database does not answer."""
    _session().execute("SELECT release_version FROM system.local")


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _user(row: dict) -> User:
    return User(
        id=str(row["id"]),
        email=row["email"],
        password_hash=row["password_hash"],
{%- if cookiecutter.__admin %}
        is_admin=bool(row["is_admin"]),
{%- endif %}
{%- if cookiecutter.security == 'strict' %}
        failed_logins=row["failed_logins"] or 0,
        locked_until=row["locked_until"] or 0,
{%- endif %}
{%- if cookiecutter.security == 'strict' and cookiecutter.__web %}
        totp_secret=row["totp_secret"] or "",
        totp_last_step=row["totp_last_step"] or 0,
        recovery_codes=row["recovery_codes"] or "",
{%- endif %}
    )


def get_user(user_id: str) -> User | None:
    key = _uuid(user_id)
    row = _session().execute("SELECT * FROM users WHERE id = %s", [key]).one() if key else None
    return _user(row) if row else None


def find_user(email: str) -> User | None:
    row = _session().execute("SELECT id FROM users_by_email WHERE email = %s", [email]).one()
    return get_user(str(row["id"])) if row else None


def add_user(email: str, password_hash: str{% if cookiecutter.__admin %}, is_admin: bool = False{% endif %}) -> User:
    user_id = str(uuid.uuid4())
    user = User(user_id, email, password_hash{% if cookiecutter.__admin %}, is_admin=is_admin{% endif %})
    # A lightweight transaction claims the email: two sign-ups cannot share it.
    claim = "INSERT INTO users_by_email (email, id) VALUES (%s, %s) IF NOT EXISTS"
    claimed = _session().execute(claim, [email, uuid.UUID(user_id)]).one()
    if not claimed["[applied]"]:
        raise ValueError(f"an account already uses {email}")
    save_user(user)
    return user


def save_user(user: User) -> None:
    values = [getattr(user, column) for column in USER_COLUMNS]
    values[0] = uuid.UUID(user.id)
    _session().execute(INSERT_USER, values)
{%- if cookiecutter.__admin %}


def list_users(limit: int = 100) -> list[User]:
    rows = _session().execute("SELECT * FROM users LIMIT %s", [limit])
    return sorted((_user(row) for row in rows), key=lambda user: user.email)


def count_users() -> int:
    return _session().execute("SELECT COUNT(*) AS count FROM users").one()["count"]
{%- endif %}


def _item(row: dict) -> Item:
    return Item(
        id=str(row["id"]),
        name=row["name"],
        description=row["description"],
        owner_id=row["owner_id"],
        created_at=row["created_at"].replace(tzinfo=UTC),
    )


def add_item(name: str, description: str, owner_id: str) -> Item:
    now = datetime.now(UTC)
    # Cassandra keeps milliseconds: store and return the same instant.
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    item = Item(str(uuid.uuid1()), name, description, owner_id, created_at=now)
    _session().execute(
        "INSERT INTO items (bucket, id, name, description, owner_id, created_at) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        [ITEMS_BUCKET, uuid.UUID(item.id), name, description, owner_id, now],
    )
    return item


def get_item(item_id: str) -> Item | None:
    key = _uuid(item_id)
    if key is None or key.version != 1:
        return None
    query = "SELECT * FROM items WHERE bucket = %s AND id = %s"
    row = _session().execute(query, [ITEMS_BUCKET, key]).one()
    return _item(row) if row else None


def list_items(limit: int = 20, offset: int = 0) -> list[Item]:
    # Cassandra has no OFFSET: read past the skipped rows, newest first.
    rows = _session().execute(
        "SELECT * FROM items WHERE bucket = %s LIMIT %s", [ITEMS_BUCKET, offset + limit]
    )
    return [_item(row) for row in list(rows)[offset:]]
{%- if cookiecutter.__admin %}


def save_item(item: Item) -> None:
    _session().execute(
        "UPDATE items SET name = %s, description = %s WHERE bucket = %s AND id = %s",
        [item.name, item.description, ITEMS_BUCKET, uuid.UUID(item.id)],
    )


def delete_item(item: Item) -> None:
    query = "DELETE FROM items WHERE bucket = %s AND id = %s"
    _session().execute(query, [ITEMS_BUCKET, uuid.UUID(item.id)])


def delete_user(user: User) -> None:
    """Delete the account and the items it owns (found by reading the items' partition)."""
    rows = _session().execute("SELECT id, owner_id FROM items WHERE bucket = %s", [ITEMS_BUCKET])
    for row in rows:
        if row["owner_id"] == user.id:
            query = "DELETE FROM items WHERE bucket = %s AND id = %s"
            _session().execute(query, [ITEMS_BUCKET, row["id"]])
    _session().execute("DELETE FROM users_by_email WHERE email = %s", [user.email])
    _session().execute("DELETE FROM users WHERE id = %s", [uuid.UUID(user.id)])
{%- endif %}
