"""Two-factor authentication (django-otp)."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_turning_on_two_factor_authentication(signed_in_client, user):
    page = signed_in_client.get(reverse("mfa_setup"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = signed_in_client.post(reverse("mfa_setup"), {"token": "000000"})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # a wrong code makes django-otp wait before the next try

    response = signed_in_client.post(reverse("mfa_setup"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_login_asks_for_the_code_once_two_factor_is_on(client, user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.post(reverse("login"), {"username": "ada", "password": PASSWORD})

    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_verify"))

    client.post(reverse("mfa_verify"), {"token": "000000"})
    assert client.get(reverse("dashboard")).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes django-otp wait before the next try

    response = client.post(
        reverse("mfa_verify"), {"token": current_code(device), "next": reverse("dashboard")}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
