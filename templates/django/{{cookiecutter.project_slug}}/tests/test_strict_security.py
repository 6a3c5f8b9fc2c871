"""Two-factor authentication (django-otp): app codes, recovery codes, turning it off{% if cookiecutter.admin %}, staff{% endif %}."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def code_at(device, step_offset=0):
    """The app's code for the current 30-second step, or one `step_offset` steps away."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += step_offset * device.step
    return f"{totp.token():0{device.digits}d}"


def turn_on(client, user):
    """Enrol through the setup page; the recovery codes it shows once."""
    client.get(reverse("mfa_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post(reverse("mfa_setup"), {"token": code_at(device)})
    assert page.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())


def log_in_with_password(client):
    client.logout()
    client.post(reverse("login"), {"username": "ada", "password": PASSWORD})


def second_step(client, token):
    return client.post(reverse("mfa_verify"), {"token": token, "next": reverse("dashboard")})


def is_signed_in(client):
    return client.get(reverse("dashboard")).status_code == 200


def test_setup_shows_the_key_as_qr_code_and_text(signed_in_client, user):
    page = signed_in_client.get(reverse("mfa_setup")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert 'class="secret"' in page


def test_enrolment_shows_ten_single_use_recovery_codes_once(signed_in_client, user):
    codes = turn_on(signed_in_client, user)
    assert len(codes) == len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    manage = signed_in_client.get(reverse("mfa_manage")).content.decode()
    assert "10 recovery codes left" in manage
    assert not any(code in manage for code in codes)


def test_a_wrong_first_code_leaves_it_off(signed_in_client, user):
    signed_in_client.get(reverse("mfa_setup"))
    page = signed_in_client.post(reverse("mfa_setup"), {"token": "000000"})
    assert "That code is not valid." in page.content.decode()
    assert not TOTPDevice.objects.get(user=user).confirmed


def test_login_asks_for_a_code_after_the_password(signed_in_client, user):
    turn_on(signed_in_client, user)
    log_in_with_password(signed_in_client)
    response = signed_in_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_verify"))

    device = TOTPDevice.objects.get(user=user)
    response = second_step(signed_in_client, code_at(device, step_offset=1))
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert is_signed_in(signed_in_client)


def test_a_code_just_used_is_refused_with_a_wait_message(signed_in_client, user):
    turn_on(signed_in_client, user)  # used the current code
    log_in_with_password(signed_in_client)
    page = second_step(signed_in_client, code_at(TOTPDevice.objects.get(user=user)))
    assert "This code was just used; wait for the next one." in page.content.decode()
    assert not is_signed_in(signed_in_client)


def test_a_right_code_right_after_a_wrong_one_is_throttled_with_a_wait_message(
    signed_in_client, user
):
    turn_on(signed_in_client, user)
    log_in_with_password(signed_in_client)
    second_step(signed_in_client, "000000")
    device = TOTPDevice.objects.get(user=user)
    page = second_step(signed_in_client, code_at(device, step_offset=1)).content.decode()
    assert "Too many wrong codes in a row. Wait" in page
    assert not is_signed_in(signed_in_client)


def test_a_recovery_code_logs_in_once(signed_in_client, user):
    codes = turn_on(signed_in_client, user)
    log_in_with_password(signed_in_client)
    response = second_step(signed_in_client, codes[0])
    assert response.status_code == 302
    assert is_signed_in(signed_in_client)
    assert StaticDevice.objects.get(user=user).token_set.count() == 9

    log_in_with_password(signed_in_client)
    page = second_step(signed_in_client, codes[0])
    assert "That code is not valid." in page.content.decode()
    assert not is_signed_in(signed_in_client)


def test_new_recovery_codes_replace_the_old_ones(signed_in_client, user):
    old = turn_on(signed_in_client, user)
    page = signed_in_client.post(reverse("mfa_regenerate")).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)
    assert len(new) == 10
    assert not set(old) & set(new)
    log_in_with_password(signed_in_client)
    StaticDevice.objects.get(user=user).throttle_reset()
    assert second_step(signed_in_client, old[0]).status_code == 200
    StaticDevice.objects.get(user=user).throttle_reset()
    TOTPDevice.objects.get(user=user).throttle_reset()
    assert second_step(signed_in_client, new[0]).status_code == 302


def test_turning_off_needs_the_password_and_a_code(signed_in_client, user):
    codes = turn_on(signed_in_client, user)
    page = signed_in_client.post(reverse("mfa_disable"), {"password": "wrong", "token": codes[0]})
    assert "That password is not right." in page.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()

    response = signed_in_client.post(
        reverse("mfa_disable"), {"password": PASSWORD, "token": codes[0]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()

    log_in_with_password(signed_in_client)
    assert is_signed_in(signed_in_client)
    assert len(turn_on(signed_in_client, user)) == 10  # and on again, with a new key
{%- if cookiecutter.admin %}


def test_staff_must_turn_it_on_before_the_admin(client, django_user_model):
    staff = django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_setup")

    turn_on(client, staff)
    assert client.get(reverse("admin:index")).status_code == 200

    client.logout()
    client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_verify"))
{%- endif %}

{%- if cookiecutter.api == "rest" %}


def test_the_api_refuses_a_missing_second_factor_in_json(signed_in_client, user):
    turn_on(signed_in_client, user)
    log_in_with_password(signed_in_client)
    response = signed_in_client.get("/api/notes/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Enter a two-factor code on the site first."}
    assert signed_in_client.get("/api/docs/").url.startswith(reverse("mfa_verify"))
{%- endif %}
