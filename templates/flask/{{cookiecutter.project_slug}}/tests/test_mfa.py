"""Two-factor authentication: app codes (pyotp), recovery codes, turning it off{% if cookiecutter.__admin %}, administrators{% endif %}."""

import re
import time

import pyotp

from {{ cookiecutter.project_slug }} import store

from .conftest import PASSWORD, csrf_token
from .test_auth import log_in, register


def code_at(secret: str, step_offset: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(time.time()) + step_offset)


def post(client, path: str, **fields):
    page = client.get(path)
    return client.post(path, data={**fields, "csrf_token": csrf_token(page)})


def turn_on(client) -> tuple[str, list[str]]:
    """Enrol through the page as a person would: the key as shown; the recovery codes."""
    page = client.get("/auth/mfa/enrol").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    shown = post(client, "/auth/mfa/enrol", code=code_at(secret)).get_data(as_text=True)
    return secret, re.findall(r"<li><code>([a-z2-7]+)</code></li>", shown)


def ada(app):
    with app.app_context():
        return store.find_user("ada@example.com")


def signed_in(client):
    register(client)
    log_in(client)
    return client


def second_step(client, code: str):
    return post(client, "/auth/mfa/verify", code=code)


def is_signed_in(client) -> bool:
    return client.get("/items/new").status_code == 200


def log_in_again(client) -> None:
    client.post("/auth/logout", data={"csrf_token": csrf_token(client.get("/"))})
    response = log_in(client)
    assert response.headers["Location"] == "/auth/mfa/verify"


def test_enrolment_shows_the_key_and_ten_recovery_codes_once(app, client):
    signed_in(client)
    page = client.get("/auth/mfa/enrol").get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in page
    _secret, codes = turn_on(client)
    assert len(codes) == len(set(codes)) == 10
    manage = client.get("/auth/mfa/").get_data(as_text=True)
    assert "10 recovery codes left." in manage
    assert not any(code in manage for code in codes)
    user = ada(app)
    assert user.totp_secret
    assert not any(code in user.recovery_codes for code in codes)  # stored hashed


def test_a_wrong_first_code_leaves_it_off(app, client):
    signed_in(client)
    client.get("/auth/mfa/enrol")
    page = post(client, "/auth/mfa/enrol", code="000000").get_data(as_text=True)
    assert "That code is not valid." in page
    assert not ada(app).totp_secret


def test_log_in_asks_for_the_code_after_the_password(client):
    secret, _codes = turn_on(signed_in(client))
    log_in_again(client)
    assert not is_signed_in(client)
    assert second_step(client, code_at(secret, 1)).status_code == 302
    assert is_signed_in(client)


def test_a_code_just_used_is_refused_with_a_wait_message(client):
    secret, _codes = turn_on(signed_in(client))  # used the current code
    log_in_again(client)
    page = second_step(client, code_at(secret)).get_data(as_text=True)
    assert "This code was just used; wait for the next one." in page
    assert not is_signed_in(client)


def test_wrong_codes_are_limited_with_a_wait_message(client):
    secret, _codes = turn_on(signed_in(client))
    log_in_again(client)
    for _attempt in range(5):
        assert "That code is not valid." in second_step(client, "000000").get_data(as_text=True)
    page = second_step(client, code_at(secret, 1)).get_data(as_text=True)
    assert "Too many wrong codes. Wait" in page
    assert not is_signed_in(client)


def test_a_recovery_code_logs_in_once(client):
    _secret, codes = turn_on(signed_in(client))
    log_in_again(client)
    response = second_step(client, codes[0])
    assert response.status_code == 302
    assert "9 are left" in client.get("/").get_data(as_text=True)
    assert is_signed_in(client)

    log_in_again(client)
    assert "That code is not valid." in second_step(client, codes[0]).get_data(as_text=True)
    assert not is_signed_in(client)


def test_new_recovery_codes_replace_the_old_ones(client):
    _secret, old = turn_on(signed_in(client))
    manage = client.get("/auth/mfa/")
    assert "Make new recovery codes" in manage.get_data(as_text=True)
    shown = client.post("/auth/mfa/recovery-codes", data={"csrf_token": csrf_token(manage)})
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", shown.get_data(as_text=True))
    assert len(new) == 10
    assert not set(old) & set(new)
    log_in_again(client)
    assert second_step(client, old[0]).status_code == 200
    assert second_step(client, new[0]).status_code == 302


def test_turning_off_needs_the_password_and_a_code(app, client):
    secret, codes = turn_on(signed_in(client))
    page = post(client, "/auth/mfa/disable", password="wrong password", code=codes[0])
    assert "That password is not right." in page.get_data(as_text=True)
    assert ada(app).totp_secret

    response = post(client, "/auth/mfa/disable", password=PASSWORD, code=codes[0])
    assert response.status_code == 302
    assert not ada(app).totp_secret
    client.post("/auth/logout", data={"csrf_token": csrf_token(client.get("/"))})
    assert log_in(client).headers["Location"] == "/"  # the password alone again
    new_secret, new_codes = turn_on(client)  # and on again, with a new key
    assert len(new_codes) == 10
    assert new_secret != secret
{%- if cookiecutter.__admin %}


def test_administrators_must_turn_it_on_before_the_admin_area(app, client):
    app.test_cli_runner().invoke(
        args=["create-user", "root@example.com", "--password", PASSWORD, "--admin"]
    )
    log_in(client, email="root@example.com")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/mfa/enrol"
    turn_on(client)
    assert client.get("/admin/").status_code == 200
{%- endif %}
