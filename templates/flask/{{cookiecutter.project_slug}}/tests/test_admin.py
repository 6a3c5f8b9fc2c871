"""The admin area: administrators list, create, edit and delete accounts and items."""

{% if cookiecutter.security == 'strict' -%}
import time

import pyotp
{% endif -%}
import pytest

from {{ cookiecutter.project_slug }} import accounts, store

from .conftest import PASSWORD, csrf_token

OTHER_PASSWORD = "another long passphrase"


def client_for(app, is_admin, email="root@example.com"):
    """A client logged in as a new account{% if cookiecutter.security == 'strict' %}, with two-factor on, as the admin needs{% endif %}."""
    with app.test_request_context():
        user = accounts.register(email, PASSWORD, is_admin=is_admin)
{%- if cookiecutter.security == 'strict' %}
        user.totp_secret = pyotp.random_base32()
        store.save_user(user)
{%- endif %}
    return logged_in_as(app, user)


def logged_in_as(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def admin(app):
    return client_for(app, is_admin=True)


@pytest.fixture
def ada(app):
    """Another account, owning one item."""
    with app.test_request_context():
        user = accounts.register("ada@example.com", PASSWORD)
        item = store.add_item("Ada's item", "made by Ada", str(user.id))
    return user.id, item.id


def post(client, path, form_page=None, **fields):
    """POST a form as the browser would: with the CSRF token of the page that shows it."""
    page = client.get(form_page or path)
    return client.post(path, data={**fields, "csrf_token": csrf_token(page)})


def find(app, email):
    with app.app_context():
        return store.find_user(email)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/admin/"),
        ("get", "/admin/users/new"),
        ("get", "/admin/users/{user}"),
        ("post", "/admin/users/{user}/delete"),
        ("get", "/admin/items/new"),
        ("get", "/admin/items/{item}"),
        ("post", "/admin/items/{item}/delete"),
    ],
)
def test_other_users_are_refused_everywhere(app, ada, method, path):
    user_id, item_id = ada
    client = client_for(app, is_admin=False, email="bob@example.com")
    page = client.get("/")
    url = path.format(user=user_id, item=item_id)
    response = getattr(client, method)(url, data={"csrf_token": csrf_token(page)})
    assert response.status_code == 403
    assert find(app, "ada@example.com") is not None


def test_administrators_see_accounts_and_items(admin, ada):
    page = admin.get("/admin/").get_data(as_text=True)
    assert "root@example.com" in page
    assert "ada@example.com" in page
    assert "Ada&#39;s item" in page


def test_create_an_account_that_can_log_in(app, admin):
    response = post(admin, "/admin/users/new", email="new@example.com", password=OTHER_PASSWORD)
    assert response.headers["Location"] == "/admin/"
    with app.test_request_context():
        assert accounts.authenticate("new@example.com", OTHER_PASSWORD) is not None
    assert not find(app, "new@example.com").is_admin


@pytest.mark.parametrize(
    ("email", "password", "reason"),
    [
        ("root@example.com", OTHER_PASSWORD, "An account already uses this e-mail."),
        ("new@example.com", "short", "Use at least"),
        ("not an e-mail", OTHER_PASSWORD, "Invalid email address."),
    ],
)
def test_create_refuses_what_registration_refuses(app, admin, email, password, reason):
    response = post(admin, "/admin/users/new", email=email, password=password)
    assert response.status_code == 200
    assert reason in response.get_data(as_text=True)
    assert find(app, "new@example.com") is None


def test_edit_an_account(app, admin, ada):
    user_id, _item_id = ada
    path = f"/admin/users/{user_id}"
    response = post(admin, path, is_admin="y", password=OTHER_PASSWORD)
    assert response.headers["Location"] == "/admin/"
    assert find(app, "ada@example.com").is_admin
    with app.test_request_context():
        assert accounts.authenticate("ada@example.com", OTHER_PASSWORD) is not None
    # An empty password keeps the current one.
    post(admin, path, password="")
    assert not find(app, "ada@example.com").is_admin
    with app.test_request_context():
        assert accounts.authenticate("ada@example.com", OTHER_PASSWORD) is not None


def test_a_new_password_ends_the_accounts_sessions_but_not_the_admins_own(app, admin, ada):
    user_id, _item_id = ada
    ada_browser = logged_in_as(app, find(app, "ada@example.com"))
    assert ada_browser.get("/items/new").status_code == 200
    post(admin, f"/admin/users/{user_id}", password=OTHER_PASSWORD)
    assert ada_browser.get("/items/new").status_code == 302

    me = find(app, "root@example.com")
    post(admin, f"/admin/users/{me.id}", is_admin="y", password=OTHER_PASSWORD)
    assert admin.get("/admin/").status_code == 200


def test_a_new_password_follows_the_rules(app, admin, ada):
    user_id, _item_id = ada
    response = post(admin, f"/admin/users/{user_id}", password="short")
    assert response.status_code == 200
    with app.test_request_context():
        assert accounts.authenticate("ada@example.com", PASSWORD) is not None


def test_administrators_keep_their_own_access(app, admin):
    me = find(app, "root@example.com")
    response = post(admin, f"/admin/users/{me.id}", password="")
    assert "You cannot take away your own administrator access." in response.get_data(as_text=True)
    assert find(app, "root@example.com").is_admin
    response = post(admin, f"/admin/users/{me.id}/delete", form_page=f"/admin/users/{me.id}")
    assert response.headers["Location"] == f"/admin/users/{me.id}"
    assert find(app, "root@example.com") is not None


def test_delete_an_account_and_its_items(app, admin, ada):
    user_id, item_id = ada
    path = f"/admin/users/{user_id}/delete"
    response = post(admin, path, form_page=f"/admin/users/{user_id}")
    assert response.headers["Location"] == "/admin/"
    assert find(app, "ada@example.com") is None
    with app.app_context():
        assert store.get_item(str(item_id)) is None


def test_deleting_needs_the_csrf_token(app, admin, ada):
    user_id, _item_id = ada
    assert admin.post(f"/admin/users/{user_id}/delete").status_code == 400
    assert find(app, "ada@example.com") is not None


def test_create_edit_and_delete_an_item(app, admin):
    response = post(admin, "/admin/items/new", name="Made here", description="by the admin")
    assert response.headers["Location"] == "/admin/"
    with app.app_context():
        [item] = store.list_items()
    assert str(item.owner_id) == str(find(app, "root@example.com").id)

    path = f"/admin/items/{item.id}"
    assert "by the admin" in admin.get(path).get_data(as_text=True)
    post(admin, path, name="Renamed", description="")
    with app.app_context():
        saved = store.get_item(str(item.id))
    assert (saved.name, saved.description) == ("Renamed", "")

    response = post(admin, f"{path}/delete", form_page=path)
    assert response.headers["Location"] == "/admin/"
    with app.app_context():
        assert store.list_items() == []


def test_an_item_needs_a_name(admin):
    response = post(admin, "/admin/items/new", name="", description="nameless")
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/admin/users/999999", "/admin/users/nobody", "/admin/items/999999", "/admin/items/x"]
)
def test_unknown_records_are_404(admin, path):
    assert admin.get(path).status_code == 404
{%- if cookiecutter.security == 'strict' %}


def test_unlock_an_account_and_turn_off_its_second_factor(app, admin, ada):
    """The way back for a locked-out user or a lost phone."""
    user_id, _item_id = ada
    with app.app_context():
        user = store.get_user(str(user_id))
        user.locked_until = int(time.time()) + 900
        user.totp_secret = pyotp.random_base32()
        store.save_user(user)
    path = f"/admin/users/{user_id}"
    assert "This account is locked" in admin.get(path).get_data(as_text=True)
    post(admin, path, unlock="y", reset_mfa="y", password="")
    user = find(app, "ada@example.com")
    assert (user.locked_until, user.totp_secret, user.recovery_codes) == (0, "", "")

{%- endif %}
