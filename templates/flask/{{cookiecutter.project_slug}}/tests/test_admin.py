"""The admin area is for administrators only."""

{% if cookiecutter.security == 'strict' -%}
import pyotp

{% endif -%}
from {{ cookiecutter.project_slug }} import accounts{% if cookiecutter.security == 'strict' %}, store{% endif %}


def client_for(app, is_admin):
    with app.test_request_context():
        user = accounts.register("ada@example.com", "correct horse battery", is_admin=is_admin)
{%- if cookiecutter.security == 'strict' %}
        # An administrator with two-factor authentication on, as the admin area requires.
        user.totp_secret = pyotp.random_base32()
        store.save_user(user)
{%- endif %}
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    return client


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_other_users_are_refused(app):
    assert client_for(app, is_admin=False).get("/admin/").status_code == 403


def test_administrators_see_the_accounts(app):
    response = client_for(app, is_admin=True).get("/admin/")
    assert response.status_code == 200
    assert "ada@example.com" in response.get_data(as_text=True)
