"""The data-access layer, on the database the suite runs against."""

{% if cookiecutter.database == 'cassandra' -%}
import pytest

{% endif -%}
from {{ cookiecutter.project_slug }} import accounts, store

from .conftest import PASSWORD


def make_user(email="ada@example.com"):
    return store.add_user(email, accounts.hash_password(PASSWORD))


def test_users_are_found_by_id_and_email(app):
    with app.test_request_context():
        user = make_user()
        assert store.find_user("ada@example.com").id == user.id
        assert store.get_user(str(user.id)).email == "ada@example.com"
        assert store.find_user("nobody@example.com") is None
        assert store.get_user("not-an-id") is None
        assert store.get_user("999999") is None
{%- if cookiecutter.security == 'strict' %}


def test_saved_user_keeps_its_changes(app):
    with app.test_request_context():
        user = make_user()
        user.failed_logins = 3
        store.save_user(user)
        assert store.get_user(str(user.id)).failed_logins == 3
{%- endif %}
{%- if cookiecutter.__admin %}


def test_users_are_listed_and_counted(app):
    with app.test_request_context():
        make_user("ada@example.com")
        make_user("grace@example.com")
        assert store.count_users() == 2
        assert [user.email for user in store.list_users()] == [
            "ada@example.com",
            "grace@example.com",
        ]
{%- endif %}


def test_items_are_listed_newest_first_with_paging(app):
    with app.test_request_context():
        owner = make_user()
        for name in ("one", "two", "three"):
            store.add_item(name, "", str(owner.id))
        assert [item.name for item in store.list_items()] == ["three", "two", "one"]
        assert [item.name for item in store.list_items(limit=1, offset=1)] == ["two"]


def test_item_round_trip_keeps_unicode(app):
    with app.test_request_context():
        owner = make_user()
        item = store.add_item("Café ☕", "naïve “quotes”", str(owner.id))
        found = store.get_item(str(item.id))
        assert (found.name, found.description) == ("Café ☕", "naïve “quotes”")
        assert str(found.owner_id) == str(owner.id)
        assert found.created_at is not None
        assert store.get_item("not-an-id") is None


def test_ping_answers(app):
    with app.app_context():
        store.ping()
{%- if cookiecutter.database == 'cassandra' %}


def test_cassandra_url_gives_hosts_port_and_keyspace():
    """The real store's parser: the in-memory fake never replaces it."""
    assert store.parse_url("cassandra://db1,db2:9043/shop") == (["db1", "db2"], 9043, "shop")
    assert store.parse_url("cassandra://db/shop") == (["db"], 9042, "shop")
    with pytest.raises(ValueError, match="keyspace"):
        store.parse_url("cassandra://db/")
{%- endif %}
