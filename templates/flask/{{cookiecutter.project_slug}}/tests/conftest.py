"""Fixtures: each test gets an app on its own empty database, and a client.

`DATABASE_URL`{% if cookiecutter.__uses_redis %} and `REDIS_URL`{% endif %} from the environment point the suite at a real
server; without them it runs on {% if cookiecutter.__sql %}an in-memory SQLite database{% elif cookiecutter.database == 'mongodb' %}mongomock, an in-memory fake of MongoDB{% elif cookiecutter.database == 'redis' %}fakeredis, an in-memory fake of Redis{% else %}an in-memory fake of the store{% endif %}.
"""

import os
{%- if cookiecutter.__web %}
import re
{%- endif %}

{% if cookiecutter.database == 'mongodb' -%}
import mongomock
{% elif cookiecutter.database == 'redis' -%}
import fakeredis
{% endif -%}
import pytest
{%- if cookiecutter.__sql %}
from sqlalchemy import MetaData
{%- endif %}

from {{ cookiecutter.project_slug }} import create_app{% if not cookiecutter.__sql %}, store{% endif %}
from {{ cookiecutter.project_slug }}.config import TestingConfig
{%- if cookiecutter.__sql %}
from {{ cookiecutter.project_slug }}.extensions import db
{%- endif %}
{%- if cookiecutter.database == 'cassandra' %}

from .memory_store import MemoryStore
{%- endif %}

PASSWORD = "correct horse battery"
{%- if cookiecutter.__sql %}

# The database the suite runs on, shown in every test id.
BACKEND = os.environ.get("DATABASE_URL", "sqlite://").partition(":")[0]


def _drop_everything() -> None:
    """Drop every table, including alembic_version left by migration tests."""
    tables = MetaData()
    tables.reflect(db.engine)
    tables.drop_all(db.engine)


@pytest.fixture(params=[BACKEND])
def make_app(request):
    """Build apps on an empty database; settings are overridden by keyword."""

    def build(create_tables: bool = True, **settings):
        config = TestingConfig()
        for name, value in settings.items():
            setattr(config, name, value)
        app = create_app(config)
        with app.app_context():
            _drop_everything()
            if create_tables:
                db.create_all()
        built.append(app)
        return app

    built = []
    yield build
    for app in built:
        with app.app_context():
            db.session.remove()
            _drop_everything()
            db.engine.dispose()
{%- elif cookiecutter.database == 'mongodb' %}

# A live server when DATABASE_URL is set, otherwise mongomock (a fake, named in every test id).
BACKEND = "mongodb" if os.environ.get("DATABASE_URL") else "fake-mongomock"


def use_fake(monkeypatch) -> None:
    monkeypatch.setattr(store, "MongoClient", mongomock.MongoClient)


@pytest.fixture(params=[BACKEND])
def make_app(request, monkeypatch):
    """Build apps on an empty database; settings are overridden by keyword."""

    def build(**settings):
        config = TestingConfig()
        for name, value in settings.items():
            setattr(config, name, value)
        app = create_app(config)
        with app.app_context():
            store.drop_all()
            store.create_indexes()
        built.append(app)
        return app

    built = []
    if BACKEND.startswith("fake"):
        use_fake(monkeypatch)
    yield build
    for app in built:
        with app.app_context():
            store.drop_all()
{%- elif cookiecutter.database == 'redis' %}

# A live server when REDIS_URL is set, otherwise fakeredis (a fake, named in every test id).
BACKEND = "redis" if os.environ.get("REDIS_URL") else "fake-fakeredis"


def use_fake(monkeypatch) -> None:
    server = fakeredis.FakeServer()
    monkeypatch.setattr(
        store, "connect", lambda url: fakeredis.FakeRedis(server=server, decode_responses=True)
    )


@pytest.fixture(params=[BACKEND])
def make_app(request, monkeypatch):
    """Build apps on an empty database; settings are overridden by keyword."""

    def build(**settings):
        config = TestingConfig()
        for name, value in settings.items():
            setattr(config, name, value)
        app = create_app(config)
        with app.app_context():
            store.drop_all()
        built.append(app)
        return app

    built = []
    if BACKEND.startswith("fake"):
        use_fake(monkeypatch)
    yield build
    for app in built:
        with app.app_context():
            store.drop_all()
{%- elif cookiecutter.database == 'cassandra' %}

# A live server when DATABASE_URL is set, otherwise an in-memory fake of the store
# (named in every test id; it does not run the CQL).
BACKEND = "cassandra" if os.environ.get("DATABASE_URL") else "fake-memory"
STORE_FUNCTIONS = [name for name in dir(MemoryStore) if not name.startswith("_")]


def use_fake(monkeypatch) -> None:
    fake = MemoryStore()
    for name in STORE_FUNCTIONS:
        monkeypatch.setattr(store, name, getattr(fake, name))


@pytest.fixture(params=[BACKEND])
def make_app(request, monkeypatch):
    """Build apps on an empty database; settings are overridden by keyword."""

    def build(**settings):
        config = TestingConfig()
        for name, value in settings.items():
            setattr(config, name, value)
        app = create_app(config)
        with app.app_context():
            store.create_schema()
            store.drop_all()
        built.append(app)
        return app

    built = []
    if BACKEND.startswith("fake"):
        use_fake(monkeypatch)
    yield build
    for app in built:
        with app.app_context():
            store.drop_all()
{%- endif %}


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()

{%- if cookiecutter.__web %}


def csrf_token(response) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "the page has no CSRF token"
    return match.group(1)
{%- endif %}
